#include "connectors/stripe/methods.hpp"

#include <algorithm>
#include <iterator>

#include "connectors/common/json.hpp"
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
        "pm_…) here");
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

namespace {

void add_billing(form& f, const domain::customer& shopper) {
  if (!shopper.name.empty()) f.add("billing_details[name]", shopper.name);
  if (!shopper.email.empty()) f.add("billing_details[email]", shopper.email);
  if (!shopper.phone.empty()) f.add("billing_details[phone]", shopper.phone);
}

// Google Pay with gateway "stripe" puts a Stripe token object in the tokenization data; its id
// is all Stripe needs. The token's text is never echoed.
domain::result<std::string> google_pay_token_id(const domain::wallet& w) {
  constexpr std::string_view field = "payment_method.google_pay.payment_token";
  auto doc = json::parse(w.token.reveal(), wire::connector_name);
  std::string id = doc ? json::str(*doc, "id") : std::string();
  if (!id.starts_with("tok_") || id.size() > 255 ||
      id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") !=
          std::string::npos)
    return domain::invalid_argument(
        std::string(field),
        "is not a Stripe token: tokenize with Google Pay's gateway \"stripe\" and pass the "
        "token JSON it returns (an object with id \"tok_…\")");
  return id;
}

}  // namespace

form token_card_form(std::string_view token_id, const domain::customer& shopper) {
  form f;
  f.add("type", "card");
  f.add("card[token]", token_id);
  add_billing(f, shopper);
  return f;
}

namespace {

domain::error needed_for_mandate(std::string field, std::string_view why) {
  auto e = domain::invalid_argument(std::move(field), "is required: " + std::string(why));
  e.reason = domain::reason::missing_field;
  return e;
}

// type=sepa_debit&sepa_debit[iban]&billing_details[…]: Stripe's SEPA mandate names the account
// holder and reaches them by email (both required by Stripe for this type).
domain::result<form> sepa_debit_form(const domain::sepa_debit& d, const domain::customer& shopper) {
  if (shopper.email.empty())
    return needed_for_mandate("customer.email",
                              "Stripe sends the SEPA Direct Debit mandate and pre-debit notice "
                              "to the account holder's email");
  form f;
  f.add("type", "sepa_debit");
  f.add("sepa_debit[iban]", d.iban.reveal());
  f.add("billing_details[name]", d.holder_name);
  f.add("billing_details[email]", shopper.email);
  if (!shopper.phone.empty()) f.add("billing_details[phone]", shopper.phone);
  return f;
}

// The spec's enum for ideal[bank] (2023-08-16).
constexpr std::string_view ideal_banks[] = {
    "abn_amro", "asn_bank", "bunq",         "handelsbanken", "ing",
    "knab",     "moneyou",  "n26",          "rabobank",      "regiobank",
    "revolut",  "sns_bank", "triodos_bank", "van_lanschot",  "yoursafe"};

// type=ideal[&ideal[bank]] or type=bancontact, with the billing details Stripe shows the bank.
domain::result<form> bank_redirect_form(const domain::bank_redirect& b,
                                        const domain::customer& shopper) {
  form f;
  if (b.type == domain::bank_redirect_type::ideal) {
    f.add("type", "ideal");
    if (!b.bank.empty()) {
      if (std::find(std::begin(ideal_banks), std::end(ideal_banks), b.bank) ==
          std::end(ideal_banks)) {
        std::string known;
        for (auto id : ideal_banks) known += (known.empty() ? "" : ", ") + std::string(id);
        return domain::invalid_argument("payment_method.ideal.bank",
                                        "is not an iDEAL bank Stripe knows (" + known +
                                            "); leave it empty to let the shopper pick");
      }
      f.add("ideal[bank]", b.bank);
    }
  } else {
    if (shopper.name.empty())
      return needed_for_mandate("customer.name", "Stripe needs the payer's name for Bancontact");
    f.add("type", "bancontact");
  }
  add_billing(f, shopper);
  return f;
}

// type=us_bank_account with the account Stripe debits; Stripe requires the holder's name.
form ach_debit_form(const domain::ach_debit& d, const domain::customer& shopper) {
  form f;
  f.add("type", "us_bank_account");
  f.add("us_bank_account[account_number]", d.account_number.reveal());
  f.add("us_bank_account[routing_number]", d.routing_number);
  f.add("us_bank_account[account_type]",
        d.account_type == domain::bank_account_type::savings ? "savings" : "checking");
  f.add("us_bank_account[account_holder_type]",
        d.holder_type == domain::account_holder_type::company ? "company" : "individual");
  f.add("billing_details[name]", d.holder_name);
  if (!shopper.email.empty()) f.add("billing_details[email]", shopper.email);
  if (!shopper.phone.empty()) f.add("billing_details[phone]", shopper.phone);
  return f;
}

// type=klarna with what Klarna decides on: the shopper's email, name, phone and billing address
// (its country picks Klarna's market).
form klarna_form(const domain::customer& shopper, const domain::address& billing) {
  form f;
  f.add("type", "klarna");
  add_billing(f, shopper);
  const std::pair<const char*, const std::string*> parts[] = {
      {"line1", &billing.line1}, {"line2", &billing.line2},
      {"city", &billing.city},   {"postal_code", &billing.postal_code},
      {"state", &billing.state}, {"country", &billing.country}};
  for (const auto& [name, value] : parts)
    if (!value->empty()) f.add(std::string("billing_details[address][") + name + "]", *value);
  return f;
}

}  // namespace

