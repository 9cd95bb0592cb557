// Document checks (GraphQL's executable-definition validation rules the simulator can apply
// without the schema), argument values and the projection of superset objects through
// selection sets.
#include "braintree_graphql.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <set>

namespace processor_sim::braintree::gql {
namespace {

// The interfaces and unions each modelled type belongs to (type conditions may name them).
bool matches(const std::string& type, const std::string& condition) {
  if (condition.empty() || condition == type) return true;
  if (condition == "Node") {
    return type == "Transaction" || type == "Refund" || type == "Dispute" ||
           type == "PaymentMethod" || type == "Verification" || type == "Customer";
  }
  if (condition == "Payment") return type == "Transaction" || type == "Refund";
  if (condition == "TransactionReversal") return type == "Transaction" || type == "Refund";
  if (condition == "PaymentStatusEvent") return type.size() > 5 && type.ends_with("Event");
  return false;
}

void collect_spreads(const std::vector<selection>& sels, std::vector<const selection*>& out) {
  for (const auto& s : sels) {
    if (s.k == selection::kind::spread) out.push_back(&s);
    collect_spreads(s.children, out);
  }
}

void collect_variables(const value& v, std::vector<const value*>& out) {
  if (v.k == value::kind::variable) out.push_back(&v);
  for (const auto& item : v.items) collect_variables(item, out);
  for (const auto& [k, item] : v.fields) collect_variables(item, out);
}

void collect_variables(const std::vector<selection>& sels, std::vector<const value*>& out) {
  for (const auto& s : sels) {
    for (const auto& [k, v] : s.arguments) collect_variables(v, out);
    collect_variables(s.children, out);
  }
}

// Fragments reached from `sels`, following spreads; refuses unknown fragments and cycles.
void reach(const document& doc, const std::vector<selection>& sels, std::set<std::string>& seen,
           std::vector<std::string>& path, std::vector<const value*>& vars) {
  std::vector<const selection*> spreads;
  collect_spreads(sels, spreads);
  collect_variables(sels, vars);
  for (const auto* s : spreads) {
    auto it = doc.fragments.find(s->name);
    if (it == doc.fragments.end()) {
      throw error("Fragment " + s->name + " was used, but not defined", s->at);
    }
    if (std::find(path.begin(), path.end(), s->name) != path.end()) {
      throw error("Fragment " + s->name + " contains an infinite loop", s->at);
    }
    if (!seen.insert(s->name).second) continue;
    path.push_back(s->name);
    reach(doc, it->second.selections, seen, path, vars);
    path.pop_back();
  }
}

}  // namespace

const operation& prepare(const document& doc, const std::string& operation_name,
                         const boost::json::object& variables) {
  const operation* op = nullptr;
  if (doc.operations.empty()) throw error("Document contains no operations", {});
  if (operation_name.empty()) {
    if (doc.operations.size() > 1) {
      throw error("An operation name is required when the document has several operations",
                  doc.operations[1].at);
    }
    op = &doc.operations.front();
  } else {
    for (const auto& o : doc.operations) {
      if (o.name == operation_name) op = &o;
    }
    if (!op) throw error("No operation named \"" + operation_name + "\"", {});
  }
  for (const auto& a : doc.operations) {
    for (const auto& b : doc.operations) {
      if (&a != &b && !a.name.empty() && a.name == b.name) {
        throw error("Operation name \"" + a.name + "\" must be unique", b.at);
      }
    }
  }
  // Every fragment of the document must be used (by any operation), as GraphQL requires.
  std::set<std::string> used;
  for (const auto& o : doc.operations) {
    std::vector<std::string> path;
    std::vector<const value*> ignored;
    reach(doc, o.selections, used, path, ignored);
  }
  for (const auto& [name, f] : doc.fragments) {
    if (!used.count(name)) throw error("Fragment " + name + " was defined, but not used", f.at);
  }
  std::set<std::string> seen;
  std::vector<std::string> path;
  std::vector<const value*> vars;
  reach(doc, op->selections, seen, path, vars);
  std::set<std::string> declared;
  for (const auto& d : op->variables) {
    if (!declared.insert(d.name).second) {
      throw error("There can be only one variable named \"$" + d.name + "\"", op->at);
    }
    const auto* given = variables.if_contains(d.name);
    if (d.non_null && !d.has_default && (!given || given->is_null())) {
      throw error(
          "Variable \"$" + d.name + "\" of required type \"" + d.type + "\" was not provided.",
          op->at);
    }
  }
  for (const auto* v : vars) {
    if (!declared.count(v->text)) {
      throw error("Variable \"$" + v->text + "\" is not defined by operation \"" + op->name + "\".",
                  v->at);
    }
  }
  for (const auto& d : op->variables) {
    bool used_here = false;
    for (const auto* v : vars) used_here = used_here || v->text == d.name;
    if (!used_here) {
      throw error("Variable \"$" + d.name + "\" is never used in operation \"" + op->name + "\".",
                  op->at);
    }
  }
  return *op;
}

boost::json::value resolve(const value& v, const boost::json::object& variables) {
  switch (v.k) {
    case value::kind::variable: {
      const auto* given = variables.if_contains(v.text);
      return given ? *given : boost::json::value(nullptr);
    }
    case value::kind::integer:
      return boost::json::value(std::stoll(v.text));
    case value::kind::floating:
      return boost::json::value(std::stod(v.text));
    case value::kind::string:
    case value::kind::enumeration:
      return boost::json::value(v.text);
    case value::kind::boolean:
      return boost::json::value(v.text == "true");
    case value::kind::null:
      return nullptr;
    case value::kind::list: {
      boost::json::array out;
      for (const auto& item : v.items) out.push_back(resolve(item, variables));
      return out;
    }
    case value::kind::object: {
      boost::json::object out;
      for (const auto& [k, item] : v.fields) out[k] = resolve(item, variables);
      return out;
    }
  }
  return nullptr;
}

boost::json::object arguments(const selection& field, const boost::json::object& variables,
                              const std::vector<std::string>& allowed) {
  boost::json::object out;
  for (const auto& [name, v] : field.arguments) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      throw error("Field '" + field.name + "' doesn't accept argument '" + name + "'", v.at);
    }
    if (out.contains(name))
      throw error("There can be only one argument named \"" + name + "\"", v.at);
    out[name] = resolve(v, variables);
  }
  return out;
}

