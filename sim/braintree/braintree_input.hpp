#pragma once
// Reading mutation inputs taken from `variables`: a value of the wrong JSON type is refused the
// way GraphQL coerces variables (a developer error naming the input path).

#include "braintree_graphql.hpp"

#include <boost/json.hpp>

#include <string>

namespace processor_sim::braintree {

inline std::string text(const boost::json::object& o, const char* key, const std::string& path) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  throw gql::error("Variable \"$input\" got invalid value at \"" + path + "." + key +
                       "\"; String or ID cannot represent a non-string value",
                   {});
}

inline const boost::json::object* object_at(const boost::json::object& o, const char* key,
                                            const std::string& path) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return nullptr;
  if (v->is_object()) return &v->as_object();
  throw gql::error("Variable \"$input\" got invalid value at \"" + path + "." + key +
                       "\"; Expected type to be an object",
                   {});
}

inline bool flag(const boost::json::object& o, const char* key, const std::string& path) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return false;
  if (v->is_bool()) return v->as_bool();
  throw gql::error("Variable \"$input\" got invalid value at \"" + path + "." + key +
                       "\"; Boolean cannot represent a non boolean value",
                   {});
}

// A required field ("Expected value of non-null type").
inline std::string required(const boost::json::object& o, const char* key,
                            const std::string& path) {
  std::string s = text(o, key, path);
  if (s.empty() && !(o.if_contains(key) && o.at(key).is_string())) {
    throw gql::error("Variable \"$input\" got invalid value at \"" + path + "." + key +
                         "\"; Expected non-nullable type to not be null",
                     {});
  }
  return s;
}

}  // namespace processor_sim::braintree
