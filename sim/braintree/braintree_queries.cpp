// Reads: node(id), idFromLegacyId, search.transactions (the connector's lookup by orderId) and
// viewer.merchant.merchantAccounts (the currencies).
#include "braintree_input.hpp"
#include "braintree_objects.hpp"
#include "braintree_sim.hpp"

#include <algorithm>
#include <array>

namespace processor_sim::braintree {
namespace {

bool text_matches(const boost::json::object& cond, const std::string& v, const std::string& path) {
  bool ok = true;
  for (const auto& [key, want] : cond) {
    if (want.is_null()) continue;
    if (key == "in") {
      if (!want.is_array())
        throw gql::error("Variable \"$search\" got invalid value at \"" + path + ".in\"", {});
      bool any = false;
      for (const auto& w : want.as_array()) any = any || (w.is_string() && w.as_string() == v);
      ok = ok && any;
      continue;
    }
    if (!want.is_string()) {
      throw gql::error("Variable \"$search\" got invalid value at \"" + path + "." +
                           std::string(key) + "\"; String cannot represent a non-string value",
                       {});
    }
    const std::string w(want.as_string());
    if (key == "is")
      ok = ok && v == w;
    else if (key == "isNot")
      ok = ok && v != w;
    else if (key == "startsWith")
      ok = ok && v.starts_with(w);
    else if (key == "endsWith")
      ok = ok && v.ends_with(w);
    else if (key == "contains")
      ok = ok && v.find(w) != std::string::npos;
    else
      throw gql::error("Variable \"$search\" got invalid value at \"" + path + "\"; Field \"" +
                           std::string(key) + "\" is not defined by the simulator's search",
                       {});
  }
  return ok;
}

boost::json::object connection(const std::string& type, boost::json::array nodes, bool more) {
  boost::json::array edges;
  std::string first, last;
  for (auto& n : nodes) {
    const std::string cursor(n.as_object().at("id").as_string());
    if (first.empty()) first = cursor;
    last = cursor;
    edges.push_back(boost::json::object{
        {"__typename", type + "Edge"}, {"cursor", cursor}, {"node", std::move(n)}});
  }
  return {
      {"__typename", type},
      {"edges", std::move(edges)},
      {"pageInfo",
       {{"__typename", "PageInfo"},
        {"hasNextPage", more},
        {"hasPreviousPage", false},
        {"startCursor", first.empty() ? boost::json::value(nullptr) : boost::json::value(first)},
        {"endCursor", last.empty() ? boost::json::value(nullptr) : boost::json::value(last)}}}};
}

std::size_t page_size(const boost::json::object& args) {
  const auto* first = args.if_contains("first");
  if (const auto* after = args.if_contains("after"); after && !after->is_null()) {
    throw gql::error("The simulator returns one page: `after` is not supported", {});
  }
  if (!first || first->is_null()) return 50;
  if (!first->is_int64() || first->as_int64() < 0) {
    throw gql::error("Argument \"first\" must be a non-negative Int", {});
  }
  return static_cast<std::size_t>(std::min<std::int64_t>(first->as_int64(), 50));
}

}  // namespace

boost::json::value simulator::node(const boost::json::object& args) {
  const auto* id = args.if_contains("id");
  if (!id || !id->is_string()) throw gql::error("Argument \"id\" of type \"ID!\" is required", {});
  const std::string global(id->as_string());
  if (const auto d = decode_global_id(global)) {
    if (d->kind == "transaction") {
      if (auto it = store_.transactions.find(d->rest); it != store_.transactions.end()) {
        return transaction_json(it->second, store_);
      }
    } else if (d->kind == "refund") {
      if (auto it = store_.refunds.find(d->rest); it != store_.refunds.end()) {
        return refund_json(it->second, store_);
      }
    } else if (d->kind == "dispute") {
      if (auto it = store_.disputes.find(d->rest); it != store_.disputes.end()) {
        return dispute_json(it->second, store_);
      }
    } else if (d->kind == "paymentmethod") {
      if (auto it = store_.payment_methods.find(global); it != store_.payment_methods.end()) {
        return payment_method_json(it->second);
      }
    }
  }
  throw api_error("An object with this ID was not found.", "", {}, "NOT_FOUND");
}

boost::json::value simulator::id_from_legacy_id(const boost::json::object& args) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kinds{{
      {"TRANSACTION", "transaction"},
      {"REFUND", "refund"},
      {"DISPUTE", "dispute"},
      {"CUSTOMER", "customer"},
      {"VERIFICATION", "verification"},
  }};
  const auto* legacy = args.if_contains("legacyId");
  const auto* type = args.if_contains("type");
  if (!legacy || !legacy->is_string() || !type || !type->is_string()) {
    throw gql::error("idFromLegacyId wants legacyId: ID! and type: LegacyIdType!", {});
  }
  const std::string t(type->as_string());
  const std::string id(legacy->as_string());
  if (id.empty()) throw api_error("Legacy ID is required.", "", {"legacyId"});
  for (const auto& [word, kind] : kinds) {
    if (word == t) return boost::json::value(global_id(std::string(kind), id));  // no lookup
  }
  if (t == "PAYMENT_METHOD") {
    for (const auto& [gid, pm] : store_.payment_methods) {
      if (pm.usage == "MULTI_USE" && pm.legacy_id == id) return boost::json::value(gid);
    }
    throw api_error("An object with this ID was not found.", "", {"legacyId"}, "NOT_FOUND");
  }
  throw gql::error("Argument \"type\" has an invalid value: \"" + t +
                       "\" is not a LegacyIdType the simulator models",
                   {});
}

