// Webhooks: verify Cko-Signature first — the hex HMAC-SHA256 of the raw body under the webhook's
// signature key (checkout.com/docs/developer-resources/webhooks: "hex-encoded (Base16)
// Cko-Signature"), compared in constant time — then turn the event ({id, type, data}) into one
// unified event. Nothing from an unverified body is read.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "connectors/checkout_com/flow_parts.hpp"
#include "connectors/checkout_com/replies.hpp"
#include "connectors/checkout_com/wire.hpp"
#include "connectors/common/crypto.hpp"
#include "connectors/common/json.hpp"

namespace cs::connectors::checkout_com {

using namespace domain;

namespace {

error bad_signature(std::string message) {
  return make_error(error_code::unauthenticated, reason::bad_signature, std::move(message));
}

status verify(const webhook_request& req) {
  if (req.secret_key.empty())
    return make_error(error_code::unauthenticated, reason::missing_credentials,
                      "Checkout.com webhooks are signed with the key of the workflow's webhook "
                      "action: pass it as the webhook secret");
  auto given = req.header("Cko-Signature");
  if (given.empty()) return bad_signature("the Cko-Signature header is missing");
  std::string lower(given);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto expected = hex_encode(hmac_sha256(req.secret_key.reveal(), req.body));
  if (!constant_time_equal(lower, expected))
    return bad_signature("the Checkout.com webhook signature (Cko-Signature) does not verify");
  return ok_status();
}

struct type_row {
  std::string_view type;
  event_type kind;
  payment_status payment;
  refund_status refund;
  dispute_status dispute;
};
constexpr auto np = payment_status::unspecified;
constexpr auto nr = refund_status::unspecified;
constexpr auto nd = dispute_status::unspecified;
// nas_spec components/schemas/Events (the event types of processors-next.md §2.6).
constexpr std::array<type_row, 21> types{{
    {"payment_approved", event_type::payment, payment_status::authorized, nr, nd},
    {"payment_pending", event_type::payment, payment_status::pending, nr, nd},
    {"payment_declined", event_type::payment, payment_status::failure, nr, nd},
    {"payment_expired", event_type::payment, payment_status::expired, nr, nd},
    {"payment_canceled", event_type::payment, payment_status::failure, nr, nd},
    {"payment_cancelled", event_type::payment, payment_status::failure, nr, nd},  // the spec's
    {"payment_voided", event_type::payment, payment_status::voided, nr, nd},
    // The void was refused: the authorization stands.
    {"payment_void_declined", event_type::payment, payment_status::authorized, nr, nd},
    {"payment_captured", event_type::payment, payment_status::charged, nr, nd},
    {"payment_capture_declined", event_type::payment, payment_status::capture_failed, nr, nd},
    {"payment_capture_pending", event_type::payment, payment_status::capture_pending, nr, nd},
    {"payment_refunded", event_type::refund, np, refund_status::success, nd},
    {"payment_refund_declined", event_type::refund, np, refund_status::failure, nd},
    {"payment_refund_pending", event_type::refund, np, refund_status::pending, nd},
    {"payment_chargeback", event_type::dispute, np, nr, dispute_status::opened},
    {"dispute_evidence_required", event_type::dispute, np, nr, dispute_status::opened},
    {"dispute_won", event_type::dispute, np, nr, dispute_status::won},
    {"dispute_lost", event_type::dispute, np, nr, dispute_status::lost},
    {"dispute_expired", event_type::dispute, np, nr, dispute_status::expired},
    // Closed without a decision (disputes.cpp has the same for the Dispute's status words).
    {"dispute_canceled", event_type::dispute, np, nr, dispute_status::expired},
    {"dispute_resolved", event_type::dispute, np, nr, dispute_status::expired},
}};

}  // namespace

result<webhook_result> handle_webhook(const webhook_request& req) {
  if (auto s = verify(req); !s) return s.err();
  auto doc = json::parse(req.body, "Checkout.com");
  auto data = doc ? json::obj(*doc, "data") : std::nullopt;
  webhook_event e;
  if (doc) {
    e.event_id = json::str(*doc, "id");
    e.processor_event_code = json::str(*doc, "type");
  }
  if (!data || e.event_id.empty() || e.processor_event_code.empty())
    return invalid_argument("body", "is not a Checkout.com event: id, type or data is missing");
  e.type = event_type::other;
  for (const auto& t : types)
    if (t.type == e.processor_event_code) {
      e.type = t.kind;
      e.payment = t.payment;
      e.refund = t.refund;
      e.dispute = t.dispute;
    }
  if (e.type == event_type::dispute && !e.processor_event_code.starts_with("payment_")) {
    e.dispute_id = json::str(*data, "id");
    e.connector_payment_id = json::str(*data, "payment_id");
  } else {
    e.connector_payment_id = json::str(*data, "id");
  }
  e.connector_operation_id = json::str(*data, "action_id");
  if (e.type == event_type::refund) e.connector_refund_id = e.connector_operation_id;
  e.merchant_reference = json::str(*data, "reference");
  if (auto amount = json::int64(*data, "amount"))
    e.amount = wire::read_amount(*amount, json::str(*data, "currency"));
  if (e.payment == payment_status::failure || e.payment == payment_status::capture_failed ||
      e.refund == refund_status::failure) {
    processor_error pe;
    pe.processor_code = json::str(*data, "response_code");
    pe.code =
        pe.processor_code.empty() ? decline_code::generic : map_response_code(pe.processor_code);
    pe.decline_code_raw = pe.processor_code;
    e.error = std::move(pe);
  }
  webhook_result out;
  out.events.push_back(std::move(e));
  return out;
}

}  // namespace cs::connectors::checkout_com
