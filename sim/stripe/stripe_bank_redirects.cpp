// Bank redirects: iDEAL (ideal) and Bancontact (bancontact) PaymentMethods and the intents that
// pay with them. Confirming sends the shopper to their bank: `requires_action` with
// next_action.redirect_to_url, the same test page as 3-D Secure (stripe_three_ds.cpp), where the
// shopper approves (the charge succeeds at once) or, with &result=failed, fails or abandons it.

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
  return boost::json::object{};  // bancontact: no details until the shopper has paid
}

std::optional<sim_response> simulator::confirm_redirect(payment_intent& pi,
                                                        const payment_method& pm) {
  if (pi.currency != "eur") {
    return invalid_request("The currency provided (" + pi.currency +
                               ") is invalid. Payments with " + pm.type +
                               " support the following currencies: eur.",
                           "currency");
  }
  if (pi.capture_method == "manual") {
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
