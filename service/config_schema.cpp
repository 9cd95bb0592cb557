#include "service/config_schema.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "service/config_schema_tables.hpp"
#include "service/config_values.hpp"

namespace cs::service {
namespace {

using domain::invalid_argument;

bool placeholder(std::string_view key) {
  return key.starts_with('<');
}

std::vector<std::string_view> split_choices(std::string_view choices) {
  std::vector<std::string_view> out;
  for (std::size_t pos = 0; pos <= choices.size();) {
    auto bar = std::min(choices.find('|', pos), choices.size());
    out.push_back(choices.substr(pos, bar - pos));
    pos = bar + 1;
  }
  return out;
}

// "must be text or json", "must be one of trace, debug, info, warn, error".
std::string choice_error(std::string_view choices) {
  auto all = split_choices(choices);
  if (all.size() == 2) return fmt::format("must be {} or {}", all[0], all[1]);
  return fmt::format("must be one of {}", fmt::join(all, ", "));
}

domain::result<value> read_value(const key_spec& k, const toml::table& t, std::string_view path) {
  value v;
  switch (k.type) {
    case value_type::integer: {
      CS_GET(i, get_int(t, path, k.key, 0, static_cast<std::int64_t>(k.min),
                        static_cast<std::int64_t>(k.max)));
      v.integer = i;
      return v;
    }
    case value_type::number: {
      CS_GET(d, get_number(t, path, k.key, 0, k.min, k.max));
      if (k.above_min && d <= k.min)
        return invalid_argument(join(path, k.key), fmt::format("must be above {}", k.min));
      v.number = d;
      return v;
    }
    case value_type::boolean: {
      CS_GET(b, get_bool(t, path, k.key, false));
      v.boolean = b;
      return v;
    }
    case value_type::string:
    case value_type::secret:  // get_string's errors never hold the value
    case value_type::choice: {
      CS_GET(s, get_string(t, path, k.key, ""));
      auto choices = split_choices(k.choices);
      if (k.type == value_type::choice && std::ranges::find(choices, s) == choices.end())
        return invalid_argument(join(path, k.key), choice_error(k.choices));
      v.text = std::move(s);
      return v;
    }
    case value_type::strings: {
      auto* list = t.get(k.key)->as_array();
      if (!list) return invalid_argument(join(path, k.key), "must be a list of strings");
      for (auto& item : *list) {
        auto s = item.value<std::string>();
        if (!s) return invalid_argument(join(path, k.key), "must hold strings");
        v.strings.push_back(*s);
      }
      return v;
    }
  }
  return invalid_argument(join(path, k.key), "has a type the schema does not know");
}

// The schema's default of `k`, as a one-key table read like the operator's own.
domain::result<toml::table> default_of(const key_spec& k, std::string_view path) {
  try {
    return toml::parse(fmt::format("{} = {}", k.key, k.fallback));
  } catch (const toml::parse_error&) {
    return invalid_argument(join(path, k.key), "has a default the schema cannot parse");
  }
}

}  // namespace

const std::vector<table_view>& schema() {
  // The order of config/example.toml and of the docs.
  static const std::vector<table_view> all{
      view_of(server_table),
      view_of(log_table),
      view_of(log_components_table),
      view_of(tls_table),
      view_of(connector_table),
      view_of(retry_table),
      view_of(breaker_table),
      view_of(connector_rate_limit_table),
      view_of(base_urls_table),
      view_of(account_table),
      view_of(account_rate_limit_table),
      view_of(client_table),
      view_of(webhooks_table),
      view_of(redis_table),
  };
  return all;
}

std::string_view table_key(const table_spec& spec) {
  auto dot = spec.path.rfind('.');
  return dot == std::string_view::npos ? spec.path : spec.path.substr(dot + 1);
}

std::set<std::string, std::less<>> allowed_keys(const table_view& t) {
  std::set<std::string, std::less<>> out;
  for (auto* k : t.keys)
    if (!placeholder(k->key)) out.emplace(k->key);
  for (auto& other : schema()) {
    auto p = other.spec->path;
    if (p.size() > t.spec->path.size() && p.starts_with(t.spec->path) &&
        p[t.spec->path.size()] == '.' && p.find('.', t.spec->path.size() + 1) == p.npos)
      out.emplace(table_key(*other.spec));
  }
  return out;
}

std::set<std::string, std::less<>> top_level_tables() {
  std::set<std::string, std::less<>> out;
  for (auto& t : schema()) out.emplace(t.spec->path.substr(0, t.spec->path.find('.')));
  return out;
}

domain::status check_keys(const table_view& spec, const toml::table& t, std::string_view path,
                          const std::set<std::string, std::less<>>& extra) {
  auto allowed = allowed_keys(spec);
  allowed.insert(extra.begin(), extra.end());
  return only_keys(t, path, allowed);
}

domain::status read_keys(const table_view& spec, const toml::table& t, std::string_view path,
                         const std::function<void(std::size_t, const value&)>& store) {
  std::vector<std::optional<value>> values(spec.keys.size());
  for (std::size_t i = 0; i < spec.keys.size(); ++i) {
    auto& k = *spec.keys[i];
    if (placeholder(k.key)) continue;
    if (!t.get(k.key)) {
      if (!k.required.empty()) {
        auto e = domain::missing_field(join(path, k.key));
        e.message = fmt::format("{}: {}", e.field, k.required);
        return e;
      }
      if (k.fallback.empty()) continue;  // code or another key supplies it
      CS_GET(defaults, default_of(k, path));
      CS_GET(v, read_value(k, defaults, path));
      values[i] = std::move(v);
      continue;
    }
    CS_GET(v, read_value(k, t, path));
    values[i] = std::move(v);
  }
  for (std::size_t i = 0; i < spec.keys.size(); ++i) {
    auto& k = *spec.keys[i];
    if (k.at_least.empty() || !values[i]) continue;
    for (std::size_t j = 0; j < spec.keys.size(); ++j)
      if (spec.keys[j]->key == k.at_least && values[j] && values[i]->integer < values[j]->integer)
        return invalid_argument(join(path, k.key), fmt::format("must not be below {}", k.at_least));
  }
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i]) store(i, *values[i]);
  return domain::ok_status();
}

domain::result<const toml::table*> child_table(const toml::table& parent,
                                               std::string_view parent_path,
                                               const table_spec& spec) {
  if (spec.optional && !parent.get(table_key(spec))) return nullptr;
  return sub_table(parent, parent_path, table_key(spec));
}

domain::status for_each_named(
    const toml::table& root, const table_spec& spec,
    const std::function<domain::status(std::string_view, const toml::table&, std::string_view)>&
        f) {
  auto top = spec.path.substr(0, spec.path.find('.'));
  auto* node = root.get(top);
  if (!node) return domain::ok_status();
  auto* all = node->as_table();
  if (!all) return invalid_argument(std::string(top), "must be a table");
  for (auto& [name, entry] : *all) {
    auto path = join(top, name.str());
    auto* t = entry.as_table();
    if (!t) return invalid_argument(path, "must be a table");
    if (auto s = f(name.str(), *t, path); !s) return s;
  }
  return domain::ok_status();
}

}  // namespace cs::service
