// capture, refund and void (cancel): Adyen answers 201 "received" at once; the outcome arrives
// later by webhook (CAPTURE, REFUND, CANCELLATION), so the results here are *_pending.
#include <fmt/format.h>

#include "connectors/adyen/flow_parts.hpp"
#include "connectors/adyen/wire.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"

namespace cs::connectors::adyen {

using namespace domain;

namespace {

struct modification_reply {
  std::string payment_psp;  // paymentPspReference
  std::string psp;          // the modification's own pspReference
  std::string status;       // "received"
  std::string reference;
  std::optional<money> amount;
};

result<modification_reply> parse_modification(const http_response& r, std::string_view api_key) {
  auto doc = wire::parse_reply(r, api_key);
  if (!doc) return doc.err();
  modification_reply m{json::str(*doc, "paymentPspReference"), json::str(*doc, "pspReference"),
                       scrub(json::str(*doc, "status"), api_key), json::str(*doc, "reference"),
                       wire::read_amount(*doc)};
  if (m.status.empty()) {
    error e;
    e.code = error_code::unavailable;
    e.reason = reason::bad_processor_reply;
    e.message = "Adyen answered the modification without a status, so its outcome is unknown";
    return e;
  }
  return m;
}

// The amount to send: the explicit one, else the whole payment; never more than the payment.
result<money> modification_amount(const std::optional<money>& amount,
                                  const std::optional<money>& payment_amount,
                                  std::string_view field, std::string_view what) {
  if (!amount && !payment_amount)
    return invalid_argument(
        std::string(field),
        fmt::format("is required: Adyen needs the amount to {} (or give payment_amount to {} "
                    "all of it)",
                    what, what));
  const money& m = amount ? *amount : *payment_amount;
  if (auto s = validate_money(m, amount ? field : "payment_amount"); !s) return s.err();
  if (amount && payment_amount) {
    if (amount->currency != payment_amount->currency)
      return invalid_argument(std::string(field), "currency differs from the payment's currency");
    if (amount->minor_amount > payment_amount->minor_amount)
      return invalid_argument(std::string(field),
                              fmt::format("{} exceeds the payment amount {}", to_string(*amount),
                                          to_string(*payment_amount)));
  }
  return m;
}

// captures and refunds share their checks and body: {merchantAccount, amount, reference}.
result<http_request> amount_modification(const auto& req, const std::optional<money>& amount,
                                         const std::optional<money>& payment_amount,
                                         std::string_view field, std::string_view what,
                                         std::string_view path, const wire::auth& a) {
  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = wire::check_reference(req.connector_payment_id, "connector_payment_id"); !s)
    return s.err();
  auto value = modification_amount(amount, payment_amount, field, what);
  if (!value) return value.err();
  auto amount_json = wire::amount_json(*value, amount ? field : "payment_amount");
  if (!amount_json) return amount_json.err();
  auto key = wire::idempotency_key(req.idempotency_key);
  boost::json::object body{{"merchantAccount", a.merchant_account},
                           {"amount", std::move(*amount_json)},
                           {"reference", wire::reference_or(req.merchant_reference, key)}};
  return wire::make_request(http_method::post, "default",
                            wire::payment_path(req.connector_payment_id, path), &body, a, key);
}

}  // namespace

step_result<payment_result> capture(const capture_request& req, const wire::auth& a,
                                    const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto m = parse_modification(*resp, a.api_key);
    if (!m) return m.err();
    payment_result p;
    p.status =
        m->status == "received" ? payment_status::capture_pending : payment_status::unrecognized;
    p.processor_status = m->status;
    p.connector_payment_id = m->payment_psp.empty() ? req.connector_payment_id : m->payment_psp;
    p.connector_operation_id = m->psp;
    p.captured_amount = m->amount ? m->amount : req.amount_to_capture;
    p.amount = req.payment_amount;
    p.merchant_reference = m->reference.empty() ? req.merchant_reference : m->reference;
    return domain::final_result<payment_result>(p);
  }

  auto out = amount_modification(req, req.amount_to_capture, req.payment_amount,
                                 "amount_to_capture", "capture", "captures", a);
  if (!out) return out.err();
  return domain::next_request<payment_result>(std::move(out.value()));
}

step_result<refund_result> refund(const refund_request& req, const wire::auth& a,
                                  const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto m = parse_modification(*resp, a.api_key);
    if (!m) return m.err();
    refund_result r;
    r.status = m->status == "received" ? refund_status::pending : refund_status::unrecognized;
    r.processor_status = m->status;
    r.connector_refund_id = m->psp;
    r.connector_payment_id = m->payment_psp.empty() ? req.connector_payment_id : m->payment_psp;
    r.amount = m->amount ? m->amount : req.amount ? req.amount : req.payment_amount;
    r.merchant_reference = m->reference.empty() ? req.merchant_reference : m->reference;
    return domain::final_result<refund_result>(r);
  }

  auto out =
      amount_modification(req, req.amount, req.payment_amount, "amount", "refund", "refunds", a);
  if (!out) return out.err();
  return domain::next_request<refund_result>(std::move(out.value()));
}

step_result<payment_result> void_payment(const void_request& req, const wire::auth& a,
                                         const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto m = parse_modification(*resp, a.api_key);
    if (!m) return m.err();
    payment_result p;
    p.status =
        m->status == "received" ? payment_status::void_pending : payment_status::unrecognized;
    p.processor_status = m->status;
    p.connector_payment_id = m->payment_psp.empty() ? req.connector_payment_id : m->payment_psp;
    p.connector_operation_id = m->psp;
    p.merchant_reference = m->reference.empty() ? req.merchant_reference : m->reference;
    return domain::final_result<payment_result>(p);
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = wire::check_reference(req.connector_payment_id, "connector_payment_id"); !s)
    return s.err();
  auto key = wire::idempotency_key(req.idempotency_key);
  boost::json::object body{{"merchantAccount", a.merchant_account},
                           {"reference", wire::reference_or(req.merchant_reference, key)}};
  return domain::next_request<payment_result>(
      wire::make_request(http_method::post, "default",
                         wire::payment_path(req.connector_payment_id, "cancels"), &body, a, key));
}

void add_modifications_flows(flow_table& t) {
  t.capture = with_auth<&wire::require_auth, &capture>::run;
  t.refund = with_auth<&wire::require_auth, &refund>::run;
  t.void_payment = with_auth<&wire::require_auth, &void_payment>::run;
}

}  // namespace cs::connectors::adyen