boost::json::value simulator::search_transactions(const boost::json::object& args) {
  const auto* in = args.if_contains("input");
  if (!in || !in->is_object()) {
    throw gql::error("Argument \"input\" of type \"TransactionSearchInput!\" is required", {});
  }
  const auto& criteria = in->as_object();
  for (const auto& [key, v] : criteria) {
    if (key != "orderId" && key != "id" && key != "status") {
      throw gql::error("The simulator does not search transactions by \"" + std::string(key) +
                           "\" (it models orderId, id and status)",
                       {});
    }
    if (!v.is_object() && !v.is_null()) {
      throw gql::error("Variable \"$search\" got invalid value at \"" + std::string(key) + "\"",
                       {});
    }
  }
  const std::size_t limit = page_size(args);
  const auto now = std::chrono::steady_clock::now();
  std::vector<const transaction*> found;
  for (const auto& [legacy, t] : store_.transactions) {
    if (t.searchable_at > now) continue;  // not in the search index yet
    bool ok = true;
    if (const auto* c = object_at(criteria, "orderId", "search"))
      ok = ok && text_matches(*c, t.order_id, "orderId");
    if (const auto* c = object_at(criteria, "id", "search")) {
      ok = ok && text_matches(*c, global_id("transaction", t.legacy_id), "id");
    }
    if (const auto* c = object_at(criteria, "status", "search"))
      ok = ok && text_matches(*c, t.status, "status");
    if (ok) found.push_back(&t);
  }
  // Newest first.
  std::sort(found.begin(), found.end(), [](const transaction* a, const transaction* b) {
    return a->created_at > b->created_at;
  });
  boost::json::array nodes;
  for (std::size_t i = 0; i < found.size() && i < limit; ++i) {
    nodes.push_back(transaction_json(*found[i], store_));
  }
  return connection("TransactionConnection", std::move(nodes), found.size() > limit);
}

boost::json::value simulator::merchant_accounts(const boost::json::object& args) {
  const std::size_t limit = page_size(args);
  const auto* in = args.if_contains("input");
  const boost::json::object* id_cond = nullptr;
  if (in && in->is_object()) {
    for (const auto& [key, v] : in->as_object()) {
      if (key != "id") {
        throw gql::error(
            "The simulator does not search merchant accounts by \"" + std::string(key) + "\"", {});
      }
    }
    id_cond = object_at(in->as_object(), "id", "accounts");
  }
  boost::json::array nodes;
  std::size_t matched = 0;
  for (const auto& a : store_.accounts) {
    if (id_cond && !text_matches(*id_cond, a.id, "id")) continue;
    if (++matched > limit) continue;
    nodes.push_back(boost::json::object{{"__typename", "MerchantAccount"},
                                        {"id", a.id},
                                        {"currencyCode", a.currency},
                                        {"isDefault", a.is_default},
                                        {"status", "ACTIVE"},
                                        {"dbaName", nullptr}});
  }
  return connection("MerchantAccountConnection", std::move(nodes), matched > limit);
}

}  // namespace processor_sim::braintree
