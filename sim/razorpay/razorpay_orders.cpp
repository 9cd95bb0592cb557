// Orders, customers and tokens.

#include "razorpay_errors.hpp"
#include "razorpay_json.hpp"
#include "razorpay_sim.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

namespace processor_sim::razorpay {
namespace {

bool is_currency(std::string& c) {
  if (c.size() != 3) return false;
  for (auto& ch : c) {
    if (!std::isalpha(static_cast<unsigned char>(ch))) return false;
    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return true;
}

}  // namespace

sim_response simulator::create_order(const boost::json::object& body) {
  sim_response err;
  auto amount = int_field(body, "amount", true, &err);
  if (!amount) return err;
  auto currency = string_field(body, "currency", true, &err);
  if (!currency) return err;
  if (!is_currency(*currency)) return bad_request("The currency is invalid.", "currency");
  if (*amount < 100) {
    return bad_request("The amount must be atleast " + *currency + " 1.00", "amount");
  }
  auto receipt = string_field(body, "receipt", false, &err);
  if (!receipt) return err;
  if (receipt->size() > 40) {
    return bad_request("The receipt may not be greater than 40 characters.", "receipt");
  }
  auto notes = notes_field(body, &err);
  if (!notes) return err;
  auto customer_id = string_field(body, "customer_id", false, &err);
  if (!customer_id) return err;
  if (!customer_id->empty() && !customers_.count(*customer_id)) return id_not_found("customer_id");
  auto method = string_field(body, "method", false, &err);
  if (!method) return err;

  order o;
  o.id = new_id("order");
  o.amount = *amount;
  o.currency = *currency;
  o.receipt = *receipt;
  o.notes = std::move(*notes);
  o.customer_id = *customer_id;
  o.method = *method;
  o.created_at = unix_now();
  o.auto_capture = cfg_.auto_capture;
  if (const auto* pc = body.if_contains("payment_capture"); pc && !pc->is_null()) {
    o.auto_capture = truthy(pc);
  }
  if (const auto* pay = body.if_contains("payment"); pay && pay->is_object()) {
    if (const auto* cap = pay->as_object().if_contains("capture"); cap && cap->is_string()) {
      o.auto_capture = cap->as_string() == "automatic";
    }
  }
  if (const auto* t = body.if_contains("token"); t && !t->is_null()) {
    if (!t->is_object()) return bad_request("The token must be an array.", "token");
    if (o.customer_id.empty()) return field_required("customer_id");
    const auto& terms = t->as_object();
    for (const char* key : {"max_amount", "expire_at"}) {
      if (!int_field(terms, key, false, &err)) return err;
    }
    o.wants_token = true;
    o.token_terms = terms;
  }
  auto out = order_json(o);
  orders_.emplace(o.id, std::move(o));
  return json_response(200, out);
}

sim_response simulator::order_payments(const std::string& id) {
  auto it = orders_.find(id);
  if (it == orders_.end()) return id_not_found();
  boost::json::array items;
  for (const auto& pid : it->second.payments) items.push_back(payment_json(payments_.at(pid)));
  return json_response(200, collection(std::move(items)));
}

sim_response simulator::list_orders(const sim_request& req) {
  std::size_t count = 10;
  if (auto c = req.query.find("count"); c != req.query.end()) {
    try {
      count = std::min<std::size_t>(100, std::stoul(c->second));
    } catch (...) {
      return bad_request("The count must be an integer.", "count");
    }
  }
  auto receipt = req.query.find("receipt");
  auto expand = req.query.find("expand[]");
  const bool with_payments = expand != req.query.end() && expand->second == "payments";
  std::vector<const order*> matching;
  for (const auto& [id, o] : orders_)
    if (receipt == req.query.end() || o.receipt == receipt->second) matching.push_back(&o);
  // Newest first, as Razorpay lists them (ids are issued in creation order within a second).
  std::stable_sort(matching.begin(), matching.end(), [](const order* a, const order* b) {
    return a->created_at != b->created_at ? a->created_at > b->created_at : a->id > b->id;
  });
  boost::json::array items;
  for (const order* o : matching) {
    if (items.size() == count) break;
    auto j = order_json(*o);
    if (with_payments) {
      boost::json::array pays;
      for (const auto& pid : o->payments) pays.push_back(payment_json(payments_.at(pid)));
      j["payments"] = collection(std::move(pays));
    }
    items.push_back(std::move(j));
  }
  return json_response(200, collection(std::move(items)));
}

sim_response simulator::create_customer(const boost::json::object& body) {
  sim_response err;
  customer c;
  for (auto [key, out] : {std::pair{"name", &c.name}, std::pair{"email", &c.email},
                          std::pair{"contact", &c.contact}, std::pair{"gstin", &c.gstin}}) {
    auto v = string_field(body, key, false, &err);
    if (!v) return err;
    *out = *v;
  }
  auto notes = notes_field(body, &err);
  if (!notes) return err;
  const auto* fe = body.if_contains("fail_existing");
  const bool fail_existing = !fe || fe->is_null() || truthy(fe);
  if (!c.email.empty() || !c.contact.empty()) {
    for (const auto& [id, existing] : customers_) {
      if (existing.email != c.email || existing.contact != c.contact) continue;
      if (fail_existing) return bad_request("Customer already exists for the merchant");
      return json_response(200, customer_json(existing));
    }
  }
  c.id = new_id("cust");
  c.notes = std::move(*notes);
  c.created_at = unix_now();
  auto out = customer_json(c);
  customers_.emplace(c.id, std::move(c));
  return json_response(200, out);
}

sim_response simulator::list_tokens(const std::string& customer_id) {
  if (!customers_.count(customer_id)) return id_not_found();
  boost::json::array items;
  for (const auto& [id, t] : tokens_) {
    if (t.customer_id == customer_id && !t.deleted) items.push_back(token_json(t));
  }
  return json_response(200, collection(std::move(items)));
}

sim_response simulator::token_route(const std::string& method, const std::string& customer_id,
                                    const std::string& token_id) {
  if (!customers_.count(customer_id)) return id_not_found();
  auto it = tokens_.find(token_id);
  if (it == tokens_.end() || it->second.deleted || it->second.customer_id != customer_id) {
    return id_not_found();
  }
  if (method == "GET") return json_response(200, token_json(it->second));
  if (method != "DELETE") return url_not_found();
  it->second.deleted = true;
  it->second.status = "deleted";
  return json_response(200, {{"deleted", true}});
}

}  // namespace processor_sim::razorpay
