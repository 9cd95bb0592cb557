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

namespace {

domain::result<domain::payment_method> wallet_in(domain::wallet_type type, const std::string& token,
                                                 std::string field) {
  if (token.empty()) return domain::missing_field(std::move(field));
  return domain::payment_method{domain::wallet{type, domain::secret<std::string>(token)}};
}

}  // namespace

domain::result<domain::payment_method> method_in(const v1::PaymentMethod& pm, bool has,
                                                 std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  if (!has || pm.method_case() == v1::PaymentMethod::METHOD_NOT_SET)
    return domain::missing_field(std::string(field));
  switch (pm.method_case()) {
    case v1::PaymentMethod::kCard: {
      auto& c = pm.card();
      if (c.number().empty()) return domain::missing_field(f("card.number"));
      // The number is never echoed, not even in part.
      if (c.number().size() < 12 || c.number().size() > 19 || !domain::luhn_valid(c.number()))
        return domain::invalid_argument(f("card.number"),
                                        "is not a valid card number (12-19 digits, Luhn check)");
      if (c.expiry_month() < 1 || c.expiry_month() > 12)
        return domain::invalid_argument(f("card.expiry_month"), "must be 1 to 12");
      if (c.expiry_year() < 2000 || c.expiry_year() > 2099)
        return domain::invalid_argument(f("card.expiry_year"), "must be a four-digit year");
      if (!c.cvc().empty() && (c.cvc().size() < 3 || c.cvc().size() > 4 ||
                               c.cvc().find_first_not_of("0123456789") != std::string::npos))
        return domain::invalid_argument(f("card.cvc"), "must be 3 or 4 digits");
      domain::card out;
      out.number = domain::secret<std::string>(c.number());
      out.expiry_month = static_cast<int>(c.expiry_month());
      out.expiry_year = static_cast<int>(c.expiry_year());
      out.cvc = domain::secret<std::string>(c.cvc());
      out.holder_name = c.holder_name();
      return domain::payment_method{std::move(out)};
    }
    case v1::PaymentMethod::kUpiCollect:
      if (pm.upi_collect().vpa().find('@') == std::string::npos)
        return domain::invalid_argument(f("upi_collect.vpa"), "must look like name@bank");
      return domain::payment_method{domain::upi{pm.upi_collect().vpa()}};
    case v1::PaymentMethod::kApplePay:
      return wallet_in(domain::wallet_type::apple_pay, pm.apple_pay().payment_token(),
                       f("apple_pay.payment_token"));
    case v1::PaymentMethod::kGooglePay:
      return wallet_in(domain::wallet_type::google_pay, pm.google_pay().payment_token(),
                       f("google_pay.payment_token"));
    case v1::PaymentMethod::kPaypal:
      // Approved by the payer at PayPal: there is no token to pass.
      return domain::payment_method{domain::wallet{domain::wallet_type::paypal, {}}};
    case v1::PaymentMethod::kToken:
      if (pm.token().token().empty()) return domain::missing_field(f("token.token"));
      if (pm.token().token().size() > 255 ||
          pm.token().token().find_first_of(" /?#&=") != std::string::npos)
        return domain::invalid_argument(f("token.token"), "is not a processor token id");
      return domain::payment_method{domain::processor_token{pm.token().token()}};
    default:
      break;
  }
  return domain::missing_field(std::string(field));
}

domain::customer customer_in(const v1::Customer& c) {
  return {c.id(), c.email(), c.phone(), c.name(), c.ip_address()};
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
