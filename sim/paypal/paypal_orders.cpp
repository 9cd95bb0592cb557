// Orders v2: create (card processed at once unless 3DS is needed; PayPal wallet and no payment
// source wait for the payer), get, authorize, capture, and the payer's approval.
#include "../ids.hpp"
#include "paypal_cards.hpp"
#include "paypal_errors.hpp"
#include "paypal_money.hpp"
#include "paypal_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::paypal {
namespace {

std::string str(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

sim_response missing(const std::string& field) {
  return issue_error(400, "MISSING_REQUIRED_PARAMETER", "A required field / parameter is missing.",
                     field);
}

sim_response bad_syntax(const std::string& field) {
  return issue_error(400, "INVALID_PARAMETER_SYNTAX",
                     "The value of a field does not conform to the expected format.", field);
}

boost::json::object link(const std::string& href, const char* rel, const char* method) {
  return {{"href", href}, {"rel", rel}, {"method", method}};
}

}  // namespace

// payment_source.card: a new card (optionally saved with attributes.vault.store_in_vault
// ON_SUCCESS) or a saved one by vault_id.
std::optional<sim_response> simulator::use_card(const boost::json::object& card, order& o) {
  o.source = "card";
  if (const auto* vault_id = card.if_contains("vault_id")) {
    auto it = vault_tokens_.find(vault_id->is_string() ? std::string(vault_id->as_string()) : "");
    if (it == vault_tokens_.end() || it->second.source != "card") {
      return issue_error(404, "INVALID_RESOURCE_ID",
                         "Specified resource ID does not exist. Please check the resource ID and "
                         "try again.",
                         "/payment_source/card/vault_id");
    }
    o.card = it->second.card;
    o.vault_id = it->first;
    o.vault_customer = it->second.customer_id;
    // A stored card is charged without the payer: no 3DS challenge (merchant-initiated).
    o.outcome = card_outcome_for(o.card.number, o.card.name, false);
    o.outcome.needs_payer_action = false;
    return std::nullopt;
  }
  if (auto err = read_card(card, "/payment_source/card", &o.card)) return err;
  o.outcome = card_outcome_for(o.card.number, o.card.name, o.card.sca_always);
  if (const auto* attrs = card.if_contains("attributes"); attrs && attrs->is_object()) {
    if (const auto* v = attrs->as_object().if_contains("vault"); v && v->is_object()) {
      o.store_in_vault = str(v->as_object(), "store_in_vault") == "ON_SUCCESS";
    }
    if (const auto* c = attrs->as_object().if_contains("customer"); c && c->is_object()) {
      o.vault_customer = str(c->as_object(), "id");
    }
  }
  return std::nullopt;
}

sim_response simulator::create_order(const boost::json::object& body) {
  order o;
  o.intent = str(body, "intent");
  if (o.intent.empty()) return missing("/intent");
  if (o.intent != "CAPTURE" && o.intent != "AUTHORIZE") {
    return issue_error(400, "INVALID_PARAMETER_VALUE", "The value of a field is invalid.",
                       "/intent");
  }
  const auto* units = body.if_contains("purchase_units");
  if (!units) return missing("/purchase_units");
  if (!units->is_array() || units->as_array().empty() || !units->as_array()[0].is_object()) {
    return bad_syntax("/purchase_units");
  }
  const auto& unit = units->as_array()[0].as_object();
  o.reference_id = str(unit, "reference_id");
  if (o.reference_id.empty()) o.reference_id = "default";
  const std::string at = "/purchase_units/@reference_id=='" + o.reference_id + "'/amount";
  const auto* amount = unit.if_contains("amount");
  if (!amount) return missing(at);
  money_problem problem;
  auto minor = parse_money(*amount, &o.currency, &problem);
  if (!minor) {
    return issue_error(problem.schema ? 400 : 422, problem.issue, problem.description,
                       at + "/value");
  }
  o.amount = *minor;
  o.invoice_id = str(unit, "invoice_id");
  o.custom_id = str(unit, "custom_id");
  o.description = str(unit, "description");
  o.status = "CREATED";
  if (const auto* source = body.if_contains("payment_source"); source && source->is_object()) {
    const auto& ps = source->as_object();
    if (const auto* card = ps.if_contains("card"); card && card->is_object()) {
      if (auto err = use_card(card->as_object(), o)) return *err;
      o.status = o.outcome.needs_payer_action ? "PAYER_ACTION_REQUIRED" : "APPROVED";
    } else if (const auto* wallet = ps.if_contains("paypal")) {
      o.source = "paypal";
      o.status = "PAYER_ACTION_REQUIRED";
      // A vaulted PayPal wallet is charged without the payer (merchant-initiated).
      const auto* w = wallet->if_object();
      if (const auto* vault_id = w ? w->if_contains("vault_id") : nullptr) {
        auto it = vault_tokens_.find(vault_id->is_string() ? std::string(vault_id->as_string())
                                                           : std::string{});
        if (it == vault_tokens_.end() || it->second.source != "paypal") {
          return issue_error(404, "INVALID_RESOURCE_ID",
                             "Specified resource ID does not exist. Please check the resource ID "
                             "and try again.",
                             "/payment_source/paypal/vault_id");
        }
        o.vault_id = it->first;
        o.vault_customer = it->second.customer_id;
        o.status = "APPROVED";
      }
    } else {
      return issue_error(422, "PAYMENT_SOURCE_NOT_SUPPORTED",
                         "The payment source is not supported by processor-sim.",
                         "/payment_source");
    }
  }
  o.id = random_alnum(17);
  o.create_time = o.update_time = iso_time();
  auto& stored = orders_[o.id] = std::move(o);
  // A card that needs no payer action, or a vaulted wallet, is processed in the create call.
  if (stored.status == "APPROVED" && (stored.source == "card" || !stored.vault_id.empty())) {
    if (!stored.invoice_id.empty() && invoice_ids_.count(stored.invoice_id)) {
      ++duplicate_invoice_refusals_;
      orders_.erase(stored.id);
      return issue_error(422, "DUPLICATE_INVOICE_ID",
                         "Duplicate Invoice ID detected. To avoid a potential duplicate "
                         "transaction your account setting requires that Invoice Id be unique "
                         "for each transaction.");
    }
    process_order(stored);
  }
  produced("order", stored.id);
  return json_response(201, order_json(stored, representation_));
}

sim_response simulator::complete_order(const std::string& id, const std::string& action) {
  auto it = orders_.find(id);
  if (it == orders_.end()) {
    return issue_error(404, "INVALID_RESOURCE_ID",
                       "Specified resource ID does not exist. Please check the resource ID and "
                       "try again.",
                       "order_id", "path");
  }
  order& o = it->second;
  if (o.intent != action) {
    return issue_error(422, "ACTION_DOES_NOT_MATCH_INTENT",
                       "Order was created with an intent to '" + o.intent + "'. Please use " +
                           "/v2/checkout/orders/order_id/" +
                           (o.intent == "CAPTURE" ? "capture" : "authorize") +
                           " to complete the transaction.");
  }
  if (o.status == "COMPLETED") {
    return action == "CAPTURE"
               ? issue_error(422, "ORDER_ALREADY_CAPTURED", "Order already captured.")
               : issue_error(422, "ORDER_ALREADY_AUTHORIZED", "Order already authorized.");
  }
  if (o.status == "PAYER_ACTION_REQUIRED") {
    return issue_error(422, "PAYER_ACTION_REQUIRED",
                       "Payer needs to perform the following action before proceeding with "
                       "payment.");
  }
  if (o.status != "APPROVED") {
    return issue_error(422, "ORDER_NOT_APPROVED",
                       "Payer has not yet approved the Order for payment.");
  }
  if (!o.invoice_id.empty() && invoice_ids_.count(o.invoice_id)) {
    ++duplicate_invoice_refusals_;
    return issue_error(422, "DUPLICATE_INVOICE_ID",
                       "Duplicate Invoice ID detected. To avoid a potential duplicate transaction "
                       "your account setting requires that Invoice Id be unique for each "
                       "transaction.");
  }
  process_order(o);
  produced("order", o.id);
  return json_response(201, order_json(o, representation_));
}

sim_response simulator::approve_order(const std::string& id, bool three_ds_failed) {
  auto it = orders_.find(id);
  if (it == orders_.end()) return issue_error(404, "INVALID_RESOURCE_ID", "Unknown order.");
  order& o = it->second;
  if (o.status == "CREATED" || o.status == "PAYER_ACTION_REQUIRED") {
    o.status = "APPROVED";
    o.payer_action_done = true;
    o.three_ds_failed = three_ds_failed && o.source == "card";
    o.update_time = iso_time();
    emit("CHECKOUT.ORDER.APPROVED", "checkout-order", order_json(o, true),
         "An order has been approved by buyer");
  }
  return json_response(200, order_json(o, true));
}

// The money moves: one authorization or capture for the whole amount, declined by the card's
// test values.
void simulator::process_order(order& o) {
  const std::string now = iso_time();
  const std::string id = random_alnum(17);
  const bool ok = !o.outcome.declined;
  if (o.intent == "AUTHORIZE") {
    authorization a;
    a.id = id;
    a.order_id = o.id;
    a.status = ok ? "CREATED" : "DENIED";
    a.currency = o.currency;
    a.amount = o.amount;
    a.invoice_id = o.invoice_id;
    a.custom_id = o.custom_id;
    a.response_code = o.outcome.response_code;
    a.create_time = a.update_time = now;
    a.expiration_time = iso_time(std::chrono::system_clock::now() + std::chrono::hours(24 * 29));
    o.authorizations.push_back(id);
    auto& stored = authorizations_[id] = std::move(a);
    emit(ok ? "PAYMENT.AUTHORIZATION.CREATED" : "PAYMENT.AUTHORIZATION.DENIED", "authorization",
         authorization_json(stored, true),
         "A payment authorization was " + std::string(ok ? "created" : "denied"));
  } else {
    capture c;
    c.id = id;
    c.order_id = o.id;
    c.status = !ok ? "DECLINED" : o.outcome.pending ? "PENDING" : "COMPLETED";
    c.currency = o.currency;
    c.amount = o.amount;
    c.invoice_id = o.invoice_id;
    c.custom_id = o.custom_id;
    c.response_code = o.outcome.response_code;
    c.create_time = c.update_time = now;
    o.captures.push_back(id);
    auto& stored = captures_[id] = std::move(c);
    emit_capture_event(stored);
  }
  o.status = "COMPLETED";
  o.update_time = now;
  if (ok) {
    ++charges_;
    ++request_charges_;
    if (!o.invoice_id.empty()) invoice_ids_[o.invoice_id] = o.id;
    if (o.store_in_vault && o.vault_id.empty()) o.vault_id = save_card(o.card, o.vault_customer);
  }
}

boost::json::object simulator::order_json(const order& o, bool full) const {
  boost::json::object out{{"id", o.id}, {"status", o.status}};
  if (full) out["intent"] = o.intent;
  if (o.source == "card") {
    boost::json::object card = card_json(o.card, full);
    if (o.payer_action_done) {
      card["authentication_result"] = {
          {"liability_shift", o.three_ds_failed ? "NO" : "POSSIBLE"},
          {"three_d_secure",
           {{"enrollment_status", "Y"}, {"authentication_status", o.three_ds_failed ? "N" : "Y"}}}};
    }
    if (!o.vault_id.empty()) {
      card["attributes"] = {
          {"vault",
           {{"id", o.vault_id}, {"status", "VAULTED"}, {"customer", {{"id", o.vault_customer}}}}}};
    }
    out["payment_source"] = {{"card", std::move(card)}};
  } else if (o.source == "paypal") {
    out["payment_source"] = {{"paypal", boost::json::object{}}};
  }
  boost::json::object unit{{"reference_id", o.reference_id}};
  if (full) {
    unit["amount"] = money_json(o.amount, o.currency);
    if (!o.invoice_id.empty()) unit["invoice_id"] = o.invoice_id;
    if (!o.custom_id.empty()) unit["custom_id"] = o.custom_id;
    if (!o.description.empty()) unit["description"] = o.description;
  }
  if (!o.authorizations.empty() || !o.captures.empty()) {
    boost::json::object payments;
    boost::json::array auths, caps, refs;
    for (const auto& a : o.authorizations)
      auths.push_back(authorization_json(authorizations_.at(a), true));
    for (const auto& c : o.captures) {
      const auto& cap = captures_.at(c);
      caps.push_back(capture_json(cap, true));
      for (const auto& r : cap.refunds) refs.push_back(refund_json(refunds_.at(r), true));
    }
    if (!auths.empty()) payments["authorizations"] = std::move(auths);
    if (!caps.empty()) payments["captures"] = std::move(caps);
    if (!refs.empty()) payments["refunds"] = std::move(refs);
    unit["payments"] = std::move(payments);
  }
  if (full || unit.contains("payments"))
    out["purchase_units"] = boost::json::array{std::move(unit)};
  if (full) {
    out["create_time"] = o.create_time;
    out["update_time"] = o.update_time;
  }
  const std::string self = link_base() + "/v2/checkout/orders/" + o.id;
  boost::json::array links{link(self, "self", "GET")};
  if (o.status == "PAYER_ACTION_REQUIRED") {
    links.push_back(link(link_base() + "/checkoutnow?token=" + o.id, "payer-action", "GET"));
  } else if (o.status == "CREATED") {
    links.push_back(link(link_base() + "/checkoutnow?token=" + o.id, "approve", "GET"));
  } else if (o.status == "APPROVED") {
    links.push_back(link(self + (o.intent == "CAPTURE" ? "/capture" : "/authorize"),
                         o.intent == "CAPTURE" ? "capture" : "authorize", "POST"));
  }
  out["links"] = std::move(links);
  return out;
}

}  // namespace processor_sim::paypal
