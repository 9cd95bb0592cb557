#include "connectors/stripe/methods.hpp"

#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {
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
  if (auto s = domain::validate_card(*c, "payment_method.card"); !s) return s.err();
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
