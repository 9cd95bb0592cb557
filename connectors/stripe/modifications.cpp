// capture, void (cancel), refund and get_refund. Stripe answers these synchronously with the
// updated PaymentIntent or the Refund, so results carry final statuses (no *_pending).
#include <fmt/format.h>

#include "connectors/common/flow_steps.hpp"
#include "connectors/common/requests.hpp"
#include "connectors/stripe/currencies.hpp"
#include "connectors/stripe/flow_parts.hpp"
#include "connectors/stripe/objects.hpp"
#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {

using namespace domain;

namespace {

status check_payment_id(std::string_view id) {
  return wire::check_id(id, "connector_payment_id", {"pi_"}, "PaymentIntent");
}

// Stripe's cancellation_reason and refund reason enums; anything else stays with the merchant.
bool is_cancel_reason(std::string_view r) {
  return r == "abandoned" || r == "duplicate" || r == "fraudulent" || r == "requested_by_customer";
}
bool is_refund_reason(std::string_view r) {
  return r == "duplicate" || r == "fraudulent" || r == "requested_by_customer";
}

}  // namespace

step_result<payment_result> capture(const capture_request& req, const std::string& key,
                                    const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<payment_result>(payment_reply(*resp, key, req.merchant_reference));

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = check_payment_id(req.connector_payment_id); !s) return s.err();
  if (auto s = check_within(req.amount_to_capture, req.payment_amount, "amount_to_capture",
                            &check_amount);
      !s)
    return s.err();
  form f;
  // Without amount_to_capture Stripe captures everything authorized; send it only for less.
  bool partial = req.amount_to_capture &&
                 (!req.payment_amount ||
                  req.amount_to_capture->minor_amount < req.payment_amount->minor_amount);
  if (partial)
    if (auto s =
            wire::add_amount(f, "amount_to_capture", *req.amount_to_capture, "amount_to_capture");
        !s)
      return s.err();
  return domain::next_request<payment_result>(
      wire::post(wire::path("payment_intents", req.connector_payment_id, "capture"), f, key,
                 wire::step_key(req.idempotency_key)));
}

step_result<payment_result> void_payment(const void_request& req, const std::string& key,
                                         const flow_context& ctx) {
  if (auto* resp = ctx.last_reply())
    return domain::final_result<payment_result>(payment_reply(*resp, key, req.merchant_reference));

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = check_payment_id(req.connector_payment_id); !s) return s.err();
  form f;
  if (is_cancel_reason(req.reason)) f.add("cancellation_reason", req.reason);
  return domain::next_request<payment_result>(
      wire::post(wire::path("payment_intents", req.connector_payment_id, "cancel"), f, key,
                 wire::step_key(req.idempotency_key)));
}

step_result<refund_result> refund(const refund_request& req, const std::string& key,
                                  const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto r = refund_reply(*resp, key);
    if (!r) return r.err();
    if (r->connector_payment_id.empty()) r->connector_payment_id = req.connector_payment_id;
    if (r->merchant_reference.empty()) r->merchant_reference = req.merchant_reference;
    return domain::final_result<refund_result>(std::move(r));
  }

  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = check_payment_id(req.connector_payment_id); !s) return s.err();
  if (auto s = check_within(req.amount, req.payment_amount, "amount", &check_amount); !s)
    return s.err();
  form f;
  f.add("payment_intent", req.connector_payment_id);
  // Without an amount Stripe refunds whatever is left of the payment.
  if (req.amount)
    if (auto s = wire::add_amount(f, "amount", *req.amount, "amount"); !s) return s.err();
  if (is_refund_reason(req.reason)) f.add("reason", req.reason);
  wire::add_metadata(f, {}, req.merchant_reference);
  return domain::next_request<refund_result>(
      wire::post("/v1/refunds", f, key, wire::step_key(req.idempotency_key)));
}

step_result<refund_result> get_refund(const get_refund_request& req, const std::string& key,
                                      const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto r = refund_reply(*resp, key);
    if (!r) return r.err();
    if (r->connector_payment_id.empty()) r->connector_payment_id = req.connector_payment_id;
    return domain::final_result<refund_result>(std::move(r));
  }
  if (auto s =
          wire::check_id(req.connector_refund_id, "connector_refund_id", {"re_", "pyr_"}, "Refund");
      !s)
    return s.err();
  return domain::next_request<refund_result>(
      wire::get(wire::path("refunds", req.connector_refund_id), key));
}

void add_modifications_flows(flow_table& t) {
  t.capture = with_auth<&wire::require_api_key, &capture>::run;
  t.void_payment = with_auth<&wire::require_api_key, &void_payment>::run;
  t.refund = with_auth<&wire::require_api_key, &refund>::run;
  t.get_refund = with_auth<&wire::require_api_key, &get_refund>::run;
}

}  // namespace cs::connectors::stripe
