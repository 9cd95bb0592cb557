// Webhooks: verify X-Razorpay-Signature first, then turn the event
// ({entity:"event", event, contains, payload:{payment|refund|dispute|order:{entity:{…}}}}) into
// one unified event. Nothing from an unverified body is read.
#include <fmt/format.h>

#include "connectors/common/json.hpp"
#include "connectors/razorpay/flow_parts.hpp"
#include "connectors/razorpay/objects.hpp"
#include "connectors/razorpay/signature.hpp"
#include "connectors/razorpay/status_map.hpp"
#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

namespace {

error not_an_event(std::string_view why) {
  return invalid_argument("body", fmt::format("is not a Razorpay event: {}", why));
}

// payload.<name>.entity
std::optional<simdjson::dom::element> entity_of(simdjson::dom::element payload,
                                                std::string_view name) {
  auto wrapper = json::obj(payload, name);
  if (!wrapper) return std::nullopt;
  auto e = json::obj(*wrapper, "entity");
  if (!e || !e->is_object()) return std::nullopt;
  return e;
}

void payment_event(webhook_event& e, simdjson::dom::element pay) {
  auto p = read_payment(pay, {});
  e.type = event_type::payment;
  e.connector_payment_id = p.connector_payment_id;
  e.connector_operation_id = p.connector_operation_id;  // the order
  e.payment = p.status;
  e.amount = p.amount;
  e.error = std::move(p.error);
  e.merchant_reference = p.merchant_reference;
  if (p.mandate) e.mandate_id = p.mandate->mandate_id;
}

void refund_event(webhook_event& e, simdjson::dom::element refund) {
  auto r = read_refund(refund);
  e.type = event_type::refund;
  e.connector_refund_id = r.connector_refund_id;
  e.connector_payment_id = r.connector_payment_id;
  e.refund = r.status;
  e.amount = r.amount;
  e.error = std::move(r.error);
  e.merchant_reference = r.merchant_reference;
}

void dispute_event(webhook_event& e, simdjson::dom::element dispute) {
  e.type = event_type::dispute;
  e.dispute_id = json::str(dispute, "id");
  e.connector_payment_id = json::str(dispute, "payment_id");
  e.amount = wire::read_money(dispute);
  e.dispute = map_dispute_status(json::str(dispute, "status"));
}

// An entity without a status (Razorpay trims some webhook entities) still says what happened
// through the event's name; the name wins only where the entity is silent.
void status_from_event_name(webhook_event& e, simdjson::dom::element entity) {
  if (!json::str(entity, "status").empty()) return;
  std::string_view n = e.processor_event_code;
  if (n == "payment.authorized") e.payment = payment_status::authorized;
  if (n == "payment.captured" || n == "order.paid") e.payment = payment_status::charged;
  if (n == "payment.failed") e.payment = payment_status::failure;
  if (n == "refund.created") e.refund = refund_status::pending;
  if (n == "refund.processed") e.refund = refund_status::success;
  if (n == "refund.failed") e.refund = refund_status::failure;
  if (n == "payment.dispute.created" || n == "payment.dispute.action_required")
    e.dispute = dispute_status::opened;
  if (n == "payment.dispute.under_review") e.dispute = dispute_status::challenged;
  if (n == "payment.dispute.won") e.dispute = dispute_status::won;
  if (n == "payment.dispute.lost") e.dispute = dispute_status::lost;
}

}  // namespace

result<webhook_result> handle_webhook(const webhook_request& req) {
  if (req.secret_key.empty())
    return make_error(error_code::unauthenticated, reason::missing_credentials,
                      "Razorpay webhooks are signed with the secret set on the webhook in the "
                      "Dashboard: pass it as the webhook secret");
  if (auto s =
          verify_webhook(req.header("X-Razorpay-Signature"), req.body, req.secret_key.reveal());
      !s)
    return s.err();

  auto doc = json::parse(req.body, "Razorpay");
  if (!doc) return not_an_event("the body is not JSON");
  webhook_event e;
  // The id to deduplicate on: the signed body's when it carries one, else X-Razorpay-Event-Id
  // (a header the signature does not cover).
  e.event_id = json::str(*doc, "id");
  if (e.event_id.empty()) e.event_id = std::string(req.header("X-Razorpay-Event-Id"));
  e.processor_event_code = json::str(*doc, "event");
  auto payload = json::obj(*doc, "payload");
  if (e.processor_event_code.empty() || !payload || !payload->is_object())
    return not_an_event("event or payload is missing");

  std::string_view type = e.processor_event_code;
  std::optional<simdjson::dom::element> entity;
  if (type.starts_with("payment.dispute.")) {
    if ((entity = entity_of(*payload, "dispute"))) dispute_event(e, *entity);
  } else if (type.starts_with("refund.")) {
    if ((entity = entity_of(*payload, "refund"))) refund_event(e, *entity);
  } else if (type.starts_with("payment.") || type == "order.paid") {
    // order.paid carries the order and the payment that paid it: the payment is the news.
    if ((entity = entity_of(*payload, "payment"))) payment_event(e, *entity);
  } else {
    e.type = event_type::other;
    entity = *payload;
  }
  if (!entity) return not_an_event(fmt::format("{} without its entity", type));
  if (e.type != event_type::other) status_from_event_name(e, *entity);

  webhook_result out;
  out.acknowledgement = "";  // Razorpay only looks at the 2xx status
  out.events.push_back(std::move(e));
  return out;
}

}  // namespace cs::connectors::razorpay
