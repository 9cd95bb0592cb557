// Webhooks: verify Stripe-Signature first, then turn the Event ({id, type, data.object}) into
// one unified event. Nothing from an unverified body is read.
#include <fmt/format.h>

#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"
#include "connectors/stripe/errors.hpp"
#include "connectors/stripe/flow_parts.hpp"
#include "connectors/stripe/objects.hpp"
#include "connectors/stripe/signature.hpp"
#include "connectors/stripe/status_map.hpp"
#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {

using namespace domain;

namespace {

error not_an_event(std::string_view why) {
  return invalid_argument("body", fmt::format("is not a Stripe event: {}", why));
}

void payment_event(webhook_event& e, simdjson::dom::element pi) {
  auto p = read_payment_intent(pi, {});
  e.type = event_type::payment;
  e.connector_payment_id = p.connector_payment_id;
  e.connector_operation_id = p.connector_operation_id;
  e.payment = p.status;
  e.amount = p.amount;
  e.error = std::move(p.error);
  e.merchant_reference = p.merchant_reference;
}

void refund_event(webhook_event& e, simdjson::dom::element obj, bool is_charge) {
  e.type = event_type::refund;
  e.connector_payment_id = json::str(obj, "payment_intent");
  e.merchant_reference = merchant_reference_of(obj);
  if (is_charge) {
    // charge.refunded: the Charge, refunded in full or in part; no single Refund id.
    e.connector_operation_id = json::str(obj, "id");
    e.amount = wire::read_money(obj, "amount_refunded");
    e.refund = refund_status::success;
    return;
  }
  e.connector_refund_id = json::str(obj, "id");
  e.amount = wire::read_money(obj);
  e.refund = map_refund_status(json::str(obj, "status"));
  if (e.refund == refund_status::failure) {
    processor_error pe;
    pe.code = decline_code::generic;
    pe.processor_code = scrub(json::str(obj, "failure_reason"), {});  // card numbers never pass on
    pe.processor_message = pe.processor_code;
    e.error = std::move(pe);
  }
}

void dispute_event(webhook_event& e, simdjson::dom::element obj) {
  e.type = event_type::dispute;
  e.dispute_id = json::str(obj, "id");
  e.connector_payment_id = json::str(obj, "payment_intent");
  e.connector_operation_id = json::str(obj, "charge");
  e.amount = wire::read_money(obj);
  e.dispute = map_dispute_status(json::str(obj, "status"));
}

void mandate_event(webhook_event& e, simdjson::dom::element si) {
  e.type = event_type::mandate;
  e.mandate_id = json::str(si, "payment_method");
  e.connector_operation_id = json::str(si, "id");
  e.merchant_reference = merchant_reference_of(si);
}

// An object without a status still says what happened through the event's type; the type wins
// only where the object is silent.
void status_from_event_type(webhook_event& e, simdjson::dom::element obj) {
  if (!json::str(obj, "status").empty()) return;
  std::string_view t = e.processor_event_code;
  if (t == "payment_intent.succeeded") e.payment = payment_status::charged;
  if (t == "payment_intent.amount_capturable_updated") e.payment = payment_status::authorized;
  if (t == "payment_intent.payment_failed") e.payment = payment_status::failure;
  if (t == "payment_intent.canceled") e.payment = payment_status::voided;
  if (t == "payment_intent.requires_action") e.payment = payment_status::authentication_pending;
  if (t == "payment_intent.processing") e.payment = payment_status::pending;
  if (t == "refund.created") e.refund = refund_status::pending;
  if (t == "refund.failed") e.refund = refund_status::failure;
  if (t == "charge.dispute.created") e.dispute = dispute_status::opened;
}

}  // namespace

result<webhook_result> handle_webhook(const webhook_request& req) {
  if (req.secret_key.empty())
    return make_error(error_code::unauthenticated, reason::missing_credentials,
                      "Stripe webhooks are signed per endpoint: pass the endpoint's signing "
                      "secret (whsec_… from the Dashboard or `stripe listen`) as the webhook "
                      "secret");
  if (auto s = verify_signature(req.header("Stripe-Signature"), req.body, req.secret_key.reveal(),
                                req.received_at, req.tolerance);
      !s)
    return s.err();

  auto doc = json::parse(req.body, "Stripe");
  if (!doc) return not_an_event("the body is not JSON");
  webhook_event e;
  e.event_id = json::str(*doc, "id");
  e.processor_event_code = json::str(*doc, "type");
  auto data = json::obj(*doc, "data");
  auto obj = data ? json::obj(*data, "object") : std::nullopt;
  if (e.event_id.empty() || e.processor_event_code.empty() || !obj || !obj->is_object())
    return not_an_event("id, type or data.object is missing");

  std::string_view type = e.processor_event_code;
  if (type.starts_with("payment_intent.")) {
    payment_event(e, *obj);
  } else if (type == "charge.refunded") {
    refund_event(e, *obj, true);
  } else if (type.starts_with("refund.") || type == "charge.refund.updated") {
    refund_event(e, *obj, false);
  } else if (type.starts_with("charge.dispute.")) {
    dispute_event(e, *obj);
  } else if (type == "setup_intent.succeeded") {
    mandate_event(e, *obj);
  } else {
    e.type = event_type::other;
  }
  if (e.type != event_type::other) status_from_event_type(e, *obj);

  webhook_result out;
  out.acknowledgement = "";  // Stripe only looks at the 2xx status
  out.events.push_back(std::move(e));
  return out;
}

}  // namespace cs::connectors::stripe
