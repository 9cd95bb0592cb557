#pragma once
// A small, strict reader of executable GraphQL documents (the subset a server-side client sends):
// operations with variable definitions, fields with aliases and arguments, inline fragments,
// fragment spreads and fragment definitions. No directives, no block strings, no subscriptions.
// Values are resolved against the request's `variables`; what a field selects is applied to the
// simulator's objects by `project` (braintree_select.cpp).

#include <boost/json/value.hpp>

#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace processor_sim::braintree::gql {

struct location {
  int line = 0, column = 0;  // 0: not tied to a place in the document
};

// A request the GraphQL layer refuses: becomes one entry of `errors` (HTTP 200).
struct error : std::runtime_error {
  error(std::string message, location at, std::string error_class = "VALIDATION")
      : std::runtime_error(std::move(message)), where(at), error_class(std::move(error_class)) {}
  location where;
  std::string error_class;
};

// A literal or a $variable, as written in the document.
struct value {
  enum class kind { variable, integer, floating, string, boolean, null, enumeration, list, object };
  kind k = kind::null;
  std::string text;  // variable name, number text, string, enum word, "true"/"false"
  std::vector<value> items;
  std::vector<std::pair<std::string, value>> fields;
  location at;
};

struct selection {
  enum class kind { field, inline_fragment, spread };
  kind k = kind::field;
  std::string alias, name;  // field: name (alias "" = none); spread: fragment name
  std::vector<std::pair<std::string, value>> arguments;
  std::string type_condition;  // inline fragment ("" = none)
  std::vector<selection> children;
  location at;

  const std::string& key() const { return alias.empty() ? name : alias; }
};

struct variable_definition {
  std::string name, type;  // type as written, e.g. "TokenizeCreditCardInput!"
  bool non_null = false;
  bool has_default = false;
  value default_value;
};

struct operation {
  std::string type = "query";  // query | mutation
  std::string name;
  std::vector<variable_definition> variables;
  std::vector<selection> selections;
  location at;
};

struct fragment {
  std::string name, type_condition;
  std::vector<selection> selections;
  location at;
};

struct document {
  std::vector<operation> operations;
  std::map<std::string, fragment> fragments;
};

// Throws gql::error (syntax errors with their location).
document parse(const std::string& text);

// The operation to run (by name when several) after the document-level checks: fragments
// defined once and all used, spreads known, no fragment cycles, variables declared and given
// (non-null ones present), no unknown variables. Throws gql::error.
const operation& prepare(const document& doc, const std::string& operation_name,
                         const boost::json::object& variables);

// The JSON value of an argument: variables substituted (defaults applied), literals converted.
boost::json::value resolve(const value& v, const boost::json::object& variables);
// Arguments of a field by name, resolved; unknown names are refused.
boost::json::object arguments(const selection& field, const boost::json::object& variables,
                              const std::vector<std::string>& allowed);

// Fields with arguments, and fields the superset object does not carry, are answered by this
// callback: (parent type, field, the
// parent's superset object) -> the superset value to project. It resolves the arguments itself
// and throws gql::error for a field it does not model.
using field_resolver = std::function<boost::json::value(
    const std::string& parent_type, const selection& field, const boost::json::object& parent)>;

// Applies a selection set to a superset object (every object carries "__typename"): each selected
// field comes out under its alias, inline fragments and spreads apply when their type condition
// names the object's type or one of its interfaces. A field the object does not carry is refused
// with GraphQL's "Cannot query field" (the simulator does not model it).
boost::json::value project(const boost::json::value& superset,
                           const std::vector<selection>& selections, const document& doc,
                           const boost::json::object& variables, const field_resolver& resolver);

}  // namespace processor_sim::braintree::gql
