#include "braintree_sim.hpp"

#include "braintree_errors.hpp"
#include "braintree_objects.hpp"

#include <boost/json.hpp>

#include <regex>

namespace processor_sim::braintree {

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx) {
  return std::make_unique<simulator>(std::move(cfg), std::move(ctx));
}

simulator::simulator(config cfg, sim_context ctx) : cfg_(std::move(cfg)), ctx_(std::move(ctx)) {
  store_.accounts = cfg_.merchant_accounts;
}

sim_response simulator::handle(const sim_request& req, const std::string& path) {
  std::lock_guard lock(mutex_);
  if (path != "/graphql" || req.method != "POST") {
    return json_response(404,
                         boost::json::object{{"error", "no route " + req.method + " " + path}});
  }
  const std::string request_id = new_request_id();
  if (basic_credentials(req.header("authorization")) != cfg_.public_key + ":" + cfg_.private_key) {
    return unauthorized(request_id);
  }
  static const std::regex version(R"(\d{4}-\d{2}-\d{2})");
  const std::string v = req.header("braintree-version");
  boost::json::object out;
  if (!std::regex_match(v, version)) {
    ++graphql_errors_;
    out = developer_body(gql::error(v.empty() ? "Braintree-Version header is required"
                                              : "Braintree-Version header must be a date in "
                                                "the format YYYY-MM-DD",
                                    {}));
  } else {
    out = graphql(req);
  }
  out["extensions"] = {{"requestId", request_id}};
  return json_response(200, out);
}

boost::json::object simulator::graphql(const sim_request& req) {
  boost::system::error_code ec;
  const auto body = boost::json::parse(req.body, ec);
  const auto* o = ec ? nullptr : body.if_object();
  const auto* query = o ? o->if_contains("query") : nullptr;
  if (!query || !query->is_string()) {
    ++graphql_errors_;
    return developer_body(gql::error(o ? "No query string was present"
                                       : "Request body is not "
                                         "a JSON object",
                                     {}));
  }
  static const boost::json::object no_variables;
  const auto* vars = o->if_contains("variables");
  if (vars && !vars->is_object() && !vars->is_null()) {
    ++graphql_errors_;
    return developer_body(gql::error("variables must be a JSON object", {}));
  }
  const auto* name = o->if_contains("operationName");
  const boost::json::object& variables =
      vars && vars->is_object() ? vars->as_object() : no_variables;
  try {
    const gql::document doc = gql::parse(std::string(query->as_string()));
    const gql::operation& op = gql::prepare(
        doc, name && name->is_string() ? std::string(name->as_string()) : "", variables);
    doc_ = &doc;
    variables_ = &variables;
    boost::json::object data;
    boost::json::array errors;
    for (const auto& field : op.selections) {
      if (field.k != gql::selection::kind::field) {
        throw gql::error("The simulator wants plain fields at the operation's root", field.at);
      }
      try {
        data[field.key()] = run_root(op.type, field);
      } catch (const api_error& e) {
        data[field.key()] = nullptr;
        errors.push_back(user_error(e, field));
      }
    }
    doc_ = nullptr;
    variables_ = nullptr;
    boost::json::object out{{"data", std::move(data)}};
    if (!errors.empty()) {
      ++graphql_errors_;
      out = boost::json::object{{"errors", std::move(errors)}, {"data", out["data"]}};
    }
    return out;
  } catch (const gql::error& e) {
    doc_ = nullptr;
    variables_ = nullptr;
    ++graphql_errors_;
    return developer_body(e);
  }
}

