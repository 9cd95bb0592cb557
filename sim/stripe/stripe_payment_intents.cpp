#include "../ids.hpp"
#include "stripe_amounts.hpp"
#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <algorithm>
#include <cctype>

namespace processor_sim::stripe {
namespace {

constexpr std::int64_t max_amount = 99999999;

bool one_of(const std::string& value, std::initializer_list<const char*> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

sim_response unexpected_state(const std::string& message, boost::json::object pi) {
  api_error e;
  e.code = "payment_intent_unexpected_state";
  e.message = message;
  e.extra["payment_intent"] = std::move(pi);
  return error_reply(e);
}

// Reads the confirmation options shared by create and /confirm into pi; an error reply if bad.
std::optional<sim_response> read_confirm_options(const form& f, payment_intent& pi) {
  if (f.has("capture_method")) {
    const auto cm = f.get("capture_method");
    if (!one_of(cm, {"automatic", "automatic_async", "manual"})) {
      return invalid_request(
          "Invalid capture_method: must be one of automatic, automatic_async, or manual",
          "capture_method");
    }
    pi.capture_method = cm;
  }
  if (f.has("off_session")) {
    const auto v = f.get("off_session");
    if (!one_of(v, {"true", "false", "one_off", "recurring"})) {
      return invalid_request("Invalid boolean: " + v, "off_session");
    }
    pi.off_session = v != "false";
  }
  if (f.has("return_url")) pi.return_url = f.get("return_url");
  if (f.has("setup_future_usage")) pi.setup_future_usage = f.get("setup_future_usage");
  if (auto types = f.list("payment_method_types"); !types.empty()) {
    for (const auto& t : types) {
      if (!one_of(t, {"card", "sepa_debit", "us_bank_account", "ideal", "bancontact", "klarna"})) {
        return invalid_request("The payment method type \"" + t +
                                   "\" is invalid. processor-sim knows card, sepa_debit, "
                                   "us_bank_account, ideal, bancontact and klarna.",
                               "payment_method_types");
      }
    }
    pi.method_types = std::move(types);
  }
  return std::nullopt;
}

}  // namespace

sim_response simulator::create_payment_intent(const form& f) {
  if (!f.has("amount")) return parameter_missing("amount");
  const auto amount = parse_int(f.get("amount"));
  if (!amount) return invalid_integer("amount", f.get("amount"));
  if (!f.has("currency")) return parameter_missing("currency");
  std::string currency = f.get("currency");
  for (auto& c : currency) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (currency.size() != 3 || !std::all_of(currency.begin(), currency.end(), ::isalpha)) {
    return invalid_request("Invalid currency: " + currency + ".", "currency");
  }
  const std::int64_t minimum = std::max<std::int64_t>(1, minimum_amount(currency));
  if (*amount < minimum) {
    return invalid_request("Amount must be at least " + format_amount(minimum, currency), "amount",
                           "amount_too_small");
  }
  if (auto step = amount_step(currency); *amount % step != 0) {
    std::string upper = currency;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return invalid_request(step == 100 ? "Invalid amount. Currency " + upper +
                                             " has become effectively zero-decimal and charged "
                                             "amounts must be evenly divisible by 100."
                                       : "Invalid amount. " + upper + " amounts must end in 0.",
                           "amount", "invalid_charge_amount_no_decimal_compatible");
  }
  if (*amount > max_amount) {
    return invalid_request("Amount must be no more than " + format_amount(max_amount, currency),
                           "amount", "amount_too_large");
  }
  bool confirm = false;
  if (f.has("confirm")) {
    auto b = parse_bool(f.get("confirm"));
    if (!b) return invalid_request("Invalid boolean: " + f.get("confirm"), "confirm");
    confirm = *b;
  }
  payment_intent pi;
  if (auto err = read_confirm_options(f, pi)) return *err;
  if (pi.off_session && !confirm) {
    return invalid_request("You may only specify `off_session` when `confirm=true`.",
                           "off_session");
  }
  pi.customer = f.get("customer");
  if (!pi.customer.empty() && !customers_.count(pi.customer)) {
    return resource_missing("customer", pi.customer, "customer");
  }
  sim_response err;
  err.status = 0;
  payment_method* pm = resolve_method(f, "payment_method", &err);
  if (!pm && err.status != 0) return err;
  if (pm && !pi.customer.empty() && !pm->customer.empty() && pm->customer != pi.customer) {
    return invalid_request("The provided PaymentMethod is attached to another Customer.",
                           "payment_method");
  }
  pi.id = new_id("pi_");
  pi.client_secret = pi.id + "_secret_" + random_alnum(25);
  pi.amount = *amount;
  pi.currency = currency;
  pi.description = f.get("description");
  pi.metadata = metadata_json(f);
  pi.created = unix_now();
  pi.idempotency_key = idempotency_key_;
  pi.payment_method = pm ? pm->id : std::string{};
  pi.status = pm ? "requires_confirmation" : "requires_payment_method";
  auto& saved = intents_[pi.id] = std::move(pi);
  if (confirm) return confirm_payment_intent(saved, f);
  return json_response(200, pi_json(saved, &f));
}

sim_response simulator::confirm_route(const std::string& id, const form& f) {
  auto it = intents_.find(id);
  if (it == intents_.end()) return resource_missing("payment_intent", id, "intent");
  auto& pi = it->second;
  if (pi.status == "succeeded" || pi.status == "canceled" || pi.status == "requires_capture") {
    return unexpected_state(
        "You cannot confirm this PaymentIntent because it has a status of " + pi.status + ".",
        pi_json(pi));
  }
  sim_response err;
  err.status = 0;
  payment_method* pm = resolve_method(f, "payment_method", &err);
  if (!pm && err.status != 0) return err;
  if (auto bad = read_confirm_options(f, pi)) return *bad;
  if (pm) pi.payment_method = pm->id;
  return confirm_payment_intent(pi, f);
}

sim_response simulator::confirm_payment_intent(payment_intent& pi, const form& f) {
  if (pi.payment_method.empty()) {
    return unexpected_state(
        "You cannot confirm this PaymentIntent because it's missing a payment method. Update "
        "the PaymentIntent with a payment method and then confirm it again.",
        pi_json(pi));
  }
  auto& pm = methods_.at(pi.payment_method);
  if (!pi.method_types.empty() &&
      std::find(pi.method_types.begin(), pi.method_types.end(), pm.type) == pi.method_types.end()) {
    std::string allowed;
    for (const auto& t : pi.method_types) allowed += (allowed.empty() ? "" : ", ") + t;
    return invalid_request("The PaymentMethod provided (" + pm.type +
                               ") is not allowed for this PaymentIntent. Please attach a "
                               "PaymentMethod of one of the following types: " +
                               allowed,
                           "payment_method", "payment_intent_incompatible_payment_method");
  }
  if (pm.type == "sepa_debit" || pm.type == "us_bank_account") {
    if (auto reply = confirm_debit(pi, pm, f)) return *reply;
  } else if (pm.type != "card") {
    if (auto reply = confirm_redirect(pi, pm)) return *reply;
  }
  const auto card = card_for_number(pm.number);
  if (card.behaviour == card_behaviour::decline) {
    return decline(pi, pm, card.code, card.decline_code, card.message);
  }
  const bool wants_3ds = requires_3ds(card.behaviour);
  const bool set_up_ok =
      card.behaviour == card_behaviour::authenticate_unless_set_up && pm.set_up && pi.off_session;
  if (wants_3ds && !set_up_ok) {
    if (pi.off_session || parse_bool(f.get("error_on_requires_action")).value_or(false)) {
      return decline(pi, pm, "authentication_required", "authentication_required",
                     "Your card was declined. This transaction requires authentication.");
    }
    pi.status = "requires_action";
    pi.auth_result.clear();
    pi.last_payment_error = nullptr;
    emit("payment_intent.requires_action", pi_json(pi));
    return json_response(200, pi_json(pi, &f));
  }
  authorize(pi);
  return json_response(200, pi_json(pi, &f));
}

void simulator::authorize(payment_intent& pi) {
  auto& pm = methods_.at(pi.payment_method);
  charge ch;
  ch.id = new_id("ch_");
  ch.payment_intent = pi.id;
  ch.payment_method = pm.id;
  ch.amount = pi.amount;
  ch.currency = pi.currency;
  ch.status = "succeeded";
  ch.created = unix_now();
  ch.captured = pi.capture_method != "manual";
  ch.amount_captured = ch.captured ? ch.amount : 0;
  pi.latest_charge = ch.id;
  pi.last_payment_error = nullptr;
  charges_[ch.id] = ch;
  if (!pi.setup_future_usage.empty() && !pi.customer.empty()) {
    pm.customer = pi.customer;
    pm.set_up = true;
  }
  count_charge(pi);
  if (!ch.captured) {
    pi.status = "requires_capture";
    pi.amount_capturable = pi.amount;
    emit("payment_intent.amount_capturable_updated", pi_json(pi));
    return;
  }
  pi.status = "succeeded";
  pi.amount_received = pi.amount;
  emit("payment_intent.succeeded", pi_json(pi));
  if (card_for_number(pm.number).behaviour == card_behaviour::dispute) open_dispute(ch.id);
}

sim_response simulator::decline(payment_intent& pi, const payment_method& pm,
                                const std::string& code, const std::string& decline_code,
                                const std::string& message) {
  charge ch;
  ch.id = new_id("ch_");
  ch.payment_intent = pi.id;
  ch.payment_method = pm.id;
  ch.amount = pi.amount;
  ch.currency = pi.currency;
  ch.status = "failed";
  ch.failure_code = code;
  ch.failure_message = message;
  ch.created = unix_now();
  charges_[ch.id] = ch;
  pi.latest_charge = ch.id;
  pi.status = "requires_payment_method";
  pi.payment_method.clear();  // Stripe detaches the failed method from the intent
  pi.last_payment_error = card_error_json(code, decline_code, message, ch.id, pm);
  emit("payment_intent.payment_failed", pi_json(pi));
  api_error e;
  e.status = 402;
  e.type = "card_error";
  e.code = code;
  e.decline_code = decline_code;
  e.message = message;
  e.extra["charge"] = ch.id;
  e.extra["payment_intent"] = pi_json(pi);
  e.extra["payment_method"] = payment_method_json(pm);
  return error_reply(e);
}

sim_response simulator::capture(const std::string& id, const form& f) {
  auto it = intents_.find(id);
  if (it == intents_.end()) return resource_missing("payment_intent", id, "intent");
  auto& pi = it->second;
  if (pi.status != "requires_capture") {
    return unexpected_state(
        "This PaymentIntent could not be captured because it has a status of " + pi.status +
            ". Only a PaymentIntent with one of the following statuses may be captured: "
            "requires_capture.",
        pi_json(pi));
  }
  std::int64_t amount = pi.amount_capturable;
  if (f.has("amount_to_capture")) {
    auto v = parse_int(f.get("amount_to_capture"));
    if (!v) return invalid_integer("amount_to_capture", f.get("amount_to_capture"));
    if (*v < 1) {
      return invalid_request("This value must be greater than or equal to 1.", "amount_to_capture",
                             "parameter_invalid_integer");
    }
    if (*v > pi.amount_capturable) {
      return invalid_request("The amount_to_capture (" + std::to_string(*v) +
                                 ") must be less than or equal to the PaymentIntent's "
                                 "amount_capturable (" +
                                 std::to_string(pi.amount_capturable) + ").",
                             "amount_to_capture", "amount_too_large");
    }
    amount = *v;
  }
  for (const auto& [k, v] : f.children("metadata")) {
    if (v.empty()) {
      pi.metadata.erase(k);
    } else {
      pi.metadata[k] = v;
    }
  }
  auto& ch = charges_.at(pi.latest_charge);
  ch.captured = true;
  ch.amount_captured = amount;
  pi.amount_received = amount;
  pi.amount_capturable = 0;
  pi.status = "succeeded";
  emit("payment_intent.succeeded", pi_json(pi));
  const auto& pm = methods_.at(ch.payment_method);
  if (card_for_number(pm.number).behaviour == card_behaviour::dispute) open_dispute(ch.id);
  return json_response(200, pi_json(pi, &f));
}

sim_response simulator::cancel(const std::string& id, const form& f) {
  auto it = intents_.find(id);
  if (it == intents_.end()) return resource_missing("payment_intent", id, "intent");
  auto& pi = it->second;
  if (pi.status == "succeeded" || pi.status == "canceled") {
    return unexpected_state(
        "You cannot cancel this PaymentIntent because it has a status of " + pi.status +
            ". Only a PaymentIntent with one of the following statuses may be canceled: "
            "requires_payment_method, requires_capture, requires_confirmation, "
            "requires_action, processing.",
        pi_json(pi));
  }
  const auto reason = f.get("cancellation_reason");
  if (f.has("cancellation_reason") &&
      !one_of(reason, {"duplicate", "fraudulent", "requested_by_customer", "abandoned"})) {
    return invalid_request(
        "Invalid cancellation_reason: must be one of duplicate, fraudulent, "
        "requested_by_customer, or abandoned",
        "cancellation_reason");
  }
  pi.status = "canceled";
  pi.cancellation_reason = reason;
  pi.canceled_at = unix_now();
  pi.amount_capturable = 0;
  emit("payment_intent.canceled", pi_json(pi));
  return json_response(200, pi_json(pi, &f));
}

}  // namespace processor_sim::stripe
