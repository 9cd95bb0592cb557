#pragma once
// The simulator's in-memory view of Stripe objects. Card numbers stay in memory only (they pick
// the test behaviour) and never appear in a reply or a log.

#include "stripe_cards.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace processor_sim::stripe {

struct payment_method {
  std::string id, customer, brand, last4, number;
  std::string billing_name, billing_email, billing_phone;
  std::int64_t exp_month = 0, exp_year = 0, created = 0;
  bool set_up = false;        // confirmed by a succeeded SetupIntent (off-session allowed)
  bool detached = false;      // detached from its customer: Stripe refuses to use it again
  std::string wallet;         // "apple_pay" / "google_pay" when made from such a token, else ""
  std::string type = "card";  // or "sepa_debit", "us_bank_account", "ideal", "bancontact", "klarna"
  std::string iban, bank_code, country;  // sepa_debit (iban: normalized, never sent back)
  std::string bank;                      // ideal[bank]
  // us_bank_account (account_number never sent back)
  std::string account_number, routing_number, account_type, account_holder_type;
  bool verified = false;  // its microdeposits were confirmed
  boost::json::object metadata;
};

// A card token (`tok_…`) made by POST /v1/tokens from an Apple Pay pk_token (tokenization
// apple_pay) or by the Google Pay control route (android_pay): single use.
struct token {
  std::string id, card_id, number, brand, last4, tokenization_method;
  std::int64_t exp_month = 0, exp_year = 0, created = 0;
  bool used = false;
};

struct customer {
  std::string id, email, name, description;
  std::int64_t created = 0;
  boost::json::object metadata;
};

struct charge {
  std::string id, payment_intent, payment_method, currency, status;  // succeeded, failed
  std::string failure_code, failure_message, dispute;
  std::string mandate;  // bank debits
  std::int64_t amount = 0, amount_captured = 0, amount_refunded = 0, created = 0;
  bool captured = false;
};

struct payment_intent {
  std::string id, client_secret, status, capture_method = "automatic", currency;
  std::string payment_method, customer, description, return_url, latest_charge;
  std::string cancellation_reason, setup_future_usage, idempotency_key;
  std::int64_t amount = 0, amount_capturable = 0, amount_received = 0, created = 0;
  std::int64_t canceled_at = 0;
  bool off_session = false;
  boost::json::value last_payment_error;  // null or the error object
  boost::json::object metadata;
  std::string auth_result;                // after the 3DS page: "succeeded" or "failed"
  std::string mandate;                    // a bank debit's mandate_…
  std::vector<std::string> method_types;  // payment_method_types as given; empty: automatic
  int verify_attempts = 0;                // wrong microdeposit answers
};

struct refund {
  std::string id, charge, payment_intent, currency, status = "succeeded", reason;
  std::int64_t amount = 0, created = 0;
  boost::json::object metadata;
};

struct setup_intent {
  std::string id, client_secret, status, customer, payment_method, usage = "off_session";
  std::string description, return_url, auth_result;
  std::int64_t created = 0;
  boost::json::value last_setup_error;
  boost::json::object metadata;
};

struct dispute {
  std::string id, charge, payment_intent, currency, reason = "fraudulent";
  std::string status = "needs_response";
  std::int64_t amount = 0, created = 0, due_by = 0;
  unsigned submission_count = 0;
  boost::json::object evidence;  // only the fields that were set
  boost::json::object metadata;
};

struct idempotent_reply {
  std::string fingerprint;  // method, path and the sorted params
  int status = 0;
  std::string body, request_id;
  unsigned charges = 0;  // PaymentIntents authorized or succeeded under this key
};

}  // namespace processor_sim::stripe
