#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "api/convert.hpp"
#include "api/request_keys.hpp"

namespace cs::api {
namespace {

domain::capture_method capture_in(v1::CaptureMethod m) {
  return m == v1::CAPTURE_METHOD_MANUAL ? domain::capture_method::manual
                                        : domain::capture_method::automatic;
}

domain::recurring_model model_in(v1::RecurringModel m) {
  switch (m) {
    case v1::RECURRING_MODEL_SUBSCRIPTION:
      return domain::recurring_model::subscription;
    case v1::RECURRING_MODEL_CARD_ON_FILE:
      return domain::recurring_model::card_on_file;
    default:
      return domain::recurring_model::unscheduled;
  }
}

// An optional amount must be valid when present and share the payment's currency.
domain::status optional_money(const std::optional<domain::money>& m, std::string_view field) {
  if (!m) return domain::ok_status();
  return domain::validate_money(*m, field);
}

domain::status same_currency(const std::optional<domain::money>& a,
                             const std::optional<domain::money>& b, std::string_view field) {
  if (a && b && a->currency != b->currency)
    return domain::invalid_argument(std::string(field) + ".currency_code",
                                    "must be the payment's currency");
  return domain::ok_status();
}

}  // namespace

domain::capture_method capture_method_in(v1::CaptureMethod m) {
  return capture_in(m);
}
domain::recurring_model recurring_model_in(v1::RecurringModel m) {
  return model_in(m);
}

domain::result<domain::authorize_request> from_proto(const v1::AuthorizeRequest& in) {
  domain::authorize_request out;
  CS_TRY(require(in.merchant_reference(), "merchant_reference"));
  CS_TRY(base_in(out, in.idempotency_key(), in.merchant_reference(), "authorize", {}));
  if (!in.has_amount()) return domain::missing_field("amount");
  auto amount = money_in(in.amount(), "amount");
  if (!amount) return std::move(amount).err();
  out.amount = *amount;
  auto method = method_in(in.payment_method(), in.has_payment_method(), "payment_method");
  if (!method) return std::move(method).err();
  out.method = std::move(method.value());
  out.capture = capture_in(in.capture_method());
  out.return_url = in.return_url();
  out.shopper = customer_in(in.customer());
  out.description = in.description();
  out.metadata.insert(in.metadata().begin(), in.metadata().end());
  CS_TRY(check_metadata(out.metadata));
  if (in.has_order()) {
    auto order = order_in(in.order(), out.amount);
    if (!order) return std::move(order).err();
    out.order = std::move(order.value());
  }
  CS_TRY(check_method_needs(out));
  return out;
}

domain::result<domain::capture_request> from_proto(const v1::CaptureRequest& in) {
  domain::capture_request out;
  CS_TRY(require(in.connector_payment_id(), "connector_payment_id"));
  CS_TRY(check_id(in.connector_payment_id(), "connector_payment_id"));
  out.connector_payment_id = in.connector_payment_id();
  out.amount_to_capture = money_opt(in.has_amount_to_capture(), in.amount_to_capture());
  // Two partial captures of one payment differ by their amount (or reference).
  CS_TRY(base_in(out, in.idempotency_key(), in.merchant_reference(), "capture",
                 {in.connector_payment_id(), amount_part(out.amount_to_capture)}));
  out.payment_amount = money_opt(in.has_payment_amount(), in.payment_amount());
  CS_TRY(optional_money(out.amount_to_capture, "amount_to_capture"));
  CS_TRY(optional_money(out.payment_amount, "payment_amount"));
  CS_TRY(same_currency(out.amount_to_capture, out.payment_amount, "amount_to_capture"));
  if (out.amount_to_capture && out.payment_amount &&
      out.amount_to_capture->minor_amount > out.payment_amount->minor_amount)
    return domain::invalid_argument("amount_to_capture.minor_amount",
                                    "is more than the payment_amount");
  return out;
}

domain::result<domain::void_request> from_proto(const v1::VoidRequest& in) {
  domain::void_request out;
  CS_TRY(require(in.connector_payment_id(), "connector_payment_id"));
  CS_TRY(check_id(in.connector_payment_id(), "connector_payment_id"));
  CS_TRY(check_text(in.reason(), "reason", max_reason_length));
  CS_TRY(base_in(out, in.idempotency_key(), in.merchant_reference(), "void",
                 {in.connector_payment_id()}));
  out.connector_payment_id = in.connector_payment_id();
  out.reason = in.reason();
  return out;
}

domain::result<domain::get_payment_request> from_proto(const v1::GetPaymentRequest& in) {
  if (in.connector_payment_id().empty() && in.merchant_reference().empty())
    return domain::missing_field("connector_payment_id");
  CS_TRY(check_id(in.connector_payment_id(), "connector_payment_id"));
  CS_TRY(check_text(in.merchant_reference(), "merchant_reference", max_reference_length));
  return domain::get_payment_request{in.connector_payment_id(), in.merchant_reference()};
}

domain::result<domain::refund_request> from_proto(const v1::RefundRequest& in) {
  domain::refund_request out;
  CS_TRY(require(in.connector_payment_id(), "connector_payment_id"));
  CS_TRY(check_id(in.connector_payment_id(), "connector_payment_id"));
  CS_TRY(check_text(in.reason(), "reason", max_reason_length));
  out.connector_payment_id = in.connector_payment_id();
  out.amount = money_opt(in.has_amount(), in.amount());
  // A refund's merchant_reference is the refund's own; two partial refunds also differ by amount.
  CS_TRY(base_in(out, in.idempotency_key(), in.merchant_reference(), "refund",
                 {in.connector_payment_id(), amount_part(out.amount)}));
  out.payment_amount = money_opt(in.has_payment_amount(), in.payment_amount());
  CS_TRY(optional_money(out.amount, "amount"));
  CS_TRY(optional_money(out.payment_amount, "payment_amount"));
  CS_TRY(same_currency(out.amount, out.payment_amount, "amount"));
  if (out.amount && out.payment_amount &&
      out.amount->minor_amount > out.payment_amount->minor_amount)
    return domain::invalid_argument("amount.minor_amount", "is more than the payment_amount");
  out.reason = in.reason();
  out.speed = static_cast<domain::refund_speed>(in.speed());
  return out;
}

domain::result<domain::setup_mandate_request> from_proto(const v1::SetupMandateRequest& in) {
  domain::setup_mandate_request out;
  CS_TRY(require(in.merchant_reference(), "merchant_reference"));
  CS_TRY(base_in(out, in.idempotency_key(), in.merchant_reference(), "setup_mandate", {}));
  CS_TRY(require(in.customer().id(), "customer.id"));
  auto method = method_in(in.payment_method(), in.has_payment_method(), "payment_method");
  if (!method) return std::move(method).err();
  out.method = std::move(method.value());
  out.shopper = customer_in(in.customer());
  if (!in.has_amount()) return domain::missing_field("amount");
  auto amount = money_in(in.amount(), "amount", true);
  if (!amount) return std::move(amount).err();
  out.amount = *amount;
  out.model = model_in(in.recurring_model());
  out.return_url = in.return_url();
  return out;
}

domain::result<domain::complete_authorize_request> from_proto(
    const v1::CompleteAuthorizeRequest& in) {
  domain::complete_authorize_request out;
  if (in.redirect_payload().empty()) return domain::missing_field("redirect_payload");
  CS_TRY(check_id(in.connector_payment_id(), "connector_payment_id"));
  out.redirect_payload.insert(in.redirect_payload().begin(), in.redirect_payload().end());
  // The redirect result is single-use: it identifies the completion. Digested in key order (the
  // proto map's order is unspecified), so every replica derives the same key.
  std::string payload;
  for (const auto& [k, v] : out.redirect_payload)
    payload += fmt::format("{}:{}={}:{};", k.size(), k, v.size(), v);
  auto digest = sha256_hex(payload);
  CS_TRY(base_in(out, in.idempotency_key(), in.merchant_reference(), "complete_authorize",
                 {in.connector_payment_id(), digest}, true));
  out.connector_payment_id = in.connector_payment_id();
  out.capture = capture_in(in.capture_method());
  return out;
}

void to_proto(const domain::payment_result& r, v1::Payment* out) {
  out->set_status(static_cast<v1::PaymentStatus>(r.status));
  out->set_connector_payment_id(r.connector_payment_id);
  out->set_connector_operation_id(r.connector_operation_id);
  if (r.amount) money_out(*r.amount, out->mutable_amount());
  if (r.captured_amount) money_out(*r.captured_amount, out->mutable_captured_amount());
  // One action: a browser redirect wins over an app link (no connector sends both).
  if (r.redirect) {
    redirect_out(*r.redirect, out->mutable_next_action()->mutable_redirect());
  } else if (!r.deep_link.empty()) {
    out->mutable_next_action()->mutable_deep_link()->set_uri(r.deep_link);
  }
  if (r.error) error_out(*r.error, out->mutable_error());
  out->set_processor_status(r.processor_status);
  if (r.mandate) mandate_out(*r.mandate, out->mutable_mandate());
  out->set_merchant_reference(r.merchant_reference);
}

void to_proto(const domain::refund_result& r, v1::Refund* out) {
  out->set_status(static_cast<v1::RefundStatus>(r.status));
  out->set_connector_refund_id(r.connector_refund_id);
  out->set_connector_payment_id(r.connector_payment_id);
  if (r.amount) money_out(*r.amount, out->mutable_amount());
  if (r.error) error_out(*r.error, out->mutable_error());
  out->set_processor_status(r.processor_status);
  out->set_merchant_reference(r.merchant_reference);
}

void to_proto(const domain::mandate_result& r, v1::SetupMandateResponse* out) {
  out->set_status(static_cast<v1::MandateStatus>(r.status));
  if (r.mandate) mandate_out(*r.mandate, out->mutable_mandate());
  out->set_payment_status(static_cast<v1::PaymentStatus>(r.payment));
  out->set_connector_payment_id(r.connector_payment_id);
  if (r.redirect) redirect_out(*r.redirect, out->mutable_next_action()->mutable_redirect());
  if (r.error) error_out(*r.error, out->mutable_error());
  out->set_processor_status(r.processor_status);
}

}  // namespace cs::api
