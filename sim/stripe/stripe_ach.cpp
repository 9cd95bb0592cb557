// ACH Direct Debit (us_bank_account): PaymentMethods from account and routing numbers, the
// microdeposit verification Stripe asks for when the shopper typed the numbers (the intent is
// `requires_action` with next_action.verify_with_microdeposits and a hosted page), then the debit
// as SEPA's (stripe_bank_debits.cpp): `processing` until settled.

#include "../ids.hpp"
#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <algorithm>

namespace processor_sim::stripe {
namespace {

bool digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool aba_valid(const std::string& r) {
  if (r.size() != 9 || !digits(r)) return false;
  static constexpr int weights[] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (r[i] - '0') * weights[i];
  return sum % 10 == 0;
}

// The amounts Stripe's test mode accepts for microdeposits.
constexpr const char* test_amounts = "32,45";
constexpr int max_attempts = 3;

}  // namespace

payment_method* simulator::us_bank_account_from_form(const form& f, const std::string& prefix,
                                                     sim_response* err) {
  const auto param = [&](const char* name) { return nested_param(prefix, name); };
  for (const char* required :
       {"us_bank_account[account_number]", "us_bank_account[routing_number]"}) {
    if (!f.has(param(required))) return *err = parameter_missing(param(required)), nullptr;
  }
  const std::string number = f.get(param("us_bank_account[account_number]"));
  const std::string routing = f.get(param("us_bank_account[routing_number]"));
  if (!digits(number) || number.size() < 4 || number.size() > 17) {
    *err = invalid_request("Invalid account number: must be 4 to 17 digits.",
                           param("us_bank_account[account_number]"), "invalid_bank_account_number");
    return nullptr;
  }
  if (!aba_valid(routing)) {
    *err = invalid_request("Routing number must have 9 digits and a valid check digit.",
                           param("us_bank_account[routing_number]"), "routing_number_invalid");
    return nullptr;
  }
  const std::string holder = f.get(param("us_bank_account[account_holder_type]"));
  if (!holder.empty() && holder != "individual" && holder != "company") {
    *err = invalid_request("Invalid account_holder_type: must be one of individual or company",
                           param("us_bank_account[account_holder_type]"));
    return nullptr;
  }
  const std::string type = f.get(param("us_bank_account[account_type]"));
  if (!type.empty() && type != "checking" && type != "savings") {
    *err = invalid_request("Invalid account_type: must be one of checking or savings",
                           param("us_bank_account[account_type]"));
    return nullptr;
  }
  if (f.get(param("billing_details[name]")).empty()) {
    *err = invalid_request("Missing required param: " + param("billing_details[name]") +
                               ". us_bank_account PaymentMethods need the account holder's name.",
                           param("billing_details[name]"), "parameter_missing");
    return nullptr;
  }
  payment_method pm;
  pm.id = new_id("pm_");
  pm.type = "us_bank_account";
  pm.account_number = number;
  pm.last4 = number.substr(number.size() - 4);
  pm.routing_number = routing;
  pm.account_type = type.empty() ? "checking" : type;
  pm.account_holder_type = holder.empty() ? "individual" : holder;
  pm.billing_name = f.get(param("billing_details[name]"));
  pm.billing_email = f.get(param("billing_details[email]"));
  pm.billing_phone = f.get(param("billing_details[phone]"));
  pm.created = unix_now();
  return &(methods_[pm.id] = std::move(pm));
}

boost::json::object us_bank_account_json(const payment_method& pm) {
  return {{"account_holder_type", pm.account_holder_type},
          {"account_type", pm.account_type},
          {"bank_name", "STRIPE TEST BANK"},
          {"financial_connections_account", nullptr},
          {"fingerprint", "sim" + pm.last4 + pm.routing_number.substr(5)},
          {"last4", pm.last4},
          {"networks", {{"preferred", "ach"}, {"supported", boost::json::array{"ach"}}}},
          {"routing_number", pm.routing_number},
          {"status_details", nullptr}};
}

boost::json::object simulator::microdeposits_action(const payment_intent& pi) const {
  return {{"type", "verify_with_microdeposits"},
          {"verify_with_microdeposits",
           {{"arrival_date", pi.created + 2 * 86400},
            {"hosted_verification_url", ctx_.public_base_url + "/stripe/microdeposits/" + pi.id +
                                            "?client_secret=" + pi.client_secret},
            {"microdeposit_type", "amounts"}}}};
}

// The hosted page: the shopper enters the two amounts (query `amounts=32,45`). Right: the account
// is verified and the debit starts; wrong: 400, and the third wrong answer fails the intent.
sim_response simulator::microdeposits_page(const sim_request& req, const std::string& id) {
  auto it = intents_.find(id);
  if (it == intents_.end()) return text_response(404, "unknown PaymentIntent\n");
  auto& pi = it->second;
  auto secret = req.query.find("client_secret");
  if (secret == req.query.end() || secret->second != pi.client_secret)
    return text_response(403, "client_secret does not match\n");
  if (pi.status != "requires_action" || pi.payment_method.empty() ||
      methods_.at(pi.payment_method).type != "us_bank_account")
    return text_response(400, "this PaymentIntent does not wait for microdeposits\n");
  const std::string saved_request = request_id_;
  request_id_.clear();  // events caused by the shopper carry "request": {"id": null}
  auto& pm = methods_.at(pi.payment_method);
  auto amounts = req.query.find("amounts");
  sim_response reply;
  if (amounts != req.query.end() && amounts->second == test_amounts) {
    pm.verified = true;
    start_debit(pi, pm);
    reply = text_response(200, "Bank account verified\n");
  } else if (++pi.verify_attempts < max_attempts) {
    reply = text_response(400,
                          "The amounts provided do not match the amounts that were sent to "
                          "the bank account. You have " +
                              std::to_string(max_attempts - pi.verify_attempts) +
                              " verification attempts remaining.\n");
  } else {
    pi.status = "requires_payment_method";
    pi.last_payment_error = boost::json::object{
        {"code", "payment_method_microdeposit_verification_attempts_exceeded"},
        {"message", "You have exceeded the number of allowed verification attempts."},
        {"payment_method", payment_method_json(pm)},
        {"type", "invalid_request_error"}};
    pi.payment_method.clear();
    emit("payment_intent.payment_failed", pi_json(pi));
    reply = text_response(400, "Verification failed: no attempts remaining\n");
  }
  request_id_ = saved_request;
  return reply;
}

}  // namespace processor_sim::stripe
