#pragma once
// The one description of every config key — type, default, bounds, what it means — from which
// the loader checks and reads a table, and from which `connector-service config-schema` writes
// config/example.toml and the knob table of docs/operations.md. A key is named only here.

#include <toml++/toml.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "service/config_values.hpp"

namespace cs::service {

enum class value_type {
  integer,
  number,
  boolean,
  string,
  secret,   // a string errors never show; in a merchant account, shape-checked by the connector
  choice,   // a string among `choices`
  strings,  // a list of strings
};

struct key_spec {
  // "<base>": names that come from elsewhere (the connector, the operator); code reads them.
  std::string_view key{};
  value_type type = value_type::string;
  std::string_view fallback{};     // the default as TOML text; empty: none
  double min = 0, max = 0;         // integer, number: the allowed range
  bool above_min = false;          // number: min itself is refused too
  std::string_view at_least{};     // a key of the same table this one must not be below
  std::string_view choices{};      // choice: "text|json"
  std::string_view required{};     // non-empty: the key must be set, and this is the error when not
  std::string_view example{};      // config/example.toml shows it, not fallback ("<…>": a line)
  std::string_view lead{};         // comment lines above the key in config/example.toml
  std::string_view comment{};      // the comment after it
  std::string_view doc{};          // its meaning, in the table of docs/operations.md
  std::string_view default_doc{};  // that table's default column, where fallback does not say it
};

// A checked value, handed to the field that stores it.
struct value {
  std::int64_t integer = 0;
  double number = 0;
  bool boolean = false;
  std::string text;
  std::vector<std::string> strings;
  std::chrono::milliseconds ms() const { return std::chrono::milliseconds(integer); }
  std::size_t count() const { return static_cast<std::size_t>(integer); }
};

template <class T>
struct field {
  key_spec spec;
  void (*store)(T&, const value&);  // nullptr for a "<…>" key
};

struct table_spec {
  // "connectors.<connector>.retry": a <…> segment is a name the operator picks.
  std::string_view path{};
  bool optional = false;            // absent means "not configured", not "every default"
  std::string_view same_keys_as{};  // the docs give this table one row (doc), its keys are there
  std::string_view lead{};          // comment lines above the header in config/example.toml
  std::string_view note{};          // the comment after the header
  std::string_view doc{};           // that row's meaning
  std::string_view default_doc{};   // the default column of that row
};

template <class T>
struct table {
  table_spec spec;
  std::span<const field<T>> fields;
};

// The untyped view the generators and the key checks work on.
struct table_view {
  const table_spec* spec;
  std::vector<const key_spec*> keys;
};

template <class T>
table_view view_of(const table<T>& t) {
  table_view v{&t.spec, {}};
  for (auto& f : t.fields) v.keys.push_back(&f.spec);
  return v;
}

// Every table, in the order of config/example.toml.
const std::vector<table_view>& schema();
// The key names allowed directly under `path` (a schema path): its own keys and its sub-tables.
std::set<std::string, std::less<>> allowed_keys(const table_view& t);
// Names of the top-level tables.
std::set<std::string, std::less<>> top_level_tables();

// Fails naming the first key of `t` that `spec` does not know (nor `extra`, names that come from
// elsewhere, e.g. a connector's credential keys).
domain::status check_keys(const table_view& spec, const toml::table& t, std::string_view path,
                          const std::set<std::string, std::less<>>& extra = {});
// Reads and checks every key of `spec` in `t`, its default where absent; calls `store(i, v)` for
// each key i that has a value (set, or a default).
domain::status read_keys(const table_view& spec, const toml::table& t, std::string_view path,
                         const std::function<void(std::size_t, const value&)>& store);

template <class T>
domain::status read_fields(const table<T>& spec, const toml::table& t, std::string_view path,
                           T& out) {
  return read_keys(view_of(spec), t, path,
                   [&](std::size_t i, const value& v) { spec.fields[i].store(out, v); });
}

template <class T>
domain::status read_table(const table<T>& spec, const toml::table& t, std::string_view path,
                          T& out) {
  if (auto s = check_keys(view_of(spec), t, path); !s) return s;
  return read_fields(spec, t, path, out);
}

// The last segment of a schema path: the key a table has in its parent.
std::string_view table_key(const table_spec& spec);

// The sub-table `spec` describes inside `parent`: an empty one when absent, nullptr when absent
// and `spec` is optional.
domain::result<const toml::table*> child_table(const toml::table& parent,
                                               std::string_view parent_path,
                                               const table_spec& spec);

// Reads the sub-table `spec` describes into `out`; an optional one that is absent leaves `out`.
template <class T>
domain::status read_child(const table<T>& spec, const toml::table& parent,
                          std::string_view parent_path, T& out) {
  auto t = child_table(parent, parent_path, spec.spec);
  if (!t) return std::move(t).err();
  if (!t.value()) return domain::ok_status();
  return read_table(spec, *t.value(), join(parent_path, table_key(spec.spec)), out);
}

// For a top-level named table ("connectors.<connector>"): calls f(name, table, path) for each
// [connectors.<name>]; a value that is no table is refused naming it.
domain::status for_each_named(
    const toml::table& root, const table_spec& spec,
    const std::function<domain::status(std::string_view, const toml::table&, std::string_view)>& f);

}  // namespace cs::service