std::string_view single_method_type(const domain::payment_method& m) {
  if (std::holds_alternative<domain::sepa_debit>(m)) return "sepa_debit";
  if (std::holds_alternative<domain::ach_debit>(m)) return "us_bank_account";
  if (const auto* b = std::get_if<domain::bank_redirect>(&m))
    return b->type == domain::bank_redirect_type::ideal ? "ideal" : "bancontact";
  if (std::holds_alternative<domain::bnpl>(m)) return "klarna";
  return {};
}

domain::status check_mandate(const domain::customer& shopper) {
  // The shopper accepted the mandate online, on the merchant's page: Stripe keeps where and with
  // what browser as the proof a debit needs.
  if (shopper.ip_address.empty())
    return needed_for_mandate("customer.ip_address",
                              "a bank debit's mandate records the IP address the shopper accepted "
                              "it from");
  if (shopper.user_agent.empty())
    return needed_for_mandate("customer.user_agent",
                              "a bank debit's mandate records the browser the shopper accepted it "
                              "with");
  return domain::ok_status();
}

void add_mandate(form& f, const domain::customer& shopper) {
  f.add("mandate_data[customer_acceptance][type]", "online");
  f.add("mandate_data[customer_acceptance][online][ip_address]", shopper.ip_address);
  f.add("mandate_data[customer_acceptance][online][user_agent]", shopper.user_agent);
}

domain::result<method_plan> plan_authorize(const domain::payment_method& m,
                                           const domain::customer& shopper,
                                           const domain::order_details& order) {
  if (std::holds_alternative<domain::bnpl>(m)) {
    if (!order.billing) return domain::missing_field("order.billing_address");
    return method_plan{
        method_plan::first::payment_method, {}, klarna_form(shopper, *order.billing)};
  }
  if (const auto* d = std::get_if<domain::sepa_debit>(&m)) {
    if (auto s = check_mandate(shopper); !s) return s.err();
    auto f = sepa_debit_form(*d, shopper);
    if (!f) return f.err();
    return method_plan{method_plan::first::payment_method, {}, std::move(*f)};
  }
  if (const auto* d = std::get_if<domain::ach_debit>(&m)) {
    if (auto s = check_mandate(shopper); !s) return s.err();
    return method_plan{method_plan::first::payment_method, {}, ach_debit_form(*d, shopper)};
  }
  if (const auto* b = std::get_if<domain::bank_redirect>(&m)) {
    auto f = bank_redirect_form(*b, shopper);
    if (!f) return f.err();
    return method_plan{method_plan::first::payment_method, {}, std::move(*f)};
  }
  if (const auto* w = std::get_if<domain::wallet>(&m)) {
    if (w->type == domain::wallet_type::google_pay) {
      auto id = google_pay_token_id(*w);
      if (!id) return id.err();
      return method_plan{method_plan::first::payment_method, {}, token_card_form(*id, shopper)};
    }
    if (w->type == domain::wallet_type::apple_pay) {
      // The token endpoint takes the PKPaymentToken's parts as Apple's SDKs hand them over.
      form f;
      f.add("pk_token", w->token.reveal());
      if (!w->display_name.empty()) f.add("pk_token_instrument_name", w->display_name);
      if (!w->network.empty()) f.add("pk_token_payment_network", w->network);
      if (!w->transaction_id.empty()) f.add("pk_token_transaction_id", w->transaction_id);
      return method_plan{method_plan::first::token, {}, std::move(f)};
    }
  }
  auto c = check_method(m);
  if (!c) return c.err();
  if (!*c)
    return method_plan{method_plan::first::intent, std::get<domain::processor_token>(m).value, {}};
  return method_plan{method_plan::first::payment_method, {}, card_form(**c, shopper)};
}

void add_return(form& f, const std::string& return_url, std::string_view only_type) {
  if (!only_type.empty()) {
    // Only that type: automatic methods would let Stripe pick another type for the intent.
    f.add("payment_method_types[]", only_type);
    if (!return_url.empty()) f.add("return_url", return_url);
    return;
  }
  if (!return_url.empty()) {
    f.add("return_url", return_url);
    return;
  }
  f.add("automatic_payment_methods[enabled]", "true");
  f.add("automatic_payment_methods[allow_redirects]", "never");
}

}  // namespace cs::connectors::stripe
