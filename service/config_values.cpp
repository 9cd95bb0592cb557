#include "service/config_values.hpp"

#include <fmt/format.h>

#include <charconv>

namespace cs::service {

using domain::invalid_argument;
using domain::result;
using domain::status;

std::string join(std::string_view a, std::string_view b) {
  return a.empty() ? std::string(b) : fmt::format("{}.{}", a, b);
}

status only_keys(const toml::table& t, std::string_view path,
                 const std::set<std::string, std::less<>>& allowed) {
  for (auto& [k, v] : t)
    if (!allowed.contains(k.str())) {
      std::string list;
      for (auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return invalid_argument(join(path, k.str()),
                              fmt::format("unknown key (allowed here: {})", list));
    }
  return domain::ok_status();
}

result<std::string> get_string(const toml::table& t, std::string_view path, std::string_view key,
                               std::string fallback) {
  auto* node = t.get(key);
  if (!node) return fallback;
  if (auto v = node->value<std::string>()) return *v;
  return invalid_argument(join(path, key), "must be a string");
}

result<bool> get_bool(const toml::table& t, std::string_view path, std::string_view key,
                      bool fallback) {
  auto* node = t.get(key);
  if (!node) return fallback;
  if (node->is_boolean()) return node->as_boolean()->get();
  // From the environment every value is a string.
  if (auto v = node->value<std::string>(); v && (*v == "true" || *v == "false"))
    return *v == "true";
  return invalid_argument(join(path, key), "must be true or false");
}

result<std::int64_t> get_int(const toml::table& t, std::string_view path, std::string_view key,
                             std::int64_t fallback, std::int64_t min, std::int64_t max) {
  auto* node = t.get(key);
  std::int64_t v = fallback;
  if (node) {
    if (node->is_integer()) {
      v = node->as_integer()->get();
    } else if (auto s = node->value<std::string>()) {  // from the environment
      auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
      if (ec != std::errc() || p != s->data() + s->size())
        return invalid_argument(join(path, key), fmt::format("'{}' is not an integer", *s));
    } else {
      return invalid_argument(join(path, key), "must be an integer");
    }
  }
  if (v < min || v > max)
    return invalid_argument(join(path, key),
                            fmt::format("{} is out of range ({} to {})", v, min, max));
  return v;
}

result<double> get_number(const toml::table& t, std::string_view path, std::string_view key,
                          double fallback, double min, double max) {
  auto* node = t.get(key);
  double v = fallback;
  if (node) {
    if (auto d = node->value<double>(); d && !node->is_string()) {
      v = *d;
    } else if (auto s = node->value<std::string>()) {  // from the environment
      auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
      if (ec != std::errc() || p != s->data() + s->size())
        return invalid_argument(join(path, key), fmt::format("'{}' is not a number", *s));
    } else {
      return invalid_argument(join(path, key), "must be a number");
    }
  }
  if (!(v >= min && v <= max))
    return invalid_argument(join(path, key),
                            fmt::format("{} is out of range ({} to {})", v, min, max));
  return v;
}

// An optional sub-table: absent means "all defaults".
result<const toml::table*> sub_table(const toml::table& t, std::string_view path,
                                     std::string_view key) {
  static const toml::table empty;
  auto* node = t.get(key);
  if (!node) return &empty;
  if (auto* sub = node->as_table()) return sub;
  return invalid_argument(join(path, key), "must be a table");
}

}  // namespace cs::service
