// Bank debits: SEPA Direct Debit (sepa_debit) PaymentMethods and the PaymentIntents that pay with
// them or with ACH (us_bank_account, stripe_ach.cpp). The intent needs a mandate (mandate_data), an
// ACH account its microdeposits verified, then it goes to `processing` with a pending charge and
// stays there until the bank settles, which here is the control route
// POST /_sim/stripe/payment_intents/{pi}/settle (Stripe's test mode settles on its own after a
// while). The outcome follows Stripe's test IBANs; an IBAN never leaves the simulator's state
// except as its last four digits.

#include "../ids.hpp"
#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <algorithm>
#include <cctype>

namespace processor_sim::stripe {
namespace {

// ISO 13616 mod 97 over an upper-case IBAN without spaces.
bool iban_checks(const std::string& iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  if (!std::isupper(static_cast<unsigned char>(iban[0])) ||
      !std::isupper(static_cast<unsigned char>(iban[1])))
    return false;
  unsigned remainder = 0;
  const std::string moved = iban.substr(4) + iban.substr(0, 4);
  for (char c : moved) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else if (c >= 'A' && c <= 'Z') {
      remainder = (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return remainder == 1;
}

std::string normalized(std::string iban) {
  iban.erase(std::remove(iban.begin(), iban.end(), ' '), iban.end());
  for (auto& c : iban) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return iban;
}

struct debit_outcome {
  bool succeeds = true;
  std::string failure_code, message;
};

// Stripe's test IBANs that fail after processing (DE62…, AT86…) and test US account numbers;
// every other account (DE89370400440532013000, 000123456789 are the documented successes)
// succeeds.
debit_outcome outcome_for(const payment_method& pm) {
  const std::string insufficient =
      "The customer's account has insufficient funds to cover this payment.";
  if (pm.iban == "DE62370400440532013001" || pm.iban == "AT861904300235473202" ||
      pm.account_number == "000222222227") {
    return {false, "insufficient_funds", insufficient};
  }
  if (pm.account_number == "000111111113") {
    return {false, "account_closed", "The customer's bank account has been closed."};
  }
  if (pm.account_number == "000111111116") {
    return {false, "no_account", "The customer's bank account could not be located."};
  }
  if (pm.account_number == "000333333335") {
    return {false, "debit_not_authorized",
            "The customer notified their bank that this payment was unauthorized."};
  }
  return {};
}

}  // namespace

std::string nested_param(const std::string& prefix, const std::string& name) {
  if (prefix.empty()) return name;
  const auto bracket = name.find('[');
  if (bracket == std::string::npos) return prefix + "[" + name + "]";
  return prefix + "[" + name.substr(0, bracket) + "]" + name.substr(bracket);
}

payment_method* simulator::sepa_debit_from_form(const form& f, const std::string& prefix,
                                                sim_response* err) {
  const std::string iban_key = nested_param(prefix, "sepa_debit[iban]");
  if (!f.has(iban_key)) return *err = parameter_missing(iban_key), nullptr;
  const std::string iban = normalized(f.get(iban_key));
  if (!iban_checks(iban)) {
    *err =
        invalid_request("The IBAN you provided is invalid.", iban_key, "invalid_bank_account_iban");
    return nullptr;
  }
  // SEPA mandates name the account holder and reach them by email.
  for (const char* required : {"billing_details[name]", "billing_details[email]"}) {
    if (f.get(nested_param(prefix, required)).empty()) {
      *err = invalid_request(
          "Missing required param: " + nested_param(prefix, required) +
              ". SEPA Direct Debit PaymentMethods need the account holder's name and email.",
          nested_param(prefix, required), "parameter_missing");
      return nullptr;
    }
  }
  payment_method pm;
  pm.id = new_id("pm_");
  pm.type = "sepa_debit";
  pm.iban = iban;
  pm.last4 = iban.substr(iban.size() - 4);
  pm.country = iban.substr(0, 2);
  pm.bank_code = iban.substr(4, std::min<std::size_t>(8, iban.size() - 8));
  pm.billing_name = f.get(nested_param(prefix, "billing_details[name]"));
  pm.billing_email = f.get(nested_param(prefix, "billing_details[email]"));
  pm.billing_phone = f.get(nested_param(prefix, "billing_details[phone]"));
  pm.created = unix_now();
  return &(methods_[pm.id] = std::move(pm));
}

boost::json::object sepa_debit_json(const payment_method& pm) {
  return {{"bank_code", pm.bank_code},
          {"branch_code", ""},
          {"country", pm.country},
          {"fingerprint", "sim" + pm.last4 + pm.country},
          {"generated_from", {{"charge", nullptr}, {"setup_attempt", nullptr}}},
          {"last4", pm.last4}};
}

std::optional<sim_response> simulator::confirm_debit(payment_intent& pi, payment_method& pm,
                                                     const form& f) {
  const std::string currency = pm.type == "sepa_debit" ? "eur" : "usd";
  if (pi.currency != currency) {
    return invalid_request("The currency provided (" + pi.currency +
                               ") is invalid. Payments with " + pm.type +
                               " support the following currencies: " + currency + ".",
                           "currency");
  }
  if (pi.capture_method == "manual") {
    return invalid_request(
        "The PaymentMethod type " + pm.type + " does not support capture_method=manual.",
        "capture_method");
  }
  const std::string type_key = "mandate_data[customer_acceptance][type]";
  if (!f.has(type_key)) {
    return invalid_request("mandate_data is required to confirm a PaymentIntent with a " + pm.type +
                               " PaymentMethod: the customer must accept the mandate.",
                           "mandate_data", "parameter_missing");
  }
  const std::string acceptance = f.get(type_key);
  if (acceptance != "online" && acceptance != "offline") {
    return invalid_request("Invalid " + type_key + ": must be one of online or offline", type_key);
  }
  if (acceptance == "online") {
    for (const char* part : {"ip_address", "user_agent"}) {
      const std::string k = std::string("mandate_data[customer_acceptance][online][") + part + "]";
      if (f.get(k).empty()) return parameter_missing(k);
    }
  }
  pi.mandate = new_id("mandate_");
  if (pm.type == "us_bank_account" && !pm.verified) {
    // Account numbers typed by the shopper are verified with two small deposits first.
    pi.status = "requires_action";
    pi.auth_result.clear();
    pi.last_payment_error = nullptr;
    emit("payment_intent.requires_action", pi_json(pi));
    return json_response(200, pi_json(pi, &f));
  }
  start_debit(pi, pm);
  return json_response(200, pi_json(pi, &f));
}

void simulator::start_debit(payment_intent& pi, const payment_method& pm) {
  charge ch;
  ch.id = new_id("py_");  // Stripe's bank debits pay through "py_" charges
  ch.payment_intent = pi.id;
  ch.payment_method = pm.id;
  ch.amount = pi.amount;
  ch.currency = pi.currency;
  ch.status = "pending";
  ch.mandate = pi.mandate;
  ch.created = unix_now();
  charges_[ch.id] = ch;
  pi.latest_charge = ch.id;
  pi.last_payment_error = nullptr;
  pi.status = "processing";
  count_charge(pi);
  emit("payment_intent.processing", pi_json(pi));
}

sim_response simulator::settle_debit(payment_intent& pi, const std::string& forced) {
  if (pi.status != "processing") {
    return json_response(409, {{"error", "the payment intent is " + pi.status +
                                             ", only a processing debit settles"}});
  }
  auto& ch = charges_.at(pi.latest_charge);
  const auto& pm = methods_.at(ch.payment_method);
  auto outcome = outcome_for(pm);
  if (forced == "succeeded") outcome = {};
  if (forced == "failed" && outcome.succeeds) {
    outcome = {false, "debit_not_authorized",
               "The customer notified their bank that this payment was unauthorized."};
  }
  if (outcome.succeeds) {
    ch.status = "succeeded";
    ch.captured = true;
    ch.amount_captured = ch.amount;
    pi.status = "succeeded";
    pi.amount_received = pi.amount;
    emit("payment_intent.succeeded", pi_json(pi));
    return json_response(200, intent_state(pi));
  }
  ch.status = "failed";
  ch.failure_code = outcome.failure_code;
  ch.failure_message = outcome.message;
  pi.status = "requires_payment_method";
  pi.last_payment_error = boost::json::object{{"code", outcome.failure_code},
                                              {"message", outcome.message},
                                              {"payment_method", payment_method_json(pm)},
                                              {"type", "invalid_request_error"}};
  pi.payment_method.clear();
  emit("payment_intent.payment_failed", pi_json(pi));
  return json_response(200, intent_state(pi));
}

}  // namespace processor_sim::stripe
