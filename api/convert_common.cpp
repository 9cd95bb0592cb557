#include <fmt/format.h>

#include "api/convert.hpp"
#include "api/request_keys.hpp"
#include "domain/payment_method.hpp"

namespace cs::api {

// The domain enums mirror the proto enums value for value.
static_assert(static_cast<int>(domain::payment_status::unrecognized) ==
              v1::PAYMENT_STATUS_UNMAPPED);
static_assert(static_cast<int>(domain::refund_status::unrecognized) == v1::REFUND_STATUS_UNMAPPED);
static_assert(static_cast<int>(domain::dispute_status::unrecognized) ==
              v1::DISPUTE_STATUS_UNMAPPED);
static_assert(static_cast<int>(domain::mandate_status::revoked) == v1::MANDATE_STATUS_REVOKED);
static_assert(static_cast<int>(domain::decline_code::limit_exceeded) ==
              v1::DECLINE_CODE_LIMIT_EXCEEDED);
static_assert(static_cast<int>(domain::event_type::other) == v1::EVENT_TYPE_OTHER);
static_assert(static_cast<int>(domain::refund_speed::instant) == v1::REFUND_SPEED_INSTANT);

domain::status require(const std::string& value, std::string_view field) {
  if (value.empty()) return domain::missing_field(std::string(field));
  return domain::ok_status();
}

domain::result<domain::money> money_in(const v1::Money& m, std::string_view field,
                                       bool allow_zero) {
  domain::money out{m.minor_amount(), m.currency_code()};
  if (auto s = domain::validate_money(out, field, allow_zero); !s) return std::move(s).err();
  return out;
}

std::optional<domain::money> money_opt(bool present, const v1::Money& m) {
  if (!present) return std::nullopt;
  return domain::money{m.minor_amount(), m.currency_code()};
}

domain::customer customer_in(const v1::Customer& c) {
  return {c.id(), c.email(), c.phone(), c.name(), c.ip_address(), c.user_agent()};
}

domain::status base_in(domain::request_base& out, const std::string& key, const std::string& ref,
                       std::string_view flow, std::vector<std::string_view> distinct,
                       bool distinct_identifies) {
  if (auto s = check_idempotency_key(key); !s) return s;
  if (auto s = check_text(ref, "merchant_reference", max_reference_length); !s) return s;
  out.merchant_reference = ref;
  if (!key.empty()) {
    out.idempotency_key = key;
    return domain::ok_status();
  }
  if (ref.empty() && !distinct_identifies)
    return domain::invalid_argument(
        "idempotency_key",
        "required when merchant_reference is empty (a retry must not repeat "
        "the operation)");
  // The same fields are the same call (a retry replays it); any field that tells two operations
  // apart (the amount of a partial capture, a refund's own reference) is part of the key.
  if (!ref.empty()) distinct.push_back(ref);
  out.idempotency_key = derive_key(flow, distinct);
  return domain::ok_status();
}

void money_out(const domain::money& m, v1::Money* out) {
  out->set_minor_amount(m.minor_amount);
  out->set_currency_code(m.currency);
}

void error_out(const domain::processor_error& e, v1::ProcessorError* out) {
  out->set_decline_code(static_cast<v1::DeclineCode>(e.code));
  out->set_processor_code(e.processor_code);
  out->set_processor_message(e.processor_message);
  out->set_processor_decline_code(e.decline_code_raw);
  out->set_retryable(e.retryable);
}

void redirect_out(const domain::redirect_data& r, v1::RedirectData* out) {
  out->set_url(r.url);
  // Connectors build the redirect with "GET" or "POST" (domain::redirect_data).
  out->set_method(r.method == "POST" ? v1::HTTP_METHOD_POST : v1::HTTP_METHOD_GET);
  for (auto& [k, v] : r.form_fields) (*out->mutable_form_fields())[k] = v;
}

void mandate_out(const domain::mandate& m, v1::Mandate* out) {
  out->set_connector_mandate_id(m.mandate_id);
  out->set_customer_id(m.customer_id);
  out->set_status(static_cast<v1::MandateStatus>(m.status));
}

}  // namespace cs::api
