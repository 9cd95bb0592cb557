// capture (full only), void (none at Razorpay), refund (with X-Refund-Idempotency) and
// get_refund.
#include <fmt/format.h>

#include "connectors/common/flow_steps.hpp"
#include "connectors/common/requests.hpp"
#include "connectors/razorpay/currencies.hpp"
#include "connectors/razorpay/flow_parts.hpp"
#include "connectors/razorpay/objects.hpp"
#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

namespace {

status check_payment_id(std::string_view id) {
  return wire::check_id(id, "connector_payment_id", "pay_", "payment");
}

}  // namespace

step_result<payment_result> capture(const capture_request& req, const wire::keys& k,
                                    const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<payment_result>(
        payment_reply(*resp, k.secret, req.merchant_reference));

  if (auto s = check_payment_id(req.connector_payment_id); !s) return s.err();
  if (auto s = check_within(req.amount_to_capture, req.payment_amount, "amount_to_capture",
                            &check_amount);
      !s)
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
      wire::post(wire::path("payments", req.connector_payment_id, "capture"), body, k));
}

step_result<refund_result> refund(const refund_request& req, const wire::keys& k,
                                  const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto r = refund_reply(*resp, k.secret);
    if (!r) return r.err();
    if (r->connector_payment_id.empty()) r->connector_payment_id = req.connector_payment_id;
    if (r->merchant_reference.empty()) r->merchant_reference = req.merchant_reference;
    return domain::final_result<refund_result>(std::move(r));
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = check_payment_id(req.connector_payment_id); !s) return s.err();
  if (auto s = check_within(req.amount, req.payment_amount, "amount", &check_amount); !s)
    return s.err();
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
  auto r = wire::post(wire::path("payments", req.connector_payment_id, "refund"), body, k);
  // Razorpay's only idempotency header: a replay answers the first refund; 409 while it runs.
  r.idempotency_key = req.idempotency_key;
  r.headers.push_back({"X-Refund-Idempotency", req.idempotency_key, false});
  return domain::next_request<refund_result>(std::move(r));
}

step_result<refund_result> get_refund(const get_refund_request& req, const wire::keys& k,
                                      const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto r = refund_reply(*resp, k.secret);
    if (!r) return r.err();
    if (r->connector_payment_id.empty()) r->connector_payment_id = req.connector_payment_id;
    return domain::final_result<refund_result>(std::move(r));
  }
  if (auto s = wire::check_id(req.connector_refund_id, "connector_refund_id", "rfnd_", "refund");
      !s)
    return s.err();
  return domain::next_request<refund_result>(
      wire::get(wire::path("refunds", req.connector_refund_id), k));
}

void add_modifications_flows(flow_table& t) {
  t.capture = with_auth<&wire::require_keys, &capture>::run;
  t.refund = with_auth<&wire::require_keys, &refund>::run;
  t.get_refund = with_auth<&wire::require_keys, &get_refund>::run;
}

}  // namespace cs::connectors::razorpay
