#include "connectors/adyen/webhook_events.hpp"

#include <charconv>

#include "connectors/adyen/status_map.hpp"
#include "connectors/adyen/wire.hpp"
#include "connectors/common/scrub.hpp"

namespace cs::connectors::adyen {
namespace {

using namespace domain;

std::optional<money> amount_of(const notification_fields& f) {
  std::int64_t v = 0;
  auto* end = f.amount_value.data() + f.amount_value.size();
  if (f.amount_value.empty() || f.amount_currency.empty() ||
      std::from_chars(f.amount_value.data(), end, v).ptr != end)
    return std::nullopt;
  return wire::to_money(v, f.amount_currency);
}

// A failed modification (capture, refund, cancel) is Adyen's, not the issuer's: no decline code.
processor_error modification_error(const notification_item& n) {
  processor_error e;
  e.processor_code = scrub(n.refusal_code, {});  // card numbers never pass on
  e.processor_message = scrub(n.reason, {});
  return e;
}

void payment_event(webhook_event& e, const notification_item& n, payment_status s) {
  e.type = event_type::payment;
  e.connector_payment_id = n.fields.original_reference;
  e.connector_operation_id = n.fields.psp_reference;
  e.payment = s;
}

void refund_event(webhook_event& e, const notification_item& n, bool success) {
  e.type = event_type::refund;
  e.connector_refund_id = n.fields.psp_reference;
  e.connector_payment_id = n.fields.original_reference;
  e.refund = success ? refund_status::success : refund_status::failure;
  if (!success) e.error = modification_error(n);
}

void dispute_event(webhook_event& e, const notification_item& n, dispute_status s) {
  e.type = event_type::dispute;
  e.dispute_id = n.fields.psp_reference;
  e.connector_payment_id = n.fields.original_reference;
  e.dispute = s;
}

}  // namespace

webhook_event to_event(const notification_item& n) {
  const auto& f = n.fields;
  const std::string_view code = f.event_code;
  const bool success = f.success == "true";
  webhook_event e;
  e.event_id = f.psp_reference + ":" + f.event_code + ":" + f.success;
  e.processor_event_code = f.event_code;
  e.merchant_reference = f.merchant_reference;
  e.amount = amount_of(f);

  if (code == "AUTHORISATION") {
    // The item does not say whether the account captures automatically: authorized; the
    // CAPTURE notification (or the authorize reply) tells about the capture. iDEAL has no
    // separate capture: an authorised iDEAL payment is charged.
    e.type = event_type::payment;
    e.connector_payment_id = f.psp_reference;
    e.payment = success ? payment_status::authorized : payment_status::failure;
    if (success && n.payment_method == "ideal") e.payment = payment_status::charged;
    if (!success)
      e.error = refusal_error("Refused", scrub(n.refusal_code, {}), scrub(n.reason, {}), {});
  } else if (code == "CAPTURE") {
    payment_event(e, n, success ? payment_status::charged : payment_status::capture_failed);
    if (!success) e.error = modification_error(n);
  } else if (code == "CAPTURE_FAILED") {
    payment_event(e, n, payment_status::capture_failed);
    e.error = modification_error(n);
  } else if (code == "CANCELLATION" ||
             (code == "CANCEL_OR_REFUND" && n.modification_action != "refund")) {
    // A refused cancel leaves the authorization standing (a capture, if any, has its own
    // CAPTURE event), so the payment is reported authorized with Adyen's reason.
    payment_event(e, n, success ? payment_status::voided : payment_status::authorized);
    if (!success) e.error = modification_error(n);
  } else if (code == "REFUND" || code == "CANCEL_OR_REFUND") {
    refund_event(e, n, success);
  } else if (code == "REFUND_FAILED" || code == "REFUNDED_REVERSED") {
    refund_event(e, n, false);
  } else if (code == "NOTIFICATION_OF_CHARGEBACK" || code == "REQUEST_FOR_INFORMATION") {
    dispute_event(e, n, dispute_status::opened);
  } else if (code == "CHARGEBACK" || code == "SECOND_CHARGEBACK" || code == "PREARBITRATION_LOST") {
    dispute_event(e, n, dispute_status::lost);
  } else if (code == "CHARGEBACK_REVERSED" || code == "PREARBITRATION_WON") {
    dispute_event(e, n, dispute_status::won);
  } else if (code == "DISPUTE_DEFENSE_PERIOD_ENDED") {
    dispute_event(e, n, dispute_status::expired);
  } else if (code == "RECURRING_CONTRACT") {
    e.type = event_type::mandate;
    e.mandate_id = f.psp_reference;
    e.connector_payment_id = f.original_reference;
    if (!success) e.error = modification_error(n);
  } else {
    e.type = event_type::other;
    e.connector_payment_id = f.original_reference.empty() ? f.psp_reference : f.original_reference;
  }
  return e;
}

}  // namespace cs::connectors::adyen
