#pragma once
// proto ↔ domain. Inbound conversion validates: a bad field is INVALID_ARGUMENT naming it.

#include "connectorservice/v1/dispute.pb.h"
#include "connectorservice/v1/event.pb.h"
#include "connectorservice/v1/payment.pb.h"
#include "connectorservice/v1/recurring.pb.h"
#include "connectorservice/v1/refund.pb.h"
#include "domain/flows.hpp"
#include "domain/result.hpp"
#include "domain/webhook.hpp"

#include <vector>

namespace cs::api {

namespace v1 = ::connectorservice::v1;

// Returns a failed status's error from a function returning result<T> (or status).
#define CS_TRY(expr) \
  if (auto s_ = (expr); !s_) return std::move(s_).err()

// common pieces (convert_common.cpp)
domain::result<domain::money> money_in(const v1::Money& m, std::string_view field,
                                       bool allow_zero = false);
std::optional<domain::money> money_opt(bool present, const v1::Money& m);
domain::result<domain::payment_method> method_in(const v1::PaymentMethod& pm, bool has,
                                                 std::string_view field);
domain::customer customer_in(const v1::Customer& c);
// convert_methods.cpp: line items (adding up to `amount` when given), addresses (country ISO
// 3166-1 alpha-2) and what a method needs of the request (Klarna: line items, billing country,
// the shopper's email).
domain::result<domain::order_details> order_in(const v1::OrderDetails& o,
                                               const domain::money& amount);
domain::status check_method_needs(const domain::authorize_request& r);
domain::status require(const std::string& value, std::string_view field);
// Checks the client's key (visible ASCII, ≤ 255) and merchant_reference, and fills
// idempotency_key: the client's, else derived from the flow, `distinct` (what tells this
// operation from another of the same flow: the payment id, the amount, …) and the reference.
// Without a key the reference is required unless `distinct` alone identifies the operation.
domain::status base_in(domain::request_base& out, const std::string& key, const std::string& ref,
                       std::string_view flow, std::vector<std::string_view> distinct,
                       bool distinct_identifies = false);
domain::capture_method capture_method_in(v1::CaptureMethod m);
domain::recurring_model recurring_model_in(v1::RecurringModel m);
void money_out(const domain::money& m, v1::Money* out);
void error_out(const domain::processor_error& e, v1::ProcessorError* out);
void redirect_out(const domain::redirect_data& r, v1::RedirectData* out);
void mandate_out(const domain::mandate& m, v1::Mandate* out);

// payments (convert_payment.cpp)
domain::result<domain::authorize_request> from_proto(const v1::AuthorizeRequest& in);
domain::result<domain::capture_request> from_proto(const v1::CaptureRequest& in);
domain::result<domain::void_request> from_proto(const v1::VoidRequest& in);
domain::result<domain::get_payment_request> from_proto(const v1::GetPaymentRequest& in);
domain::result<domain::refund_request> from_proto(const v1::RefundRequest& in);
domain::result<domain::setup_mandate_request> from_proto(const v1::SetupMandateRequest& in);
domain::result<domain::complete_authorize_request> from_proto(
    const v1::CompleteAuthorizeRequest& in);
void to_proto(const domain::payment_result& r, v1::Payment* out);
void to_proto(const domain::refund_result& r, v1::Refund* out);
void to_proto(const domain::mandate_result& r, v1::SetupMandateResponse* out);

// refunds, recurring, disputes, events (convert_other.cpp)
domain::result<domain::get_refund_request> from_proto(const v1::GetRefundRequest& in);
domain::result<domain::recurring_charge_request> from_proto(const v1::RecurringChargeRequest& in);
domain::result<domain::revoke_mandate_request> from_proto(const v1::RevokeMandateRequest& in);
domain::result<domain::dispute_request> from_proto(const v1::AcceptDisputeRequest& in);
domain::result<domain::dispute_request> from_proto(const v1::GetDisputeRequest& in);
domain::result<domain::submit_evidence_request> from_proto(const v1::SubmitEvidenceRequest& in);
domain::result<domain::defend_dispute_request> from_proto(const v1::DefendDisputeRequest& in);
void to_proto(const domain::revoke_result& r, v1::RevokeMandateResponse* out);
void to_proto(const domain::dispute_result& r, v1::Dispute* out);
void event_out(const domain::webhook_event& e, v1::Event* out);
void to_proto(const domain::webhook_result& r, v1::HandleWebhookResponse* out);

}  // namespace cs::api
