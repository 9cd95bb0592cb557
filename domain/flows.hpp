#pragma once
// The request and result of every flow, in domain terms. api/ fills requests from the
// proto (validated); connectors turn them into processor calls and back into results.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/money.hpp"
#include "domain/payment_method.hpp"
#include "domain/status.hpp"

namespace cs::domain {

enum class flow {
  authorize,
  capture,
  void_payment,
  get_payment,
  refund,
  get_refund,
  setup_mandate,
  complete_authorize,
  recurring_charge,
  revoke_mandate,
  accept_dispute,
  submit_evidence,
  defend_dispute,
  get_dispute,
  webhook,
};

std::string_view to_string(flow f) noexcept;

// Fields every mutating request carries.
struct request_base {
  // Declared so request_base is not an aggregate: `dispute_request{id}` is then a compile error
  // instead of brace elision quietly putting the id into idempotency_key.
  request_base() = default;
  std::string idempotency_key;  // never empty after validation
  std::string merchant_reference;
};

struct authorize_request : request_base {
  money amount;
  payment_method method;
  capture_method capture = capture_method::automatic;
  std::string return_url;
  customer shopper;
  std::string description;
  std::map<std::string, std::string> metadata;
  order_details order;
};

struct capture_request : request_base {
  std::string connector_payment_id;
  std::optional<money> amount_to_capture;
  std::optional<money> payment_amount;
};

struct void_request : request_base {
  std::string connector_payment_id;
  std::string reason;
};

struct get_payment_request {
  std::string connector_payment_id;
  std::string merchant_reference;
};

enum class refund_speed { unspecified = 0, normal, instant };

struct refund_request : request_base {
  std::string connector_payment_id;
  std::optional<money> amount;
  std::optional<money> payment_amount;
  std::string reason;
  refund_speed speed = refund_speed::unspecified;
};

struct get_refund_request {
  std::string connector_refund_id;
  std::string connector_payment_id;
};

struct setup_mandate_request : request_base {
  payment_method method;
  customer shopper;
  money amount;  // zero for a zero-value verification
  recurring_model model = recurring_model::unscheduled;
  std::string return_url;
};

struct complete_authorize_request : request_base {
  std::string connector_payment_id;
  std::map<std::string, std::string> redirect_payload;
  capture_method capture = capture_method::automatic;
};

struct recurring_charge_request : request_base {
  std::string mandate_id;
  std::string customer_id;
  money amount;
  capture_method capture = capture_method::automatic;
  recurring_model model = recurring_model::unscheduled;
  std::string return_url;  // some processors' schemas require one even without a shopper
};

struct revoke_mandate_request : request_base {
  std::string mandate_id;
  std::string customer_id;
};

// Accept and get; a get carries no key (it changes nothing).
struct dispute_request : request_base {
  std::string dispute_id;
};

enum class evidence_type {
  unspecified = 0,
  receipt,
  shipping_proof,
  customer_communication,
  refund_policy,
  cancellation_policy,
  other,
};

struct evidence_document {
  evidence_type type = evidence_type::unspecified;
  std::string content;  // raw bytes
  std::string content_type;
  std::string processor_type;
};

struct submit_evidence_request : request_base {
  std::string dispute_id;
  std::vector<evidence_document> documents;
  std::string text;
  bool submit = true;
};

struct defend_dispute_request : request_base {
  std::string dispute_id;
  std::string reason_code;
};

// --- results -------------------------------------------------------------------------------

struct payment_result {
  payment_status status = payment_status::unspecified;
  std::string connector_payment_id;
  std::string connector_operation_id;
  std::optional<money> amount;
  std::optional<money> captured_amount;
  std::optional<redirect_data> redirect;
  // A link that opens the shopper's payment app (UPI intent: upi://pay?…), for a PENDING
  // payment the shopper approves there; empty when none.
  std::string deep_link;
  std::optional<processor_error> error;
  std::string processor_status;
  std::optional<domain::mandate> mandate;
  std::string merchant_reference;
};

struct refund_result {
  refund_status status = refund_status::unspecified;
  std::string connector_refund_id;
  std::string connector_payment_id;
  std::optional<money> amount;
  std::optional<processor_error> error;
  std::string processor_status;
  std::string merchant_reference;
};

struct mandate_result {
  mandate_status status = mandate_status::unspecified;
  std::optional<domain::mandate> mandate;
  payment_status payment = payment_status::unspecified;
  std::string connector_payment_id;
  std::optional<redirect_data> redirect;
  std::optional<processor_error> error;
  std::string processor_status;
};

struct revoke_result {
  mandate_status status = mandate_status::unspecified;
  std::optional<processor_error> error;
};

struct dispute_result {
  dispute_status status = dispute_status::unspecified;
  std::string dispute_id;
  std::optional<processor_error> error;
  std::string processor_status;
};

}  // namespace cs::domain
