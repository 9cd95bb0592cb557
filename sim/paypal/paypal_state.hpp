#pragma once
// The simulator's in-memory view of PayPal objects (Orders v2, Payments v2). Amounts are kept in
// minor units of the currency (see paypal_money.hpp); card numbers never leave memory.

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace processor_sim::paypal {

// What the card's test values ask for (paypal_cards.hpp).
struct card_outcome {
  std::string response_code = "0000";  // processor_response.response_code
  bool declined = false;
  bool needs_payer_action = false;  // 3DS challenge
  bool pending = false;             // capture PENDING (PENDING_REVIEW) until settled
};

struct card_details {
  std::string number, name, expiry, brand, last4;  // number: memory only (picks the outcome)
  bool sca_always = false;                         // attributes.verification.method
};

struct order {
  std::string id, intent, status, currency, reference_id, invoice_id, custom_id, description;
  std::string source;  // "card" or "paypal"
  card_details card;
  std::string vault_id;  // the payment token used, or the one saved with ON_SUCCESS
  bool store_in_vault = false;
  std::string vault_customer;
  card_outcome outcome;
  std::int64_t amount = 0;
  std::string create_time, update_time;
  std::vector<std::string> authorizations, captures;  // ids, oldest first
  bool payer_action_done = false;
  bool three_ds_failed = false;  // the payer failed the challenge: liability_shift NO
};

struct authorization {
  std::string id, order_id, status, currency, invoice_id, custom_id, response_code;
  std::int64_t amount = 0, captured = 0;
  std::string create_time, update_time, expiration_time;
  std::vector<std::string> captures;
};

struct capture {
  std::string id, order_id, authorization_id, status, currency, invoice_id, custom_id;
  std::string response_code, note_to_payer;
  std::int64_t amount = 0, refunded = 0;
  bool final_capture = true;
  std::string create_time, update_time;
  std::vector<std::string> refunds;
};

// Vault v3: a setup token (card or wallet waiting to be saved) and a saved payment token.
struct vault_token {
  std::string id, customer_id, status, source;  // source: "card" or "paypal"
  card_details card;
  std::string create_time;
};

struct dispute {
  std::string id, capture_id, currency, reason = "MERCHANDISE_OR_SERVICE_NOT_RECEIVED";
  std::string status = "WAITING_FOR_SELLER_RESPONSE", outcome, create_time, update_time;
  std::string due_date;
  std::int64_t amount = 0;
  std::vector<std::string> evidence_types;  // as submitted, oldest first
};

struct refund {
  std::string id, capture_id, status = "COMPLETED", currency, invoice_id, custom_id, note_to_payer;
  std::int64_t amount = 0;
  std::string create_time, update_time;
};

// A PayPal-Request-Id is scoped to the operation (method + path) it was first used on. A replay
// answers the *current* state of what the first request produced, with 200 (PayPal: "returns the
// latest status of the previous request").
struct idempotent_entry {
  std::string kind, id;  // "order", "authorization", "capture", "refund", "void"; "" = error
  int status = 0;
  std::string error_body;  // replayed as is when kind is ""
  unsigned charges = 0;    // authorizations/captures that moved money under this key
  std::string body_fingerprint;
};

}  // namespace processor_sim::paypal
