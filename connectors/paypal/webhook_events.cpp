#include "connectors/paypal/webhook_events.hpp"

#include "connectors/common/json.hpp"
#include "connectors/paypal/replies.hpp"
#include "connectors/paypal/wire.hpp"

namespace cs::connectors::paypal {
namespace {

using domain::event_type;
using domain::payment_status;

// The order an authorization or capture belongs to (supplementary_data.related_ids.order_id).
std::string order_of(simdjson::dom::element resource) {
  auto sd = json::obj(resource, "supplementary_data");
  if (!sd) return {};
  auto ids = json::obj(*sd, "related_ids");
  return ids ? json::str(*ids, "order_id") : std::string();
}

void payment_event(domain::webhook_event& e, simdjson::dom::element r, std::string_view type) {
  e.type = event_type::payment;
  auto status = json::str(r, "status");
  bool capture = type.starts_with("PAYMENT.CAPTURE.");
  if (capture)
    e.payment = map_capture_status(status);
  else
    e.payment = map_authorization_status(status);
  if (type == "PAYMENT.CAPTURE.PENDING") e.payment = payment_status::capture_pending;
  if (type == "PAYMENT.CAPTURE.DENIED" || type == "PAYMENT.CAPTURE.DECLINED")
    e.payment = capture ? payment_status::capture_failed : payment_status::failure;
  e.connector_operation_id = json::str(r, "id");
  e.connector_payment_id = order_of(r);
  e.merchant_reference = json::str(r, "custom_id");
  e.amount = wire::read_money(r);
  if (e.payment == payment_status::failure || e.payment == payment_status::capture_failed) {
    domain::processor_error pe;
    if (auto pr = json::obj(r, "processor_response")) {
      pe.processor_code = json::str(*pr, "response_code");
      pe.code = map_response_code(pe.processor_code);
    } else {
      pe.code = domain::decline_code::generic;
    }
    pe.processor_message = std::string(type);
    e.error = std::move(pe);
  }
}

}  // namespace

domain::dispute_status map_dispute_status(std::string_view s) noexcept {
  if (s == "OPEN" || s == "WAITING_FOR_SELLER_RESPONSE") return domain::dispute_status::opened;
  if (s == "WAITING_FOR_BUYER_RESPONSE" || s == "UNDER_REVIEW")
    return domain::dispute_status::challenged;
  if (s == "RESOLVED") return domain::dispute_status::expired;  // the outcome is in the resource
  return domain::dispute_status::unrecognized;
}

domain::dispute_status dispute_status_of(simdjson::dom::element dispute) {
  auto status = map_dispute_status(json::str(dispute, "status"));
  if (status != domain::dispute_status::expired) return status;
  auto outcome = json::obj(dispute, "dispute_outcome");
  auto code = outcome ? json::str(*outcome, "outcome_code") : std::string();
  if (code == "RESOLVED_SELLER_FAVOUR") return domain::dispute_status::won;
  if (code == "RESOLVED_BUYER_FAVOUR") return domain::dispute_status::lost;
  return status;
}

domain::result<domain::webhook_event> read_event(std::string_view body) {
  auto doc = json::parse(body, wire::connector_name);
  if (!doc) return doc.err();
  domain::webhook_event e;
  e.event_id = json::str(*doc, "id");
  e.processor_event_code = json::str(*doc, "event_type");
  auto resource = json::obj(*doc, "resource");
  if (e.event_id.empty() || e.processor_event_code.empty() || !resource)
    return domain::make_error(domain::error_code::invalid_argument,
                              domain::reason::bad_processor_reply,
                              "the PayPal webhook is not an event (id, event_type, resource)");
  std::string_view type = e.processor_event_code;
  auto r = *resource;
  if (type.starts_with("PAYMENT.AUTHORIZATION.") || type == "PAYMENT.CAPTURE.COMPLETED" ||
      type == "PAYMENT.CAPTURE.PENDING" || type == "PAYMENT.CAPTURE.DENIED" ||
      type == "PAYMENT.CAPTURE.DECLINED") {
    payment_event(e, r, type);
  } else if (type == "PAYMENT.CAPTURE.REFUNDED" || type == "PAYMENT.CAPTURE.REVERSED") {
    // The resource is the refund.
    e.type = event_type::refund;
    e.connector_refund_id = json::str(r, "id");
    e.refund = map_refund_status(json::str(r, "status"));
    e.merchant_reference = json::str(r, "custom_id");
    e.amount = wire::read_money(r);
  } else if (type.starts_with("CHECKOUT.ORDER.")) {
    e.type = event_type::payment;
    e.connector_payment_id = json::str(r, "id");
    auto status = json::str(r, "status");
    // APPROVED: the payer approved; the merchant's authorize or capture call comes next.
    e.payment = status == "APPROVED"    ? payment_status::authentication_successful
                : status == "COMPLETED" ? payment_status::charged
                : status == "VOIDED"    ? payment_status::voided
                                        : payment_status::unrecognized;
    e.amount = std::nullopt;
  } else if (type.starts_with("CUSTOMER.DISPUTE.")) {
    e.type = event_type::dispute;
    e.dispute_id = json::str(r, "dispute_id");
    e.dispute = dispute_status_of(r);
    e.amount = wire::read_money(r, "dispute_amount");
  } else {
    e.type = event_type::other;
  }
  return e;
}

}  // namespace cs::connectors::paypal
