#pragma once
// The simulator's in-memory view of Checkout.com objects (payments, their actions, stored card
// sources, disputes). Amounts are integers in minor units, as on the wire. Card numbers stay in
// memory (they pick the test outcome) and never appear in a reply, a webhook or a log.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace processor_sim::checkout_com {

struct card {
  std::string number;  // memory only
  std::string name, scheme, bin, last4, fingerprint;
  std::int64_t expiry_month = 0, expiry_year = 0;
  // A network token (a network_token source, or an Apple Pay / Google Pay CRYPTOGRAM_3DS token):
  // vts, mdes, applepay or googlepay. "" for a card. Replies then carry a
  // payment_account_reference.
  std::string token_type;
};

// A token POST /tokens issued (`tok_…`): what it stands for, single use, 15 minutes.
struct issued_token {
  std::string id, type;  // applepay, googlepay, card
  card details;
  std::chrono::system_clock::time_point expires;
  bool used = false;
};

// A card an approved payment saved: `source.id` (`src_…`) of later payments.
struct stored_source {
  std::string id;
  card details;
};

// One entry of GET /payments/{id}/actions.
struct action {
  std::string id, type;  // Authorization, Card Verification, Capture, Void, Refund
  std::string processed_on, response_code, response_summary, auth_code, reference;
  std::int64_t amount = 0;
  bool approved = false;
  boost::json::object metadata;
};

struct payment {
  std::string id, session_id;  // session_id (`sid_…`) only for 3-D Secure payments
  std::string currency, reference, description, payment_type = "Regular";
  std::string source_type;  // "card", "token", "id" or "network_token": how it was paid
  std::string token_id;     // the issued tok_ paid with (used up once the payment is made)
  std::string source_id;    // the stored source used or saved ("" for declines)
  card details;
  std::string previous_payment_id, processing_channel_id, success_url, failure_url;
  std::string requested_on, idempotency_key;
  std::int64_t amount = 0;
  bool capture = true, merchant_initiated = false;
  bool three_ds = false;  // 3-D Secure was asked for
  // "": not decided yet (waiting for the shopper); then approved or declined.
  std::string outcome;  // "", "approved", "declined"
  std::string response_code, response_summary, auth_code, action_id;
  std::string authentication_response;  // 3DS: "Y" passed, "N" failed
  std::int64_t captured = 0, refunded = 0, voided = 0;
  bool final_capture = false;  // capture_type Final: the rest is no longer capturable
  boost::json::object metadata;
  std::vector<action> actions;  // oldest first
  std::string dispute_id;
};

struct dispute {
  std::string id, payment_id, category = "fraudulent", reason_code = "10.4";
  std::string status = "evidence_required";
  std::string evidence_required_by, received_on, last_update, arn;
  std::string currency;
  std::int64_t amount = 0;
  boost::json::object evidence;  // the ProvideEvidenceRequest fields saved so far
};

// A processed request saved under its Cko-Idempotency-Key.
struct idempotent_reply {
  std::string method_path;
  boost::json::value body;  // the request body, compared as JSON (member order does not matter)
  int status = 0;
  std::string reply;
  unsigned charges = 0;  // payments approved with money under this key
};

}  // namespace processor_sim::checkout_com
