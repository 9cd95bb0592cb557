#pragma once
// Typed reads of config values with errors that name the key (`connectors.adyen.pool_size: 0 is
// out of range (1 to 256)`); strings from the environment are accepted where numbers are due.

#include <toml++/toml.h>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace cs::service {

std::string join(std::string_view a, std::string_view b);
// Fails naming the first key of `t` not in `allowed`.
domain::status only_keys(const toml::table& t, std::string_view path,
                         const std::set<std::string, std::less<>>& allowed);
domain::result<std::string> get_string(const toml::table& t, std::string_view path,
                                       std::string_view key, std::string fallback);
domain::result<bool> get_bool(const toml::table& t, std::string_view path, std::string_view key,
                              bool fallback);
domain::result<std::int64_t> get_int(const toml::table& t, std::string_view path,
                                     std::string_view key, std::int64_t fallback, std::int64_t min,
                                     std::int64_t max);
domain::result<double> get_number(const toml::table& t, std::string_view path, std::string_view key,
                                  double fallback, double min, double max);
// An optional sub-table: absent means "all defaults" (an empty table).
domain::result<const toml::table*> sub_table(const toml::table& t, std::string_view path,
                                             std::string_view key);

}  // namespace cs::service

// Declares `var` from a result expression, returning its error from the enclosing function.
#define CS_GET(var, expr)                        \
  auto var##_r = (expr);                         \
  if (!var##_r) return std::move(var##_r).err(); \
  auto var = std::move(var##_r.value())
