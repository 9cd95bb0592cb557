// setup_mandate (a customer-initiated POST /payments that stores the card: amount 0 is a card
// verification), recurring_charge (a merchant-initiated POST /payments on the stored source with
// previous_payment_id) and revoke_mandate (DELETE /instruments/{src_…}). Checkout.com has no
// mandate object: the mandate id this connector hands out is `src_….pay_…` (wire.hpp), the two
// ids every merchant-initiated payment needs.
#include <algorithm>
#include <cctype>

#include "connectors/checkout_com/flow_parts.hpp"
#include "connectors/checkout_com/replies.hpp"
#include "connectors/checkout_com/wire.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/requests.hpp"

namespace cs::connectors::checkout_com {

using namespace domain;

namespace {

// PaymentRequest.payment_type (nas_spec: Regular, Recurring, MOTO, Installment). The spec has no
// "Unscheduled": a subscription is Recurring; a card kept for unscheduled or card-on-file use is
// stored by a Regular customer-initiated payment.
std::string_view first_payment_type(recurring_model m) {
  return m == recurring_model::subscription ? "Recurring" : "Regular";
}

mandate_result to_mandate(payment_result&& p, std::string_view source_id,
                          const setup_mandate_request& req) {
  mandate_result m;
  m.payment = p.status;
  m.connector_payment_id = std::move(p.connector_payment_id);
  m.processor_status = std::move(p.processor_status);
  m.redirect = std::move(p.redirect);
  m.error = std::move(p.error);
  switch (m.payment) {
    case payment_status::authorized:
    case payment_status::charged:
      if (source_id.empty() || !m.connector_payment_id.starts_with("pay_")) {
        processor_error pe;
        pe.code = decline_code::processing_error;
        pe.processor_message =
            "Checkout.com approved the payment but stored no card (no source.id)";
        m.error = std::move(pe);
        m.status = mandate_status::failed;
      } else {
        m.status = mandate_status::active;
        m.mandate = mandate{wire::mandate_id(source_id, m.connector_payment_id), req.shopper.id,
                            mandate_status::active};
      }
      break;
    case payment_status::failure:
    case payment_status::expired:
      m.status = mandate_status::failed;
      break;
    default:  // Pending (3-D Secure: the redirect; CompleteAuthorize returns the mandate)
      m.status = mandate_status::pending;
      break;
  }
  return m;
}

step_result<mandate_result> setup_mandate(const setup_mandate_request& req, const wire::auth& a,
                                          const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    auto body = read_reply(*r, a.secret_key);
    if (!body) return body.err();
    auto source_id = read_source_id(*body);
    auto p = read_payment(*body, req.merchant_reference, a.secret_key);
    if (!p) return p.err();
    return final_result(to_mandate(std::move(*p), source_id, req));
  }
  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  // Zero is a card verification (status "Card Verified"); more is charged (captured).
  auto body = wire::payment_body(req.amount, true, first_payment_type(req.model),
                                 req.merchant_reference, a);
  if (!body) return body.err();
  auto source = wire::source_of(req.method);
  if (!source) return source.err();
  (*body)["source"] = std::move(*source);
  (*body)["merchant_initiated"] = false;
  if (!req.return_url.empty())
    if (auto s = wire::add_three_ds(*body, req.return_url); !s) return s.err();
  return next_request<mandate_result>(wire::post("/payments", *body, a, req.idempotency_key));
}

step_result<payment_result> recurring_charge(const recurring_charge_request& req,
                                             const wire::auth& a, const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    auto body = read_reply(*r, a.secret_key);
    if (!body) return body.err();
    return final_result(read_payment(*body, req.merchant_reference, a.secret_key));
  }
  if (req.idempotency_key.empty()) return missing_field("idempotency_key");
  auto stored = wire::read_mandate_id(req.mandate_id, "connector_mandate_id");
  if (!stored) return stored.err();
  // The spec's payment_type has no "Unscheduled": every merchant-initiated payment is Recurring.
  auto body = wire::payment_body(req.amount, false, "Recurring", req.merchant_reference, a);
  if (!body) return body.err();
  (*body)["source"] = boost::json::object{{"type", "id"}, {"id", stored->source_id}};
  (*body)["merchant_initiated"] = true;
  (*body)["previous_payment_id"] = stored->payment_id;
  (*body)["capture"] = req.capture == capture_method::automatic;
  return next_request<payment_result>(wire::post("/payments", *body, a, req.idempotency_key));
}

step_result<revoke_result> revoke_mandate(const revoke_mandate_request& req, const wire::auth& a,
                                          const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    // 204: deleted. 404 ("Instrument not found or not associated with client") is NOT_FOUND.
    if (auto s = read_empty_reply(*r, a.secret_key); !s) return s.err();
    return final_result(revoke_result{mandate_status::revoked, std::nullopt});
  }
  auto stored = wire::read_mandate_id(req.mandate_id, "connector_mandate_id");
  if (!stored) return stored.err();
  // DELETE /instruments/{id} takes `^(src_)[a-z0-9]{26}$` only.
  if (std::any_of(stored->source_id.begin() + 4, stored->source_id.end(),
                  [](unsigned char c) { return std::isupper(c) != 0 || c == '_'; }))
    return invalid_argument("connector_mandate_id",
                            "names a source id Checkout.com's instrument deletion does not take "
                            "(src_ and 26 lowercase letters or digits)");
  return next_request<revoke_result>(
      wire::bodiless(http_method::del, encoded_path({"instruments", stored->source_id}), a));
}

}  // namespace

void add_mandates_flows(flow_table& t) {
  t.setup_mandate = with_auth<&wire::read_auth, &setup_mandate>::run;
  t.recurring_charge = with_auth<&wire::read_auth, &recurring_charge>::run;
  t.revoke_mandate = with_auth<&wire::read_auth, &revoke_mandate>::run;
}

}  // namespace cs::connectors::checkout_com
