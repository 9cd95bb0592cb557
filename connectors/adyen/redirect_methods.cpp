#include "connectors/adyen/redirect_methods.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace cs::connectors::adyen {
namespace {

using namespace domain;

// The currency Adyen's Klarna takes for each shopper country it is declared for (Adyen's Klarna
// page: the payment's currency must be the country's). Kept in step with the descriptor.
struct klarna_market {
  std::string_view country, currency;
};
constexpr std::array<klarna_market, 13> klarna_markets{{{"AT", "EUR"},
                                                        {"BE", "EUR"},
                                                        {"DE", "EUR"},
                                                        {"ES", "EUR"},
                                                        {"FI", "EUR"},
                                                        {"FR", "EUR"},
                                                        {"IT", "EUR"},
                                                        {"NL", "EUR"},
                                                        {"DK", "DKK"},
                                                        {"NO", "NOK"},
                                                        {"SE", "SEK"},
                                                        {"GB", "GBP"},
                                                        {"US", "USD"}}};

// Adyen's Address: street, houseNumberOrName, postalCode, city and country are all required by
// the schema; line1 is the street with its number, line2 (when given) the house name or number.
result<boost::json::object> address_json(const address& a, std::string_view field) {
  for (auto [value, name] :
       {std::pair{&a.line1, "line1"}, {&a.city, "city"}, {&a.postal_code, "postal_code"}})
    if (value->empty()) return missing_field(fmt::format("{}.{}", field, name));
  boost::json::object out{{"street", a.line1},
                          {"houseNumberOrName", a.line2},
                          {"postalCode", a.postal_code},
                          {"city", a.city},
                          {"country", a.country}};
  if (!a.state.empty()) out["stateOrProvince"] = a.state;
  return out;
}

// LineItem: amounts per unit in minor units, taxPercentage in basis points (the spec's words).
// The API's tax_amount is the line's (quantity × unit) tax; Adyen wants one unit's, rounded to
// the nearest minor unit when the line's tax does not divide evenly.
std::int64_t unit_tax(const line_item& i) {
  return (i.tax_amount + i.quantity / 2) / i.quantity;
}

boost::json::array line_items_json(const std::vector<line_item>& items) {
  boost::json::array out;
  for (const auto& i : items) {
    const auto tax = unit_tax(i);
    boost::json::object item{{"description", i.name},
                             {"quantity", i.quantity},
                             {"amountIncludingTax", i.unit_amount},
                             {"amountExcludingTax", i.unit_amount - tax},
                             {"taxAmount", tax},
                             {"taxPercentage", i.tax_rate_bps}};
    if (!i.sku.empty()) item["id"] = i.sku;
    if (!i.product_url.empty()) item["productUrl"] = i.product_url;
    if (!i.image_url.empty()) item["imageUrl"] = i.image_url;
    out.push_back(std::move(item));
  }
  return out;
}

status add_klarna_fields(boost::json::object& body, const authorize_request& r) {
  // The API checked these already (check_method_needs); checked again because this is what
  // reaches Adyen.
  if (r.order.items.empty()) return missing_field("order.line_items");
  if (!r.order.billing) return missing_field("order.billing_address");
  if (r.shopper.email.empty()) return missing_field("customer.email");
  std::int64_t total = 0;
  for (const auto& i : r.order.items) {
    if (i.tax_amount > 0 && i.tax_amount > i.unit_amount * i.quantity)
      return invalid_argument("order.line_items",
                              "a line's tax_amount is more than quantity × unit_amount");
    total += i.unit_amount * i.quantity;
  }
  if (total != r.amount.minor_amount)
    return invalid_argument("order.line_items",
                            "must add up to the amount: Klarna approves only a matching basket");
  const auto& country = r.order.billing->country;
  auto market = std::find_if(klarna_markets.begin(), klarna_markets.end(),
                             [&](const klarna_market& m) { return m.country == country; });
  if (market == klarna_markets.end())
    return invalid_argument("order.billing_address.country",
                            "is not a country Adyen's Klarna is declared for here");
  if (market->currency != r.amount.currency)
    return invalid_argument(
        "amount.currency_code",
        fmt::format("Klarna through Adyen takes {} for shoppers in {}", market->currency, country));
  auto billing = address_json(*r.order.billing, "order.billing_address");
  if (!billing) return billing.err();
  body["billingAddress"] = std::move(billing.value());
  if (r.order.shipping) {
    auto delivery = address_json(*r.order.shipping, "order.shipping_address");
    if (!delivery) return delivery.err();
    body["deliveryAddress"] = std::move(delivery.value());
  }
  body["countryCode"] = country;
  if (!r.order.locale.empty()) body["shopperLocale"] = r.order.locale;
  body["lineItems"] = line_items_json(r.order.items);
  // Adyen captures Klarna payments only on request, whatever the account's capture setting.
  body["additionalData"] = boost::json::object{{"manualCapture", "true"}};
  return ok_status();
}

}  // namespace

bool is_redirect_method(const payment_method& m) noexcept {
  return std::holds_alternative<bank_redirect>(m) || std::holds_alternative<bnpl>(m);
}

result<boost::json::object> redirect_payment_method(const payment_method& m) {
  if (std::holds_alternative<bnpl>(m)) return boost::json::object{{"type", "klarna"}};
  const auto& b = std::get<bank_redirect>(m);
  if (b.type != bank_redirect_type::ideal)
    return invalid_argument("payment_method",
                            "Bancontact at Adyen is the card brand bcmc, not a bank redirect; "
                            "the Adyen connector does not take it");
  if (!b.bank.empty())
    return invalid_argument("payment_method.ideal.bank",
                            "must be empty for Adyen: since iDEAL 2.0 the shopper picks their "
                            "bank on iDEAL's own page");
  return boost::json::object{{"type", "ideal"}};
}

status add_redirect_fields(boost::json::object& body, const authorize_request& r) {
  if (std::holds_alternative<bnpl>(r.method)) return add_klarna_fields(body, r);
  if (r.capture == capture_method::manual)
    return invalid_argument("capture_method",
                            "must be AUTOMATIC for iDEAL: Adyen captures iDEAL payments at once");
  return ok_status();
}

bool is_klarna_type(std::string_view type) noexcept {
  return type == "klarna" || type == "klarna_paynow" || type == "klarna_account" ||
         type.starts_with("klarnapayments");
}

bool is_ideal_type(std::string_view type) noexcept {
  return type == "ideal";
}

}  // namespace cs::connectors::adyen
