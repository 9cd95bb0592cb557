// PaymentIntent and SetupIntent JSON: they need the simulator's state (charges, methods) and its
// public URL for next_action, so they are members rather than free functions.

#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

#include <algorithm>

namespace processor_sim::stripe {
namespace {

bool expands(const form* f, const std::string& field) {
  if (!f) return false;
  auto wanted = f->list("expand");
  return std::find(wanted.begin(), wanted.end(), field) != wanted.end();
}

boost::json::object card_options() {
  return {{"card",
           {{"installments", nullptr},
            {"mandate_options", nullptr},
            {"network", nullptr},
            {"request_three_d_secure", "automatic"}}}};
}

}  // namespace

// As given, else what the automatic methods allowed for the intent's method: card, and the
// method's own type when it is another.
boost::json::array simulator::method_types(const payment_intent& pi) const {
  boost::json::array out;
  for (const auto& t : pi.method_types) out.emplace_back(t);
  if (!out.empty()) return out;
  out.emplace_back("card");
  if (auto pm = methods_.find(pi.payment_method); pm != methods_.end() && pm->second.type != "card")
    out.emplace_back(pm->second.type);
  return out;
}

std::string simulator::three_ds_url(const std::string& id, const std::string& secret) const {
  return ctx_.public_base_url + "/stripe/3ds/" + id + "?client_secret=" + secret;
}

boost::json::object simulator::pi_json(const payment_intent& pi, const form* expand) const {
  boost::json::value latest_charge = or_null(pi.latest_charge);
  if (!pi.latest_charge.empty() && expands(expand, "latest_charge")) {
    const auto& ch = charges_.at(pi.latest_charge);
    auto pm = methods_.find(ch.payment_method);
    latest_charge = charge_json(ch, pm == methods_.end() ? nullptr : &pm->second);
  }
  boost::json::value method = or_null(pi.payment_method);
  if (!pi.payment_method.empty() && expands(expand, "payment_method")) {
    method = payment_method_json(methods_.at(pi.payment_method));
  }
  boost::json::value next_action = nullptr;
  if (pi.status == "requires_action") {
    auto pm = methods_.find(pi.payment_method);
    if (pm != methods_.end() && pm->second.type == "us_bank_account") {
      next_action = microdeposits_action(pi);
    } else {
      next_action = redirect_action(three_ds_url(pi.id, pi.client_secret), pi.return_url);
    }
  }
  return {{"id", pi.id},
          {"object", "payment_intent"},
          {"amount", pi.amount},
          {"amount_capturable", pi.amount_capturable},
          {"amount_details", {{"tip", boost::json::object{}}}},
          {"amount_received", pi.amount_received},
          {"application", nullptr},
          {"application_fee_amount", nullptr},
          {"automatic_payment_methods", nullptr},
          {"canceled_at", pi.canceled_at ? boost::json::value(pi.canceled_at) : nullptr},
          {"cancellation_reason", or_null(pi.cancellation_reason)},
          {"capture_method", pi.capture_method},
          {"client_secret", pi.client_secret},
          {"confirmation_method", "automatic"},
          {"created", pi.created},
          {"currency", pi.currency},
          {"customer", or_null(pi.customer)},
          {"description", or_null(pi.description)},
          {"invoice", nullptr},
          {"last_payment_error", pi.last_payment_error},
          {"latest_charge", std::move(latest_charge)},
          {"livemode", false},
          {"metadata", pi.metadata},
          {"next_action", std::move(next_action)},
          {"on_behalf_of", nullptr},
          {"payment_method", std::move(method)},
          {"payment_method_options", card_options()},
          {"payment_method_types", method_types(pi)},
          {"processing", nullptr},
          {"receipt_email", nullptr},
          {"review", nullptr},
          {"setup_future_usage", or_null(pi.setup_future_usage)},
          {"shipping", nullptr},
          {"statement_descriptor", nullptr},
          {"statement_descriptor_suffix", nullptr},
          {"status", pi.status},
          {"transfer_data", nullptr},
          {"transfer_group", nullptr}};
}

boost::json::object simulator::si_json(const setup_intent& si) const {
  boost::json::value next_action = nullptr;
  if (si.status == "requires_action") {
    next_action = redirect_action(three_ds_url(si.id, si.client_secret), si.return_url);
  }
  return {{"id", si.id},
          {"object", "setup_intent"},
          {"application", nullptr},
          {"automatic_payment_methods", nullptr},
          {"cancellation_reason", nullptr},
          {"client_secret", si.client_secret},
          {"created", si.created},
          {"customer", or_null(si.customer)},
          {"description", or_null(si.description)},
          {"flow_directions", nullptr},
          {"last_setup_error", si.last_setup_error},
          {"latest_attempt", nullptr},
          {"livemode", false},
          {"mandate", nullptr},
          {"metadata", si.metadata},
          {"next_action", std::move(next_action)},
          {"on_behalf_of", nullptr},
          {"payment_method", or_null(si.payment_method)},
          {"payment_method_options", card_options()},
          {"payment_method_types", boost::json::array{"card"}},
          {"single_use_mandate", nullptr},
          {"status", si.status},
          {"usage", si.usage}};
}

}  // namespace processor_sim::stripe
