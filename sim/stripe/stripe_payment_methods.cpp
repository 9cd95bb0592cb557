// PaymentMethods, Customers and SetupIntents.

#include "../ids.hpp"
#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <ctime>

namespace processor_sim::stripe {
namespace {

int current_year() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

sim_response card_error(const std::string& code, const std::string& param,
                        const std::string& message) {
  api_error e;
  e.status = 402;
  e.type = "card_error";
  e.code = code;
  e.param = param;
  e.message = message;
  return error_reply(e);
}

}  // namespace

payment_method* simulator::resolve_method(const form& f, const std::string& param,
                                          sim_response* err, bool allow_detached) {
  if (f.has(param)) {
    const std::string id = f.get(param);
    if (auto number = number_for_test_pm(id)) {
      // Like Stripe, a test id yields a new PaymentMethod each time it is used.
      payment_method pm;
      pm.id = new_id("pm_");
      pm.number = *number;
      pm.brand = card_brand(*number);
      pm.last4 = number->substr(number->size() - 4);
      pm.exp_month = 12;
      pm.exp_year = current_year() + 3;
      pm.created = unix_now();
      return &(methods_[pm.id] = std::move(pm));
    }
    auto it = methods_.find(id);
    if (it != methods_.end() && it->second.detached && !allow_detached) {
      *err = invalid_request(
          "The provided PaymentMethod was previously used with a PaymentIntent without Customer "
          "attachment, shared with a connected account without Customer attachment, or was "
          "detached from a Customer. It may not be used again. To use a PaymentMethod multiple "
          "times, you must attach it to a Customer first.",
          param);
      return nullptr;
    }
    if (it != methods_.end()) return &it->second;
    *err = resource_missing("PaymentMethod", id, param);
    return nullptr;
  }
  const std::string data = param + "_data";
  if (!f.has(data + "[type]")) return nullptr;  // absent: err untouched
  const std::string type = f.get(data + "[type]");
  if (type == "sepa_debit") return sepa_debit_from_form(f, data, err);
  if (type == "us_bank_account") return us_bank_account_from_form(f, data, err);
  if (type == "ideal" || type == "bancontact" || type == "klarna")
    return bank_redirect_from_form(f, type, data, err);
  if (type != "card") {
    *err = invalid_request(
        "processor-sim supports only payment_method_data[type]=card, sepa_debit, "
        "us_bank_account, ideal, bancontact or klarna.",
        data + "[type]");
    return nullptr;
  }
  return card_from_form(f, data + "[card]", err);
}

payment_method* simulator::card_from_form(const form& f, const std::string& prefix,
                                          sim_response* err) {
  if (f.has(prefix + "[token]")) {
    if (f.has(prefix + "[number]")) {
      *err = invalid_request(
          "You cannot provide both " + prefix + "[token] and " + prefix + "[number].",
          prefix + "[token]");
      return nullptr;
    }
    return card_from_token(f.get(prefix + "[token]"), prefix + "[token]", err);
  }
  const std::string number = f.get(prefix + "[number]");
  if (!f.has(prefix + "[number]")) return *err = parameter_missing(prefix + "[number]"), nullptr;
  if (!luhn_valid(number)) {
    *err = card_error("incorrect_number", prefix + "[number]", "Your card number is incorrect.");
    return nullptr;
  }
  if (!f.has(prefix + "[exp_month]")) {
    return *err = parameter_missing(prefix + "[exp_month]"), nullptr;
  }
  auto month = parse_int(f.get(prefix + "[exp_month]"));
  if (!month || *month < 1 || *month > 12) {
    *err = card_error("invalid_expiry_month", prefix + "[exp_month]",
                      "Your card's expiration month is invalid.");
    return nullptr;
  }
  if (!f.has(prefix + "[exp_year]")) {
    return *err = parameter_missing(prefix + "[exp_year]"), nullptr;
  }
  auto year = parse_int(f.get(prefix + "[exp_year]"));
  if (year && *year < 100) *year += 2000;
  if (!year || *year < current_year() || *year > current_year() + 50) {
    *err = card_error("invalid_expiry_year", prefix + "[exp_year]",
                      "Your card's expiration year is invalid.");
    return nullptr;
  }
  const std::string cvc = f.get(prefix + "[cvc]");
  if (f.has(prefix + "[cvc]") && (cvc.size() < 3 || cvc.size() > 4 || !parse_int(cvc))) {
    *err = card_error("invalid_cvc", prefix + "[cvc]", "Your card's security code is invalid.");
    return nullptr;
  }
  payment_method pm;
  pm.id = new_id("pm_");
  pm.number = number;
  pm.brand = card_brand(number);
  pm.last4 = number.substr(number.size() - 4);
  pm.exp_month = *month;
  pm.exp_year = *year;
  pm.created = unix_now();
  return &(methods_[pm.id] = std::move(pm));
}

sim_response simulator::create_payment_method(const form& f) {
  if (!f.has("type")) return parameter_missing("type");
  sim_response err;
  const std::string type = f.get("type");
  if (type == "sepa_debit" || type == "us_bank_account" || type == "ideal" ||
      type == "bancontact" || type == "klarna") {
    payment_method* pm = type == "sepa_debit"        ? sepa_debit_from_form(f, "", &err)
                         : type == "us_bank_account" ? us_bank_account_from_form(f, "", &err)
                                                     : bank_redirect_from_form(f, type, "", &err);
    if (!pm) return err;
    pm->metadata = metadata_json(f);
    return json_response(200, payment_method_json(*pm));
  }
  if (type != "card") {
    return invalid_request(
        "processor-sim supports only type=card, sepa_debit, us_bank_account, ideal, bancontact or "
        "klarna.",
        "type");
  }
  payment_method* pm = f.has("payment_method") ? resolve_method(f, "payment_method", &err)
                                               : card_from_form(f, "card", &err);
  if (!pm) return err;
  pm->metadata = metadata_json(f);
  pm->billing_name = f.get("billing_details[name]");
  pm->billing_email = f.get("billing_details[email]");
  pm->billing_phone = f.get("billing_details[phone]");
  return json_response(200, payment_method_json(*pm));
}

sim_response simulator::attach(const std::string& id, const form& f, bool detach) {
  sim_response err;
  payment_method* pm =
      resolve_method(form::of("payment_method", id), "payment_method", &err, detach);
  if (!pm) return err;
  if (detach) {
    if (pm->customer.empty()) {
      return invalid_request(
          "The payment method you provided is not attached to a customer so detachment is "
          "impossible.");
    }
    pm->customer.clear();
    pm->set_up = false;
    pm->detached = true;
    return json_response(200, payment_method_json(*pm));
  }
  const std::string cus = f.get("customer");
  if (cus.empty()) return parameter_missing("customer");
  if (!customers_.count(cus)) return resource_missing("customer", cus, "customer");
  if (!pm->customer.empty() && pm->customer != cus) {
    return invalid_request(
        "The payment method you provided has already been attached to a "
        "customer.");
  }
  pm->customer = cus;
  return json_response(200, payment_method_json(*pm));
}

sim_response simulator::create_customer(const form& f) {
  customer c;
  c.id = new_id("cus_");
  c.email = f.get("email");
  c.name = f.get("name");
  c.description = f.get("description");
  c.metadata = metadata_json(f);
  c.created = unix_now();
  if (f.has("payment_method")) {
    sim_response err;
    payment_method* pm = resolve_method(f, "payment_method", &err);
    if (!pm) return err;
    pm->customer = c.id;
  }
  return json_response(200, customer_json(customers_[c.id] = std::move(c)));
}

sim_response simulator::create_setup_intent(const form& f) {
  setup_intent si;
  si.customer = f.get("customer");
  if (!si.customer.empty() && !customers_.count(si.customer)) {
    return resource_missing("customer", si.customer, "customer");
  }
  if (f.has("usage")) {
    si.usage = f.get("usage");
    if (si.usage != "on_session" && si.usage != "off_session") {
      return invalid_request("Invalid usage: must be one of on_session or off_session", "usage");
    }
  }
  bool confirm = false;
  if (f.has("confirm")) {
    auto b = parse_bool(f.get("confirm"));
    if (!b) return invalid_request("Invalid boolean: " + f.get("confirm"), "confirm");
    confirm = *b;
  }
  sim_response err;
  err.status = 0;
  payment_method* pm = resolve_method(f, "payment_method", &err);
  if (!pm && err.status != 0) return err;
  si.id = new_id("seti_");
  si.client_secret = si.id + "_secret_" + random_alnum(25);
  si.payment_method = pm ? pm->id : std::string{};
  si.status = pm ? "requires_confirmation" : "requires_payment_method";
  si.return_url = f.get("return_url");
  si.description = f.get("description");
  si.metadata = metadata_json(f);
  si.created = unix_now();
  auto& saved = setups_[si.id] = std::move(si);
  if (confirm) return confirm_setup_intent(saved);
  return json_response(200, si_json(saved));
}

sim_response simulator::confirm_setup_route(const std::string& id, const form& f) {
  auto it = setups_.find(id);
  if (it == setups_.end()) return resource_missing("setup_intent", id, "intent");
  auto& si = it->second;
  if (si.status == "succeeded" || si.status == "canceled") {
    api_error e;
    e.code = "setup_intent_unexpected_state";
    e.message = "You cannot confirm this SetupIntent because it has already succeeded.";
    e.extra["setup_intent"] = si_json(si);
    return error_reply(e);
  }
  sim_response err;
  err.status = 0;
  payment_method* pm = resolve_method(f, "payment_method", &err);
  if (!pm && err.status != 0) return err;
  if (pm) si.payment_method = pm->id;
  if (f.has("return_url")) si.return_url = f.get("return_url");
  return confirm_setup_intent(si);
}

sim_response simulator::confirm_setup_intent(setup_intent& si) {
  if (si.payment_method.empty()) {
    api_error e;
    e.code = "setup_intent_unexpected_state";
    e.message =
        "You cannot confirm this SetupIntent because it's missing a payment method. Update the "
        "SetupIntent with a payment method and then confirm it again.";
    e.extra["setup_intent"] = si_json(si);
    return error_reply(e);
  }
  auto& pm = methods_.at(si.payment_method);
  const auto card = card_for_number(pm.number);
  if (card.behaviour == card_behaviour::decline) {
    si.status = "requires_payment_method";
    si.last_setup_error = card_error_json(card.code, card.decline_code, card.message, "", pm);
    si.payment_method.clear();
    emit("setup_intent.setup_failed", si_json(si));
    api_error e;
    e.status = 402;
    e.type = "card_error";
    e.code = card.code;
    e.decline_code = card.decline_code;
    e.message = card.message;
    e.extra["payment_method"] = payment_method_json(pm);
    e.extra["setup_intent"] = si_json(si);
    return error_reply(e);
  }
  si.last_setup_error = nullptr;
  if (requires_3ds(card.behaviour)) {
    si.status = "requires_action";
    si.auth_result.clear();
    emit("setup_intent.requires_action", si_json(si));
    return json_response(200, si_json(si));
  }
  si.status = "succeeded";
  pm.set_up = true;
  if (!si.customer.empty()) pm.customer = si.customer;
  emit("setup_intent.succeeded", si_json(si));
  return json_response(200, si_json(si));
}

}  // namespace processor_sim::stripe
