// capture (full only), void (none at Razorpay), refund (with X-Refund-Idempotency) and
// get_refund.
#include <fmt/format.h>

#include "connectors/razorpay/currencies.hpp"
#include "connectors/razorpay/objects.hpp"
#include "connectors/razorpay/razorpay_connector.hpp"
#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

namespace {

status check_payment_id(std::string_view id) {
  return wire::check_id(id, "connector_payment_id", "pay_", "payment");
}

// `amount` may not exceed the payment's amount nor differ in currency; checked before any call.
status check_within(const std::optional<money>& amount, const std::optional<money>& payment_amount,
                    std::string_view field) {
  if (amount)
    if (auto s = check_amount(*amount, field); !s) return s;
  if (payment_amount)
    if (auto s = check_amount(*payment_amount, "payment_amount"); !s) return s;
  if (!amount || !payment_amount) return ok_status();
  if (amount->currency != payment_amount->currency)
    return invalid_argument(fmt::format("{}.currency", field),
                            "differs from the payment's currency");
  if (amount->minor_amount > payment_amount->minor_amount)
    return invalid_argument(fmt::format("{}.minor_amount", field),
                            fmt::format("{} exceeds the payment amount {}", to_string(*amount),
                                        to_string(*payment_amount)));
  return ok_status();
}

}  // namespace

step_result<payment_result> razorpay_connector::capture(const capture_request& req,
                                                        const flow_context& ctx) const {
  auto k = wire::require_keys(ctx.creds);
  if (!k) return k.err();
  if (auto* resp = wire::last_response(ctx))
    return domain::final_result<payment_result>(
        payment_reply(*resp, k->secret, req.merchant_reference));

  if (auto s = check_payment_id(req.connector_payment_id); !s) return s.err();
  if (auto s = check_within(req.amount_to_capture, req.payment_amount, "amount_to_capture"); !s)
    return s.err();
  // Razorpay's capture takes the amount and it must equal the authorized amount.
  if (req.amount_to_capture && req.payment_amount &&
      req.amount_to_capture->minor_amount < req.payment_amount->minor_amount)
    return invalid_argument(
        "amount_to_capture",
        fmt::format("Razorpay captures only the full authorized amount ({}); {} is a partial "
                    "capture: capture {} or refund the difference after capturing",
                    to_string(*req.payment_amount), to_string(*req.amount_to_capture),
                    to_string(*req.payment_amount)));
  const auto& amount = req.amount_to_capture ? req.amount_to_capture : req.payment_amount;
  if (!amount)
    return invalid_argument("amount_to_capture",
                            "Razorpay's capture needs the authorized amount: set "
                            "amount_to_capture or payment_amount");
  boost::json::object body{{"amount", amount->minor_amount}, {"currency", amount->currency}};
  return domain::next_request<payment_result>(
      wire::post(wire::path("payments", req.connector_payment_id, "capture"), body, *k));
}

step_result<payment_result> razorpay_connector::void_payment(const void_request&,
                                                             const flow_context&) const {
  // Not UNIMPLEMENTED: the flow exists in the API but the processor cannot do it, and the
  // caller has a way out (refund after capture, or let the authorization lapse).
  return make_error(error_code::failed_precondition, reason::not_supported_by_processor,
                    "Razorpay has no void: an authorized payment that is not captured is "
                    "refunded to the customer automatically after a few days (the capture window "
                    "set on the account); refund a captured payment instead");
}

step_result<refund_result> razorpay_connector::refund(const refund_request& req,
                                                      const flow_context& ctx) const {
  auto k = wire::require_keys(ctx.creds);
  if (!k) return k.err();
  if (auto* resp = wire::last_response(ctx)) {
    auto r = refund_reply(*resp, k->secret);
    if (!r) return r.err();
    if (r->connector_payment_id.empty()) r->connector_payment_id = req.connector_payment_id;
    if (r->merchant_reference.empty()) r->merchant_reference = req.merchant_reference;
    return domain::final_result<refund_result>(std::move(r));
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = check_payment_id(req.connector_payment_id); !s) return s.err();
  if (auto s = check_within(req.amount, req.payment_amount, "amount"); !s) return s.err();
  auto rc = wire::receipt(req.merchant_reference, req.idempotency_key);
  if (!rc) return rc.err();

  boost::json::object body;
  // Without an amount Razorpay refunds what is left of the payment.
  if (req.amount) body["amount"] = req.amount->minor_amount;
  // "optimum" is Razorpay's instant refund where the bank allows it, normal otherwise.
  body["speed"] = req.speed == refund_speed::instant ? "optimum" : "normal";
  body["receipt"] = *rc;
  std::map<std::string, std::string> extra;
  if (!req.reason.empty()) extra["reason"] = req.reason.substr(0, wire::max_note_length);
  body["notes"] = wire::notes(extra, req.merchant_reference);
  auto r = wire::post(wire::path("payments", req.connector_payment_id, "refund"), body, *k);
  // Razorpay's only idempotency header: a replay answers the first refund; 409 while it runs.
  r.idempotency_key = req.idempotency_key;
  r.headers.push_back({"X-Refund-Idempotency", req.idempotency_key, false});
  return domain::next_request<refund_result>(std::move(r));
}

step_result<refund_result> razorpay_connector::get_refund(const get_refund_request& req,
                                                          const flow_context& ctx) const {
  auto k = wire::require_keys(ctx.creds);
  if (!k) return k.err();
  if (auto* resp = wire::last_response(ctx)) {
    auto r = refund_reply(*resp, k->secret);
    if (!r) return r.err();
    if (r->connector_payment_id.empty()) r->connector_payment_id = req.connector_payment_id;
    return domain::final_result<refund_result>(std::move(r));
  }
  if (auto s = wire::check_id(req.connector_refund_id, "connector_refund_id", "rfnd_", "refund");
      !s)
    return s.err();
  return domain::next_request<refund_result>(
      wire::get(wire::path("refunds", req.connector_refund_id), *k));
}

}  // namespace cs::connectors::razorpay
