// Vault v3: setup tokens (a card, saved at once, or a PayPal wallet the payer must approve) and
// payment tokens made from them or from a card; orders use a token as payment_source.card.vault_id.
#include "../ids.hpp"
#include "paypal_cards.hpp"
#include "paypal_errors.hpp"
#include "paypal_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::paypal {
namespace {

std::string str(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

boost::json::object link(const std::string& href, const char* rel, const char* method) {
  return {{"href", href}, {"rel", rel}, {"method", method}};
}

std::string customer_of(const boost::json::object& body) {
  const auto* c = body.if_contains("customer");
  return c && c->is_object() ? str(c->as_object(), "id") : std::string{};
}

}  // namespace

sim_response simulator::create_setup_token(const boost::json::object& body) {
  const auto* source = body.if_contains("payment_source");
  if (!source || !source->is_object()) {
    return issue_error(400, "MISSING_REQUIRED_PARAMETER",
                       "A required field / parameter is missing.", "/payment_source");
  }
  vault_token t;
  t.customer_id = customer_of(body);
  if (t.customer_id.empty()) t.customer_id = random_alnum(10);
  const auto& ps = source->as_object();
  if (const auto* card = ps.if_contains("card"); card && card->is_object()) {
    if (auto err = read_card(card->as_object(), "/payment_source/card", &t.card)) return *err;
    t.source = "card";
    t.status = card_outcome_for(t.card.number, t.card.name, t.card.sca_always).needs_payer_action
                   ? "PAYER_ACTION_REQUIRED"
                   : "APPROVED";
  } else if (ps.contains("paypal")) {
    t.source = "paypal";
    t.status = "PAYER_ACTION_REQUIRED";
  } else {
    return issue_error(422, "PAYMENT_SOURCE_NOT_SUPPORTED",
                       "The payment source is not supported by processor-sim.", "/payment_source");
  }
  t.id = random_alnum(17);
  t.create_time = iso_time();
  auto& stored = setup_tokens_[t.id] = std::move(t);
  produced("setup_token", stored.id);
  return json_response(201, vault_json(stored, true));
}

std::string simulator::save_card(const card_details& card, std::string& customer_id) {
  vault_token t;
  t.id = random_alnum(7);
  t.customer_id = customer_id.empty() ? random_alnum(10) : customer_id;
  customer_id = t.customer_id;
  t.source = "card";
  t.status = "VAULTED";
  t.card = card;
  t.create_time = iso_time();
  vault_tokens_[t.id] = t;
  return t.id;
}

sim_response simulator::create_payment_token(const boost::json::object& body) {
  const auto* source = body.if_contains("payment_source");
  if (!source || !source->is_object()) {
    return issue_error(400, "MISSING_REQUIRED_PARAMETER",
                       "A required field / parameter is missing.", "/payment_source");
  }
  const auto& ps = source->as_object();
  std::string customer = customer_of(body);
  if (const auto* token = ps.if_contains("token"); token && token->is_object()) {
    const std::string id = str(token->as_object(), "id");
    const std::string type = str(token->as_object(), "type");
    // The docs' SETUP_TOKEN; the v3.1 spec's enum only lists BILLING_AGREEMENT.
    if (type != "SETUP_TOKEN" && type != "BILLING_AGREEMENT") {
      return issue_error(400, "INVALID_PARAMETER_VALUE", "The value of a field is invalid.",
                         "/payment_source/token/type");
    }
    auto it = setup_tokens_.find(id);
    if (it == setup_tokens_.end()) {
      return issue_error(404, "INVALID_RESOURCE_ID",
                         "Specified resource ID does not exist. Please check the resource ID and "
                         "try again.",
                         "/payment_source/token/id");
    }
    if (it->second.status != "APPROVED") {
      return issue_error(422, "SETUP_TOKEN_NOT_APPROVED",
                         "The setup token has not been approved by the payer.",
                         "/payment_source/token/id");
    }
    vault_token t = it->second;
    t.id = random_alnum(7);
    t.status = "VAULTED";
    t.create_time = iso_time();
    it->second.status = "VAULTED";
    auto& stored = vault_tokens_[t.id] = std::move(t);
    produced("payment_token", stored.id);
    emit("VAULT.PAYMENT-TOKEN.CREATED", "payment_token", vault_json(stored, false),
         "A payment token has been created.");
    return json_response(201, vault_json(stored, false));
  }
  if (const auto* card = ps.if_contains("card"); card && card->is_object()) {
    card_details details;
    if (auto err = read_card(card->as_object(), "/payment_source/card", &details)) return *err;
    const std::string id = save_card(details, customer);
    produced("payment_token", id);
    return json_response(201, vault_json(vault_tokens_.at(id), false));
  }
  return issue_error(400, "MISSING_REQUIRED_PARAMETER", "A required field / parameter is missing.",
                     "/payment_source/token");
}

sim_response simulator::list_payment_tokens(const std::string& customer_id) {
  boost::json::array tokens;
  for (const auto& [id, t] : vault_tokens_) {
    if (t.customer_id == customer_id) tokens.push_back(vault_json(t, false));
  }
  const auto count = tokens.size();
  return json_response(
      200, boost::json::object{
               {"customer", {{"id", customer_id}}},
               {"payment_tokens", std::move(tokens)},
               {"total_items", count},
               {"total_pages", 1},
               {"links", boost::json::array{link(
                             link_base() + "/v3/vault/payment-tokens?customer_id=" + customer_id,
                             "self", "GET")}}});
}

boost::json::object simulator::vault_json(const vault_token& t, bool setup) const {
  boost::json::object out{{"id", t.id}, {"customer", {{"id", t.customer_id}}}};
  if (setup) out["status"] = t.status;
  if (t.source == "card") {
    out["payment_source"] = {{"card", card_json(t.card, true)}};
  } else {
    out["payment_source"] = {{"paypal", boost::json::object{}}};
  }
  const std::string self =
      link_base() + (setup ? "/v3/vault/setup-tokens/" : "/v3/vault/payment-tokens/") + t.id;
  boost::json::array links{link(self, "self", "GET")};
  if (setup && t.status == "PAYER_ACTION_REQUIRED") {
    links.push_back(link(link_base() + "/checkoutnow?token=" + t.id, "approve", "GET"));
  } else if (setup && t.status == "APPROVED") {
    links.push_back(link(link_base() + "/v3/vault/payment-tokens", "confirm", "POST"));
  } else if (!setup) {
    links.push_back(link(self, "delete", "DELETE"));
  }
  out["links"] = std::move(links);
  return out;
}

std::optional<sim_response> simulator::vault_route(const std::string& method,
                                                   const std::vector<std::string>& parts,
                                                   const boost::json::object& body) {
  const std::size_t n = parts.size();
  const std::string& kind = parts[2];
  if (method == "POST" && n == 3 && kind == "setup-tokens") return create_setup_token(body);
  if (method == "POST" && n == 3 && kind == "payment-tokens") return create_payment_token(body);
  if (method == "GET" && n == 3 && kind == "payment-tokens") {
    auto it = current_->query.find("customer_id");
    if (it == current_->query.end()) {
      return issue_error(400, "MISSING_REQUIRED_PARAMETER",
                         "A required field / parameter is missing.", "customer_id", "query");
    }
    return list_payment_tokens(it->second);
  }
  if (n != 4 || (kind != "setup-tokens" && kind != "payment-tokens")) return std::nullopt;
  auto& tokens = kind == "setup-tokens" ? setup_tokens_ : vault_tokens_;
  auto it = tokens.find(parts[3]);
  if (it == tokens.end()) {
    return issue_error(404, "INVALID_RESOURCE_ID", "Specified resource ID does not exist.", "id",
                       "path");
  }
  if (method == "GET") return json_response(200, vault_json(it->second, kind == "setup-tokens"));
  if (method == "DELETE" && kind == "payment-tokens") {
    tokens.erase(it);
    sim_response r;
    r.status = 204;
    r.content_type.clear();
    return r;
  }
  return std::nullopt;
}

}  // namespace processor_sim::paypal
