#pragma once
// Reading request members the way the validation needs them: absent (or null), present with the
// expected JSON type, or present with another type (an error code, not a crash).

#include <boost/json/object.hpp>

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace processor_sim::checkout_com {

template <class T>
struct field {
  bool present = false;
  bool valid = false;  // present with the expected type
  T value{};
  bool bad() const { return present && !valid; }
};

inline field<std::string> string_field(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (!v->is_string()) return {true, false, {}};
  return {true, true, std::string(v->as_string())};
}

// Integers only: 10.0 and "10" are not amounts.
inline field<std::int64_t> int_field(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_int64()) return {true, true, v->as_int64()};
  return {true, false, 0};
}

inline field<bool> bool_field(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || v->is_null()) return {};
  if (!v->is_bool()) return {true, false, false};
  return {true, true, v->as_bool()};
}

// `<prefix><26 word characters>`, the spec's `^(pfx)_(\w{26})$`.
inline bool is_id(const std::string& s, std::string_view prefix) {
  if (s.size() != prefix.size() + 26 || s.compare(0, prefix.size(), prefix) != 0) return false;
  for (std::size_t i = prefix.size(); i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!std::isalnum(c) && c != '_') return false;
  }
  return true;
}

inline bool all_digits(const std::string& s) {
  for (unsigned char c : s) {
    if (!std::isdigit(c)) return false;
  }
  return !s.empty();
}

// An optional `cvv`: 3 or 4 digits.
inline void check_cvv(const boost::json::object& src, std::vector<std::string>& errors) {
  const auto cvv = string_field(src, "cvv");
  if (cvv.bad() ||
      (cvv.valid && (cvv.value.size() < 3 || cvv.value.size() > 4 || !all_digits(cvv.value)))) {
    errors.push_back("cvv_invalid");
  }
}

}  // namespace processor_sim::checkout_com
