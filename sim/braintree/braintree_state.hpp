#pragma once
// The simulator's in-memory view of Braintree objects. Amounts are integers in the minor units
// of the merchant account's currency; ids are kept in their legacy form (8 lower-case
// alphanumerics) and shown as global ids (base64 of "<kind>_<legacy id>"). Card numbers stay in
// memory (they pick the verification outcome) and never appear in a reply, a webhook or a log.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace processor_sim::braintree {

struct merchant_account {
  std::string id, currency;
  bool is_default = false;
};

// legacyCode / message of a processor response.
struct processor_answer {
  std::string code, message;
  std::string decline_type;  // ProcessorDeclinedEvent.declineType: SOFT, HARD or ""
};

// One PaymentStatusEvent (statusHistory; shown newest first).
struct status_event {
  std::string status, timestamp;
  std::int64_t amount = 0;
  std::optional<processor_answer> answer;  // processorResponse
  std::string rejection;                   // GatewayRejectedEvent.gatewayRejectionReason
};

struct card {
  std::string number;  // memory only
  std::string brand, bin, last4, expiration_month, expiration_year, cardholder;
};

struct payment_method {
  std::string id;         // the id the API takes: a nonce (tokencc_…) or a vaulted global id
  std::string legacy_id;  // vaulted: the token
  std::string usage = "SINGLE_USE";
  std::string customer_id;  // vaulted: the customer's global id
  std::string created_at;
  card details;
  bool consumed = false;  // a single-use nonce already transacted or vaulted
  bool fake = false;      // a sandbox fake nonce (fake-valid-nonce): usable any number of times
};

struct transaction {
  std::string legacy_id, order_id, merchant_account_id, currency, status;
  std::string payment_method_id, customer_id, payment_initiator, created_at;
  std::int64_t amount = 0;            // the amount (the captured amount once submitted)
  std::int64_t authorized = 0;        // authorized amount
  std::int64_t refunded = 0;          // by refunds not failed
  std::vector<status_event> history;  // oldest first
  std::vector<std::string> refunds;   // legacy ids, oldest first
  std::string dispute_id;
  std::string settlement;  // what settling leads to: "SETTLED" or "SETTLEMENT_DECLINED"
  bool approved = false;   // the authorization succeeded
  // The transaction search sees it from this time on (search-index lag).
  std::chrono::steady_clock::time_point searchable_at;
};

struct refund {
  std::string legacy_id, transaction_id, order_id, description, status, created_at;
  std::int64_t amount = 0;
  std::vector<status_event> history;  // oldest first
};

struct text_evidence {
  std::string legacy_id, category, content, created_at;
};

struct dispute {
  std::string legacy_id, transaction_id, status = "OPEN", reason = "FRAUD";
  std::string received_date, reply_by_date, created_at;
  std::int64_t amount = 0;
  std::vector<text_evidence> evidence;
  std::vector<std::pair<std::string, std::string>> history;  // (status, timestamp), oldest first
};

// Everything the simulator knows, keyed by legacy id (payment methods by the id the API takes).
struct store {
  std::vector<merchant_account> accounts;
  std::map<std::string, payment_method> payment_methods;
  std::map<std::string, transaction> transactions;
  std::map<std::string, refund> refunds;
  std::map<std::string, dispute> disputes;
};

}  // namespace processor_sim::braintree
