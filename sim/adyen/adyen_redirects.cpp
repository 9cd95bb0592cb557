// iDEAL (type ideal) and Klarna (klarna, klarna_paynow, klarna_account) at /payments: Adyen's
// checks (returnUrl; for Klarna the basket, the billing address, the shopper's email and the
// market), then resultCode RedirectShopper with an action to the simulator's provider page,
// GET /adyen/hpp/redirect?ref=…&outcome=approve|fail|cancel, which sends the shopper back to
// returnUrl with a redirectResult; /payments/details then answers Authorised, Refused or
// Cancelled and the AUTHORISATION notification follows. Klarna payments wait for their capture
// (Adyen captures them only on request); iDEAL is captured at once.
#include "../ids.hpp"
#include "adyen_sim.hpp"

#include <algorithm>
#include <array>

namespace processor_sim::adyen {
namespace {

struct market {
  std::string_view country, currency;
};
// Where the simulator's Klarna takes payments, each country in its own currency.
constexpr std::array<market, 13> klarna_markets{{{"AT", "EUR"},
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

sim_response no_acquirer(const std::string& type, const amount& value) {
  return error(422, "905_1",
               "Could not find an acquirer account for the provided txvariant (" + type +
                   "), currency (" + value.currency + "), and action (AUTH).");
}

sim_response required(const std::string& field) {
  return error(422, "000", "Required field '" + field + "' is not provided.");
}

std::int64_t int_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_int64()    ? v->as_int64()
         : v && v->is_uint64() ? std::int64_t(v->as_uint64())
                               : -1;
}

// Klarna's checks, in the order Adyen reports them.
std::optional<sim_response> klarna_checks(const boost::json::object& body, const amount& value,
                                          const std::string& type) {
  const auto* items = body.if_contains("lineItems");
  if (!items || !items->is_array() || items->as_array().empty()) return required("lineItems");
  std::int64_t total = 0;
  for (const auto& item : items->as_array()) {
    if (!item.is_object()) return error(422, "000", "Invalid lineItems");
    const auto& i = item.as_object();
    const auto quantity = int_of(i, "quantity");
    const auto each = int_of(i, "amountIncludingTax");
    if (str(i, "description").empty() || quantity < 1 || each < 0)
      return error(422, "000", "lineItems need description, quantity and amountIncludingTax");
    total += quantity * each;
  }
  if (total != value.value)
    return error(422, "000", "The sum of lineItems does not match amount.value");
  const auto* billing = obj(body, "billingAddress");
  if (!billing) return required("billingAddress");
  for (auto field : {"street", "houseNumberOrName", "postalCode", "city", "country"})
    if (!billing->contains(field)) return required(std::string("billingAddress.") + field);
  if (str(body, "shopperEmail").empty()) return required("shopperEmail");
  const std::string country = str(body, "countryCode");
  if (country.empty()) return required("countryCode");
  auto m = std::find_if(klarna_markets.begin(), klarna_markets.end(),
                        [&](const market& k) { return k.country == country; });
  if (m == klarna_markets.end() || m->currency != value.currency) return no_acquirer(type, value);
  return std::nullopt;
}

}  // namespace

bool simulator::is_redirect_type(const std::string& type) {
  return type == "ideal" || type == "klarna" || type == "klarna_paynow" || type == "klarna_account";
}

std::optional<sim_response> simulator::read_redirect_method(const boost::json::object& method,
                                                            const boost::json::object& body,
                                                            const amount& value, payment& p) {
  const std::string type = str(method, "type");
  if (p.return_url.empty())
    return error(422, "14_006", "Required field 'returnUrl' is not provided.");
  if (type == "ideal") {
    if (value.currency != "EUR") return no_acquirer(type, value);
  } else if (auto bad = klarna_checks(body, value, type)) {
    return bad;
  }
  p.method_type = type;
  p.brand = type;  // notifications name the method: ideal, klarna…
  // Adyen captures Klarna only on request, whatever the account's setting.
  if (type != "ideal") p.manual_capture = true;
  return std::nullopt;
}

sim_response simulator::method_page(const sim_request& req) {
  auto query = [&](const char* key) {
    auto it = req.query.find(key);
    return it == req.query.end() ? std::string{} : it->second;
  };
  auto it = redirect_pages_.find(query("ref"));
  if (it == redirect_pages_.end()) return text_response(404, "unknown payment session");
  payment& p = payments_.at(it->second);
  if (!p.is_redirect_method()) return text_response(404, "not an iDEAL or Klarna session");
  std::string outcome = query("outcome");
  if (outcome.empty()) outcome = "approve";
  if (outcome != "approve" && outcome != "fail" && outcome != "cancel")
    return text_response(400, "outcome must be approve, fail or cancel");
  // The first visit decides, as at the real page.
  if (p.redirect_result.empty()) p.redirect_outcome = outcome;
  return back_to_shop(p);
}

void simulator::finish_redirect(payment& p) {
  if (p.redirect_outcome == "cancel") {
    p.result_code = "Cancelled";
  } else {
    apply_outcome(p, p.redirect_outcome == "fail" ? "DECLINED" : "APPROVED");
  }
}

}  // namespace processor_sim::adyen
