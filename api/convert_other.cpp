#include <fmt/format.h>

#include "api/convert.hpp"
#include "api/request_keys.hpp"

namespace cs::api {

domain::result<domain::get_refund_request> from_proto(const v1::GetRefundRequest& in) {
  CS_TRY(require(in.connector_refund_id(), "connector_refund_id"));
  CS_TRY(check_id(in.connector_refund_id(), "connector_refund_id"));
  CS_TRY(check_id(in.connector_payment_id(), "connector_payment_id"));
  return domain::get_refund_request{in.connector_refund_id(), in.connector_payment_id()};
}

domain::result<domain::recurring_charge_request> from_proto(const v1::RecurringChargeRequest& in) {
  domain::recurring_charge_request out;
  CS_TRY(require(in.merchant_reference(), "merchant_reference"));
  CS_TRY(base_in(out, in.idempotency_key(), in.merchant_reference(), "recurring_charge", {}));
  CS_TRY(require(in.connector_mandate_id(), "connector_mandate_id"));
  CS_TRY(check_id(in.connector_mandate_id(), "connector_mandate_id"));
  CS_TRY(check_id(in.customer_id(), "customer_id"));
  if (!in.has_amount()) return domain::missing_field("amount");
  auto amount = money_in(in.amount(), "amount");
  if (!amount) return std::move(amount).err();
  out.amount = *amount;
  out.mandate_id = in.connector_mandate_id();
  out.customer_id = in.customer_id();
  out.capture = capture_method_in(in.capture_method());
  out.model = recurring_model_in(in.recurring_model());
  out.return_url = in.return_url();
  return out;
}

domain::result<domain::revoke_mandate_request> from_proto(const v1::RevokeMandateRequest& in) {
  CS_TRY(require(in.connector_mandate_id(), "connector_mandate_id"));
  CS_TRY(check_id(in.connector_mandate_id(), "connector_mandate_id"));
  CS_TRY(check_id(in.customer_id(), "customer_id"));
  domain::revoke_mandate_request out;
  // Revoking a mandate twice is the same call.
  CS_TRY(base_in(out, in.idempotency_key(), "", "revoke_mandate",
                 {in.customer_id(), in.connector_mandate_id()}, true));
  out.mandate_id = in.connector_mandate_id();
  out.customer_id = in.customer_id();
  return out;
}

domain::result<domain::dispute_request> from_proto(const v1::AcceptDisputeRequest& in) {
  CS_TRY(require(in.connector_dispute_id(), "connector_dispute_id"));
  CS_TRY(check_id(in.connector_dispute_id(), "connector_dispute_id"));
  domain::dispute_request out;
  CS_TRY(
      base_in(out, in.idempotency_key(), "", "accept_dispute", {in.connector_dispute_id()}, true));
  out.dispute_id = in.connector_dispute_id();
  return out;
}

domain::result<domain::dispute_request> from_proto(const v1::GetDisputeRequest& in) {
  CS_TRY(require(in.connector_dispute_id(), "connector_dispute_id"));
  CS_TRY(check_id(in.connector_dispute_id(), "connector_dispute_id"));
  domain::dispute_request out;
  out.dispute_id = in.connector_dispute_id();
  return out;
}

domain::result<domain::submit_evidence_request> from_proto(const v1::SubmitEvidenceRequest& in) {
  CS_TRY(require(in.connector_dispute_id(), "connector_dispute_id"));
  CS_TRY(check_id(in.connector_dispute_id(), "connector_dispute_id"));
  if (in.documents().empty() && in.text().empty()) return domain::missing_field("documents");
  domain::submit_evidence_request out;
  out.dispute_id = in.connector_dispute_id();
  out.text = in.text();
  out.submit = !in.save_as_draft();
  int i = 0;
  for (auto& d : in.documents()) {
    if (d.content().empty()) return domain::missing_field(fmt::format("documents[{}].content", i));
    if (d.content_type().empty())
      return domain::missing_field(fmt::format("documents[{}].content_type", i));
    out.documents.push_back({static_cast<domain::evidence_type>(d.type()), d.content(),
                             d.content_type(), d.processor_type()});
    ++i;
  }
  // The same evidence sent twice is one submission; other evidence is another.
  std::string digest = fmt::format("{}:{};{}", in.text().size(), in.text(), !in.save_as_draft());
  for (const auto& d : out.documents)
    digest += fmt::format("{}:{}:{}:{};", static_cast<int>(d.type), d.content_type,
                          d.processor_type, sha256_hex(d.content));
  CS_TRY(base_in(out, in.idempotency_key(), "", "submit_evidence",
                 {in.connector_dispute_id(), sha256_hex(digest)}, true));
  return out;
}

domain::result<domain::defend_dispute_request> from_proto(const v1::DefendDisputeRequest& in) {
  CS_TRY(require(in.connector_dispute_id(), "connector_dispute_id"));
  CS_TRY(check_id(in.connector_dispute_id(), "connector_dispute_id"));
  CS_TRY(require(in.reason_code(), "reason_code"));
  CS_TRY(check_text(in.reason_code(), "reason_code", max_reason_length));
  domain::defend_dispute_request out;
  CS_TRY(base_in(out, in.idempotency_key(), "", "defend_dispute",
                 {in.connector_dispute_id(), in.reason_code()}, true));
  out.dispute_id = in.connector_dispute_id();
  out.reason_code = in.reason_code();
  return out;
}

void to_proto(const domain::revoke_result& r, v1::RevokeMandateResponse* out) {
  out->set_status(static_cast<v1::MandateStatus>(r.status));
  if (r.error) error_out(*r.error, out->mutable_error());
}

void to_proto(const domain::dispute_result& r, v1::Dispute* out) {
  out->set_status(static_cast<v1::DisputeStatus>(r.status));
  out->set_connector_dispute_id(r.dispute_id);
  if (r.error) error_out(*r.error, out->mutable_error());
  out->set_processor_status(r.processor_status);
}

void event_out(const domain::webhook_event& e, v1::Event* p) {
  p->set_type(static_cast<v1::EventType>(e.type));
  p->set_event_id(e.event_id);
  p->set_processor_event_code(e.processor_event_code);
  p->set_connector_payment_id(e.connector_payment_id);
  p->set_connector_refund_id(e.connector_refund_id);
  p->set_connector_operation_id(e.connector_operation_id);
  p->set_connector_dispute_id(e.dispute_id);
  p->set_merchant_reference(e.merchant_reference);
  if (e.amount) money_out(*e.amount, p->mutable_amount());
  p->set_payment_status(static_cast<v1::PaymentStatus>(e.payment));
  p->set_refund_status(static_cast<v1::RefundStatus>(e.refund));
  p->set_dispute_status(static_cast<v1::DisputeStatus>(e.dispute));
  if (e.error) error_out(*e.error, p->mutable_error());
  p->set_connector_mandate_id(e.mandate_id);
}

void to_proto(const domain::webhook_result& r, v1::HandleWebhookResponse* out) {
  out->set_acknowledgement(r.acknowledgement);
  for (auto& e : r.events) event_out(e, out->add_events());
}

}  // namespace cs::api
