// Redirect methods: iDEAL (ideal), Bancontact (bancontact) and Klarna (klarna) PaymentMethods and
// the intents that pay with them. Confirming sends the shopper to their bank or to Klarna:
// `requires_action` with next_action.redirect_to_url, the same test page as 3-D Secure
// (stripe_three_ds.cpp), where the shopper approves (the bank redirects are charged at once; Klarna
// honours capture_method=manual) or, with &result=failed, fails or abandons it.

#include "../ids.hpp"
#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <algorithm>
#include <array>

namespace processor_sim::stripe {
namespace {

// The 2023-08-16 spec's enum for ideal[bank], with the BIC Stripe reports for each.
constexpr std::array<std::pair<const char*, const char*>, 15> ideal_banks{{
    {"abn_amro", "ABNANL2A"},
    {"asn_bank", "ASNBNL21"},
    {"bunq", "BUNQNL2A"},
    {"handelsbanken", "HANDNL2A"},
    {"ing", "INGBNL2A"},
    {"knab", "KNABNL2H"},
    {"moneyou", "MOYONL21"},
    {"n26", "NTSBDEB1"},
    {"rabobank", "RABONL2U"},
    {"regiobank", "RBRBNL21"},
    {"revolut", "REVOLT21"},
    {"sns_bank", "SNSBNL2A"},
    {"triodos_bank", "TRIONL2U"},
    {"van_lanschot", "FVLBNL22"},
    {"yoursafe", "BITSNL2A"},
}};

const char* bic_of(const std::string& bank) {
  for (const auto& [id, bic] : ideal_banks)
    if (bank == id) return bic;
  return nullptr;
}

// Klarna's currencies and the billing countries each may be used from (Stripe's table, abridged).
constexpr std::array<std::pair<const char*, const char*>, 6> klarna_markets{{
    {"eur", "AT BE DE ES FI FR GR IE IT NL PT"},
    {"gbp", "GB"},
    {"usd", "US"},
    {"dkk", "DK"},
    {"nok", "NO"},
    {"sek", "SE"},
}};

}  // namespace

payment_method* simulator::bank_redirect_from_form(const form& f, const std::string& type,
                                                   const std::string& prefix, sim_response* err) {
  payment_method pm;
  pm.type = type;
  pm.billing_name = f.get(nested_param(prefix, "billing_details[name]"));
  pm.billing_email = f.get(nested_param(prefix, "billing_details[email]"));
  pm.billing_phone = f.get(nested_param(prefix, "billing_details[phone]"));
  if (type == "ideal") {
    const std::string bank_key = nested_param(prefix, "ideal[bank]");
    pm.bank = f.get(bank_key);
    if (f.has(bank_key) && !bic_of(pm.bank)) {
      std::string allowed;
      for (const auto& [id, bic] : ideal_banks)
        allowed += (allowed.empty() ? "" : ", ") + std::string(id);
      *err = invalid_request("Invalid " + bank_key + ": must be one of " + allowed, bank_key);
      return nullptr;
    }
  } else if (type == "klarna") {
    // Klarna decides on the shopper: it needs their email and billing country.
    pm.country = f.get(nested_param(prefix, "billing_details[address][country]"));
    for (const char* required : {"billing_details[email]", "billing_details[address][country]"}) {
      const std::string k = nested_param(prefix, required);
      if (f.get(k).empty()) {
        *err = invalid_request("Missing required param: " + k +
                                   ". Klarna PaymentMethods need the customer's email "
                                   "and billing country.",
                               k, "parameter_missing");
        return nullptr;
      }
    }
  } else if (pm.billing_name.empty()) {
    // Bancontact shows the payer's name to their bank.
    const std::string name_key = nested_param(prefix, "billing_details[name]");
    *err = invalid_request("Missing required param: " + name_key +
                               ". Bancontact PaymentMethods need the payer's name.",
                           name_key, "parameter_missing");
    return nullptr;
  }
  pm.id = new_id("pm_");
  pm.created = unix_now();
  return &(methods_[pm.id] = std::move(pm));
}

boost::json::object bank_redirect_json(const payment_method& pm) {
  if (pm.type == "ideal") {
    const char* bic = bic_of(pm.bank);
    return {{"bank", or_null(pm.bank)}, {"bic", bic ? boost::json::value(bic) : nullptr}};
  }
  if (pm.type == "klarna") return {{"dob", nullptr}};
  return boost::json::object{};  // bancontact: no details until the shopper has paid
}

std::optional<sim_response> simulator::confirm_redirect(payment_intent& pi,
                                                        const payment_method& pm) {
  if (pm.type == "klarna") {
    const auto market = std::find_if(klarna_markets.begin(), klarna_markets.end(),
                                     [&](const auto& m) { return pi.currency == m.first; });
    if (market == klarna_markets.end()) {
      return invalid_request("The currency provided (" + pi.currency +
                                 ") is invalid. Payments with klarna support the following "
                                 "currencies: dkk, eur, gbp, nok, sek, usd.",
                             "currency");
    }
    if (std::string(market->second).find(pm.country) == std::string::npos ||
        pm.country.size() != 2) {
      return invalid_request("Klarna does not support a billing country of " + pm.country +
                                 " for payments in " + pi.currency + ".",
                             "payment_method_data[billing_details][address][country]");
    }
  } else if (pi.currency != "eur") {
    return invalid_request("The currency provided (" + pi.currency +
                               ") is invalid. Payments with " + pm.type +
                               " support the following currencies: eur.",
                           "currency");
  }
  if (pi.capture_method == "manual" && pm.type != "klarna") {
    return invalid_request(
        "The PaymentMethod type " + pm.type + " does not support capture_method=manual.",
        "capture_method");
  }
  if (pi.return_url.empty()) {
    return invalid_request("A return_url must be specified to confirm a PaymentIntent with a " +
                               pm.type +
                               " PaymentMethod: the customer is redirected to their bank.",
                           "return_url");
  }
  pi.status = "requires_action";
  pi.auth_result.clear();
  pi.last_payment_error = nullptr;
  emit("payment_intent.requires_action", pi_json(pi));
  return json_response(200, pi_json(pi));
}

}  // namespace processor_sim::stripe
