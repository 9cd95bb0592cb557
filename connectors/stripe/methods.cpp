#include "connectors/stripe/methods.hpp"

#include <algorithm>

#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {
namespace {

bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

domain::result<const domain::card*> check_method(const domain::payment_method& m) {
  if (std::holds_alternative<std::monostate>(m)) return domain::missing_field("payment_method");
  if (const auto* t = std::get_if<domain::processor_token>(&m)) {
    if (auto s = wire::check_id(t->value, "payment_method.token.token", {"pm_"}, "PaymentMethod");
        !s)
      return s.err();
    return static_cast<const domain::card*>(nullptr);
  }
  const auto* c = std::get_if<domain::card>(&m);
  if (!c)
    return domain::invalid_argument(
        "payment_method",
        "the Stripe connector takes a card or a processor token (a Stripe PaymentMethod id "
        "pm_…); UPI and wallet tokens are not supported");
  const auto& number = c->number.reveal();
  if (number.empty()) return domain::missing_field("payment_method.card.number");
  if (!all_digits(number) || number.size() < 12 || number.size() > 19)
    return domain::invalid_argument("payment_method.card.number", "must be 12 to 19 digits");
  if (c->expiry_month == 0) return domain::missing_field("payment_method.card.expiry_month");
  if (c->expiry_month < 1 || c->expiry_month > 12)
    return domain::invalid_argument("payment_method.card.expiry_month", "must be 1 to 12");
  if (c->expiry_year == 0) return domain::missing_field("payment_method.card.expiry_year");
  if (c->expiry_year < 1000 || c->expiry_year > 9999)
    return domain::invalid_argument("payment_method.card.expiry_year", "must have four digits");
  const auto& cvc = c->cvc.reveal();
  if (!cvc.empty() && (!all_digits(cvc) || cvc.size() < 3 || cvc.size() > 4))
    return domain::invalid_argument("payment_method.card.cvc", "must be 3 or 4 digits");
  return c;
}

form card_form(const domain::card& c, const domain::customer& shopper) {
  form f;
  f.add("type", "card");
  f.add("card[number]", c.number.reveal());
  f.add("card[exp_month]", static_cast<std::int64_t>(c.expiry_month));
  f.add("card[exp_year]", static_cast<std::int64_t>(c.expiry_year));
  if (!c.cvc.empty()) f.add("card[cvc]", c.cvc.reveal());
  if (!c.holder_name.empty()) f.add("billing_details[name]", c.holder_name);
  if (!shopper.email.empty()) f.add("billing_details[email]", shopper.email);
  if (!shopper.phone.empty()) f.add("billing_details[phone]", shopper.phone);
  return f;
}

void add_return(form& f, const std::string& return_url) {
  if (!return_url.empty()) {
    f.add("return_url", return_url);
    return;
  }
  f.add("automatic_payment_methods[enabled]", "true");
  f.add("automatic_payment_methods[allow_redirects]", "never");
}

}  // namespace cs::connectors::stripe