namespace {

void merge_into(boost::json::object& into, const std::string& key, boost::json::value v) {
  auto* existing = into.if_contains(key);
  if (existing && existing->is_object() && v.is_object()) {
    for (auto& [k, item] : v.as_object()) merge_into(existing->as_object(), k, std::move(item));
  } else {
    into[key] = std::move(v);
  }
}

void project_into(boost::json::object& out, const boost::json::object& obj,
                  const std::vector<selection>& sels, const document& doc,
                  const boost::json::object& variables, const field_resolver& resolver) {
  const auto* tn = obj.if_contains("__typename");
  const std::string type = tn && tn->is_string() ? std::string(tn->as_string()) : "";
  for (const auto& s : sels) {
    if (s.k == selection::kind::inline_fragment) {
      if (matches(type, s.type_condition)) {
        project_into(out, obj, s.children, doc, variables, resolver);
      }
      continue;
    }
    if (s.k == selection::kind::spread) {
      const fragment& f = doc.fragments.at(s.name);
      if (matches(type, f.type_condition)) {
        project_into(out, obj, f.selections, doc, variables, resolver);
      }
      continue;
    }
    boost::json::value v;
    if (s.name == "__typename") {
      v = type;
    } else if (const auto* found = s.arguments.empty() ? obj.if_contains(s.name) : nullptr) {
      v = *found;
    } else {
      v = resolver(type, s, obj);  // fields with arguments; refuses what is not modelled
    }
    const bool composite = v.is_object() || (v.is_array() && !v.as_array().empty() &&
                                             v.as_array().front().is_object());
    if (composite && s.children.empty()) {
      throw error(
          "Field \"" + s.name + "\" of type \"" + type + "\" must have a selection of subfields.",
          s.at);
    }
    if (!s.children.empty() && !v.is_null() && !composite && !v.is_array()) {
      throw error("Field \"" + s.name + "\" must not have a selection since it has no subfields.",
                  s.at);
    }
    merge_into(
        out, s.key(),
        s.children.empty() ? std::move(v) : project(v, s.children, doc, variables, resolver));
  }
}

}  // namespace

boost::json::value project(const boost::json::value& superset,
                           const std::vector<selection>& selections, const document& doc,
                           const boost::json::object& variables, const field_resolver& resolver) {
  if (superset.is_array()) {
    boost::json::array out;
    for (const auto& item : superset.as_array()) {
      out.push_back(project(item, selections, doc, variables, resolver));
    }
    return out;
  }
  if (!superset.is_object()) return superset;
  boost::json::object out;
  project_into(out, superset.as_object(), selections, doc, variables, resolver);
  return out;
}

}  // namespace processor_sim::braintree::gql