boost::json::value simulator::run_root(const std::string& op_type, const gql::selection& field) {
  boost::json::value superset;
  const std::string& f = field.name;
  auto args = [&](std::vector<std::string> allowed) {
    return gql::arguments(field, *variables_, allowed);
  };
  if (op_type == "query") {
    if (f == "node") {
      superset = node(args({"id"}));
    } else if (f == "idFromLegacyId") {
      superset = id_from_legacy_id(args({"legacyId", "type"}));
    } else if (f == "ping") {
      args({});
      superset = "pong";
    } else if (f == "search") {
      args({});
      superset = boost::json::object{{"__typename", "Search"}};
    } else if (f == "viewer") {
      args({});
      superset = boost::json::object{{"__typename", "Viewer"},
                                     {"merchant",
                                      {{"__typename", "Merchant"},
                                       {"id", cfg_.merchant_id},
                                       {"companyName", "Processor Sim"},
                                       {"status", "active"}}}};
    } else if (f != "__typename") {
      throw gql::error(
          "Cannot query field \"" + f + "\" on type \"Query\" (the simulator does not model it).",
          field.at);
    } else {
      superset = "Query";
    }
  } else {
    const auto in = input_of(field);
    if (f == "tokenizeCreditCard")
      superset = tokenize(in);
    else if (f == "authorizePaymentMethod" || f == "authorizeCreditCard")
      superset = transact(in, false);
    else if (f == "chargePaymentMethod" || f == "chargeCreditCard")
      superset = transact(in, true);
    else if (f == "captureTransaction")
      superset = capture(in);
    else if (f == "reverseTransaction")
      superset = reverse(in);
    else if (f == "refundTransaction")
      superset = refund_transaction(in);
    else if (f == "sandboxSettleTransaction")
      superset = sandbox_settle(in);
    else if (f == "vaultPaymentMethod")
      superset = vault(in);
    else if (f == "deletePaymentMethodFromVault")
      superset = delete_payment_method(in);
    else if (f == "acceptDispute" || f == "createDisputeTextEvidence" || f == "finalizeDispute")
      superset = dispute_mutation(f, in);
    else
      throw gql::error("Cannot query field \"" + f +
                           "\" on type \"Mutation\" (the simulator does not model it).",
                       field.at);
    if (superset.is_object()) {
      const auto* cm = in.if_contains("clientMutationId");
      superset.as_object()["clientMutationId"] = cm ? *cm : nullptr;
    }
  }
  if (field.children.empty()) {
    if (superset.is_object() || superset.is_array()) {
      throw gql::error("Field \"" + f + "\" must have a selection of subfields.", field.at);
    }
    return superset;
  }
  if (!superset.is_object() && !superset.is_array() && !superset.is_null()) {
    throw gql::error("Field \"" + f + "\" must not have a selection since it has no subfields.",
                     field.at);
  }
  return gql::project(
      superset, field.children, *doc_, *variables_,
      [this](const std::string& type, const gql::selection& s, const boost::json::object& parent) {
        return resolve_field(type, s, parent);
      });
}

boost::json::value simulator::resolve_field(const std::string& parent_type,
                                            const gql::selection& field,
                                            const boost::json::object& /*parent*/) {
  if (parent_type == "Search" && field.name == "transactions") {
    return search_transactions(gql::arguments(field, *variables_, {"input", "first", "after"}));
  }
  if (parent_type == "Merchant" && field.name == "merchantAccounts") {
    return merchant_accounts(gql::arguments(field, *variables_, {"input", "first", "after"}));
  }
  throw gql::error("Cannot query field \"" + field.name + "\" on type \"" + parent_type +
                       "\" (the simulator does not model it" +
                       (field.arguments.empty() ? "" : " with arguments") + ").",
                   field.at);
}

boost::json::object simulator::input_of(const gql::selection& field) {
  auto args = gql::arguments(field, *variables_, {"input"});
  auto* in = args.if_contains("input");
  if (!in || !in->is_object()) {
    throw gql::error("Field \"" + field.name + "\" argument \"input\" of type \"" + field.name +
                         "Input!\" is required but not provided.",
                     field.at);
  }
  return in->as_object();
}

sim_response simulator::error_response(int status, const retry_hints& hints) const {
  sim_response r = fault_reply(status, new_request_id());
  if (hints.retry_after_s)
    r.headers.emplace_back("Retry-After", std::to_string(*hints.retry_after_s));
  return r;
}

boost::json::object simulator::stats() const {
  std::lock_guard lock(mutex_);
  return {{"transactions", store_.transactions.size()},
          {"charges", charges_},
          {"double_charges", double_charges_},
          {"declines", declines_},
          {"captures", captures_},
          {"voids", voids_},
          {"refunds", refunds_},
          {"vaulted_payment_methods", vaulted_},
          {"disputes", store_.disputes.size()},
          {"graphql_errors", graphql_errors_},
          {"webhooks", webhooks_}};
}

}  // namespace processor_sim::braintree
