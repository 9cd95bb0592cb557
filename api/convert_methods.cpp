// PaymentMethod arms and OrderDetails → domain, validated before anything is sent: numbers are
// checked (Luhn, IBAN mod 97, ABA check digit) and never echoed, not even in part.
#include <fmt/format.h>

#include <utility>

#include "api/convert.hpp"
#include "api/request_keys.hpp"
#include "domain/bank_account.hpp"
#include "domain/payment_method.hpp"

namespace cs::api {
namespace {

inline constexpr std::size_t max_name_length = 255;

domain::result<domain::payment_method> card_in(const v1::Card& c, std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  if (c.number().empty()) return domain::missing_field(f("number"));
  if (c.number().size() < 12 || c.number().size() > 19 || !domain::luhn_valid(c.number()))
    return domain::invalid_argument(f("number"),
                                    "is not a valid card number (12-19 digits, Luhn check)");
  if (c.expiry_month() < 1 || c.expiry_month() > 12)
    return domain::invalid_argument(f("expiry_month"), "must be 1 to 12");
  if (c.expiry_year() < 2000 || c.expiry_year() > 2099)
    return domain::invalid_argument(f("expiry_year"), "must be a four-digit year");
  if (!c.cvc().empty() && (c.cvc().size() < 3 || c.cvc().size() > 4 ||
                           c.cvc().find_first_not_of("0123456789") != std::string::npos))
    return domain::invalid_argument(f("cvc"), "must be 3 or 4 digits");
  domain::card out;
  out.number = domain::secret<std::string>(c.number());
  out.expiry_month = static_cast<int>(c.expiry_month());
  out.expiry_year = static_cast<int>(c.expiry_year());
  out.cvc = domain::secret<std::string>(c.cvc());
  out.holder_name = c.holder_name();
  return domain::payment_method{std::move(out)};
}

domain::result<domain::payment_method> network_token_in(const v1::NetworkToken& t,
                                                        domain::token_origin origin,
                                                        std::string_view field) {
  domain::network_token out;
  out.number = domain::secret<std::string>(t.number());
  out.expiry_month = static_cast<int>(t.expiry_month());
  out.expiry_year = static_cast<int>(t.expiry_year());
  out.cryptogram = domain::secret<std::string>(t.cryptogram());
  out.eci = t.eci();
  out.holder_name = t.holder_name();
  out.origin = origin;
  CS_TRY(domain::validate_network_token(out, field));
  CS_TRY(check_text(out.holder_name, fmt::format("{}.holder_name", field), max_name_length));
  return domain::payment_method{std::move(out)};
}

// An encrypted wallet token is JSON text (Apple's paymentData, Google's token); anything else
// would only fail at the processor.
domain::status wallet_token_shape(const std::string& token, std::string_view field) {
  if (token.empty()) return domain::missing_field(std::string(field));
  if (token.size() > 16384) return domain::invalid_argument(std::string(field), "is over 16 KiB");
  if (token.front() != '{' || token.back() != '}')
    return domain::invalid_argument(std::string(field), "must be the wallet's token as JSON text");
  return domain::ok_status();
}

domain::result<domain::payment_method> apple_pay_in(const v1::ApplePay& a, std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  if (a.has_decrypted())
    return network_token_in(a.decrypted(), domain::token_origin::apple_pay, f("decrypted"));
  CS_TRY(wallet_token_shape(a.payment_token(), f("payment_token")));
  CS_TRY(check_text(a.network(), f("network"), 64));
  CS_TRY(check_text(a.display_name(), f("display_name"), 128));
  CS_TRY(check_text(a.transaction_identifier(), f("transaction_identifier"), 128));
  domain::wallet w{domain::wallet_type::apple_pay, domain::secret<std::string>(a.payment_token()),
                   a.network(), a.display_name(), a.transaction_identifier()};
  return domain::payment_method{std::move(w)};
}

domain::result<domain::payment_method> google_pay_in(const v1::GooglePay& g,
                                                     std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  if (g.has_decrypted())
    return network_token_in(g.decrypted(), domain::token_origin::google_pay, f("decrypted"));
  CS_TRY(wallet_token_shape(g.payment_token(), f("payment_token")));
  domain::wallet w;
  w.type = domain::wallet_type::google_pay;
  w.token = domain::secret<std::string>(g.payment_token());
  return domain::payment_method{std::move(w)};
}

domain::result<domain::payment_method> sepa_in(const v1::SepaDebit& d, std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  if (d.iban().empty()) return domain::missing_field(f("iban"));
  auto iban = domain::normalize_iban(d.iban());
  if (!domain::iban_valid(iban))
    return domain::invalid_argument(
        f("iban"), "is not a valid IBAN (country, check digits, the country's length, mod 97)");
  if (d.account_holder_name().empty()) return domain::missing_field(f("account_holder_name"));
  CS_TRY(check_text(d.account_holder_name(), f("account_holder_name"), max_name_length));
  return domain::payment_method{
      domain::sepa_debit{domain::secret<std::string>(std::move(iban)), d.account_holder_name()}};
}

domain::result<domain::payment_method> ach_in(const v1::AchDebit& d, std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  const auto& number = d.account_number();
  if (number.empty()) return domain::missing_field(f("account_number"));
  if (number.size() < 4 || number.size() > 17 ||
      number.find_first_not_of("0123456789") != std::string::npos)
    return domain::invalid_argument(f("account_number"), "must be 4 to 17 digits");
  if (d.routing_number().empty()) return domain::missing_field(f("routing_number"));
  if (!domain::aba_routing_valid(d.routing_number()))
    return domain::invalid_argument(f("routing_number"),
                                    "is not an ABA routing number (nine digits, check digit)");
  if (d.account_holder_name().empty()) return domain::missing_field(f("account_holder_name"));
  CS_TRY(check_text(d.account_holder_name(), f("account_holder_name"), max_name_length));
  domain::ach_debit out;
  out.account_number = domain::secret<std::string>(number);
  out.routing_number = d.routing_number();
  out.account_type = d.account_type() == v1::BANK_ACCOUNT_TYPE_SAVINGS
                         ? domain::bank_account_type::savings
                         : domain::bank_account_type::checking;
  out.holder_name = d.account_holder_name();
  out.holder_type = d.account_holder_type() == v1::ACCOUNT_HOLDER_TYPE_COMPANY
                        ? domain::account_holder_type::company
                        : domain::account_holder_type::individual;
  return domain::payment_method{std::move(out)};
}

}  // namespace

domain::result<domain::payment_method> method_in(const v1::PaymentMethod& pm, bool has,
                                                 std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  if (!has || pm.method_case() == v1::PaymentMethod::METHOD_NOT_SET)
    return domain::missing_field(std::string(field));
  switch (pm.method_case()) {
    case v1::PaymentMethod::kCard:
      return card_in(pm.card(), f("card"));
    case v1::PaymentMethod::kUpiCollect:
      if (pm.upi_collect().vpa().find('@') == std::string::npos)
        return domain::invalid_argument(f("upi_collect.vpa"), "must look like name@bank");
      return domain::payment_method{domain::upi{pm.upi_collect().vpa()}};
    case v1::PaymentMethod::kApplePay:
      return apple_pay_in(pm.apple_pay(), f("apple_pay"));
    case v1::PaymentMethod::kGooglePay:
      return google_pay_in(pm.google_pay(), f("google_pay"));
    case v1::PaymentMethod::kPaypal:
      // Approved by the payer at PayPal: there is no token to pass.
      return domain::payment_method{domain::wallet::of(domain::wallet_type::paypal)};
    case v1::PaymentMethod::kToken:
      if (pm.token().token().empty()) return domain::missing_field(f("token.token"));
      if (pm.token().token().size() > 255 ||
          pm.token().token().find_first_of(" /?#&=") != std::string::npos)
        return domain::invalid_argument(f("token.token"), "is not a processor token id");
      return domain::payment_method{domain::processor_token{pm.token().token()}};
    case v1::PaymentMethod::kNetworkToken:
      return network_token_in(pm.network_token(), domain::token_origin::token_service,
                              f("network_token"));
    case v1::PaymentMethod::kSepaDebit:
      return sepa_in(pm.sepa_debit(), f("sepa_debit"));
    case v1::PaymentMethod::kAchDebit:
      return ach_in(pm.ach_debit(), f("ach_debit"));
    case v1::PaymentMethod::kIdeal:
      CS_TRY(check_id(pm.ideal().bank(), f("ideal.bank")));
      return domain::payment_method{
          domain::bank_redirect{domain::bank_redirect_type::ideal, pm.ideal().bank()}};
    case v1::PaymentMethod::kBancontact:
      return domain::payment_method{
          domain::bank_redirect{domain::bank_redirect_type::bancontact, {}}};
    case v1::PaymentMethod::kKlarna:
      return domain::payment_method{domain::bnpl{}};
    case v1::PaymentMethod::kUpiIntent:
      return domain::payment_method{domain::upi_intent{}};
    default:
      break;
  }
  return domain::missing_field(std::string(field));
}

namespace {

domain::result<domain::address> address_in(const v1::Address& a, std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  domain::address out{a.line1(), a.line2(), a.city(), a.postal_code(), a.state(), a.country()};
  for (auto [value, name] : {std::pair{&out.line1, "line1"},
                             {&out.line2, "line2"},
                             {&out.city, "city"},
                             {&out.postal_code, "postal_code"},
                             {&out.state, "state"}})
    CS_TRY(check_text(*value, f(name), max_name_length));
  const auto& c = out.country;
  if (c.empty()) return domain::missing_field(f("country"));
  if (c.size() != 2 || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z')
    return domain::invalid_argument(f("country"), "must be an ISO 3166-1 alpha-2 code, e.g. NL");
  return out;
}

domain::result<domain::line_item> item_in(const v1::LineItem& i, std::string_view field) {
  auto f = [&](std::string_view sub) { return fmt::format("{}.{}", field, sub); };
  if (i.name().empty()) return domain::missing_field(f("name"));
  CS_TRY(check_text(i.name(), f("name"), max_name_length));
  CS_TRY(check_text(i.sku(), f("sku"), 64));
  CS_TRY(check_text(i.product_url(), f("product_url"), 2048));
  CS_TRY(check_text(i.image_url(), f("image_url"), 2048));
  if (i.quantity() < 1 || i.quantity() > 1'000'000)
    return domain::invalid_argument(f("quantity"), "must be 1 to 1000000");
  constexpr std::int64_t limit = 1'000'000'000'000;  // keeps quantity × amount far from overflow
  if (i.unit_amount() > limit || i.unit_amount() < -limit)
    return domain::invalid_argument(f("unit_amount"), "is out of range");
  if (i.tax_amount() < 0 || i.tax_amount() > limit)
    return domain::invalid_argument(f("tax_amount"), "must be zero or more");
  if (i.tax_rate_bps() > 10'000)
    return domain::invalid_argument(f("tax_rate_bps"), "must be at most 10000 (100 %)");
  return domain::line_item{i.name(),        i.sku(),        static_cast<int>(i.quantity()),
                           i.unit_amount(), i.tax_amount(), static_cast<int>(i.tax_rate_bps()),
                           i.product_url(), i.image_url()};
}

}  // namespace

domain::result<domain::order_details> order_in(const v1::OrderDetails& o,
                                               const domain::money& amount) {
  domain::order_details out;
  if (o.line_items_size() > 100)
    return domain::invalid_argument("order.line_items", "holds more than 100 items");
  std::int64_t total = 0;
  for (int n = 0; n < o.line_items_size(); ++n) {
    auto item = item_in(o.line_items(n), fmt::format("order.line_items[{}]", n));
    if (!item) return std::move(item).err();
    total += item->unit_amount * item->quantity;
    out.items.push_back(std::move(item.value()));
  }
  // Processors that take line items refuse a basket that differs from the amount (Klarna).
  if (!out.items.empty() && total != amount.minor_amount)
    return domain::invalid_argument(
        "order.line_items",
        fmt::format("add up to {} (quantity × unit_amount), not to the payment's amount {}", total,
                    amount.minor_amount));
  if (o.has_billing_address()) {
    auto a = address_in(o.billing_address(), "order.billing_address");
    if (!a) return std::move(a).err();
    out.billing = std::move(a.value());
  }
  if (o.has_shipping_address()) {
    auto a = address_in(o.shipping_address(), "order.shipping_address");
    if (!a) return std::move(a).err();
    out.shipping = std::move(a.value());
  }
  CS_TRY(check_text(o.locale(), "order.locale", 35));
  out.locale = o.locale();
  return out;
}

domain::status check_method_needs(const domain::authorize_request& r) {
  if (std::holds_alternative<domain::bnpl>(r.method)) {
    // Klarna decides on the basket and the shopper: without them every processor refuses.
    if (r.order.items.empty()) return domain::missing_field("order.line_items");
    if (!r.order.billing) return domain::missing_field("order.billing_address");
    if (r.shopper.email.empty()) return domain::missing_field("customer.email");
  }
  const bool redirects = std::holds_alternative<domain::bnpl>(r.method) ||
                         std::holds_alternative<domain::bank_redirect>(r.method);
  if (redirects && r.return_url.empty()) return domain::missing_field("return_url");
  return domain::ok_status();
}

}  // namespace cs::api
