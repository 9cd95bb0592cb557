#include "service/config_docs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>
#include <vector>

#include "service/config_schema_tables.hpp"
#include "service/connector_keys.hpp"

namespace cs::service {
namespace {

constexpr std::string_view example_header =
    R"(# Every knob of connector-service, with its default. Unknown keys are an error at start.
# Written by `connector-service config-schema` from the schema in service/config_schema_*.cpp:
# change the schema, then run scripts/gen-config-docs.sh (a test checks this file agrees).
# Any key can be overridden from the environment: CS_<SECTION>__<KEY>, e.g.
#   CS_SERVER__GRPC_ADDRESS=0.0.0.0:50051
#   CS_MERCHANT_ACCOUNTS__ACME_EU__API_KEY=…      (keep secrets out of the file)
# Check a file without starting: connector-service check-config config/example.toml
)";

constexpr int comment_column = 35;  // where a key's comment starts, when the line leaves room

bool placeholder(std::string_view key) {
  return key.starts_with('<');
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

// The names the example gives to tables the operator names.
struct example_names {
  const connector_keys* connector;
  std::string fill(std::string_view text) const {
    std::string out(text);
    replace_all(out, "<connector>", connector->name);
    replace_all(out, "<account>", "acme_eu");
    replace_all(out, "<client>", "shop");
    return out;
  }
};

void comment_lines(std::string& out, std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    auto nl = std::min(text.find('\n', pos), text.size());
    out += fmt::format("# {}\n", text.substr(pos, nl - pos));
    pos = nl + 1;
  }
}

void line(std::string& out, std::string text, std::string_view comment) {
  if (!comment.empty()) {
    text.resize(std::max<std::size_t>(text.size() + 1, comment_column), ' ');
    text += fmt::format("# {}", comment);
  }
  out += text + "\n";
}

// CS_MERCHANT_ACCOUNTS__ACME_EU__API_KEY: the variable that overrides `key` of table `path`.
std::string env_name(std::string path, std::string_view key) {
  replace_all(path, ".", "__");
  return upper(fmt::format("CS_{}__{}", path, key));
}

void example_table(std::string& out, const table_view& t, const example_names& names) {
  std::string prefix = t.spec->optional ? "# " : "";
  auto path = names.fill(t.spec->path);
  out += "\n";
  comment_lines(out, names.fill(t.spec->lead));
  line(out, fmt::format("{}[{}]", prefix, path), t.spec->note);
  auto& conn = *names.connector;
  for (auto* k : t.keys) {
    comment_lines(out, names.fill(k->lead));
    if (k->key == "<base>") {
      for (auto& b : conn.base_urls)
        line(out, fmt::format("{} = \"{}\"", b.name, b.test_default), "");
    } else if (k->key == "<credential>") {
      for (auto& c : conn.credential_keys)
        line(out, fmt::format("{} = \"from-env:{}\"", c, env_name(path, c)), k->comment);
      for (auto& c : conn.optional_credential_keys)
        line(out, fmt::format("# {} = \"from-env:{}\"", c, env_name(path, c)), "optional");
    } else if (placeholder(k->key)) {
      line(out, "# " + names.fill(k->example), k->comment);
    } else {
      auto value = names.fill(k->example.empty() ? k->fallback : k->example);
      line(out, fmt::format("{}{} = {}", prefix, k->key, value), k->comment);
    }
  }
}

std::string number_text(double d) {
  if (d == std::floor(d) && std::abs(d) < 1e15) return fmt::format("{}", static_cast<long long>(d));
  return fmt::format("{}", d);
}

std::string allowed_text(const key_spec& k) {
  std::string out;
  if (k.type == value_type::integer || k.type == value_type::number)
    out = k.above_min ? fmt::format("> {}, ≤ {}", number_text(k.min), number_text(k.max))
                      : fmt::format("{}–{}", number_text(k.min), number_text(k.max));
  if (k.type == value_type::choice) {
    std::string choices(k.choices);
    replace_all(choices, "|", "`, `");
    out = fmt::format("`{}`", choices);
  }
  if (k.type == value_type::boolean) out = "`true`, `false`";
  if (k.type == value_type::strings) out = "list of strings";
  if (!k.at_least.empty()) out += fmt::format(", ≥ `{}`", k.at_least);
  return out;
}

std::string default_text(const key_spec& k) {
  if (!k.default_doc.empty()) return std::string(k.default_doc);
  if (!k.required.empty()) return "required";
  if (k.fallback == R"("")") return "—";
  if (k.fallback.starts_with('"') || k.fallback.starts_with('['))
    return fmt::format("`{}`", k.fallback.starts_with('"')
                                   ? k.fallback.substr(1, k.fallback.size() - 2)
                                   : k.fallback);
  return std::string(k.fallback);
}

// What each connector brings to a "<…>" key: "adyen: `default`, `disputes`; stripe: `default`".
std::string per_connector(std::string_view key) {
  std::vector<std::string> parts;
  for (auto& c : all_connector_keys()) {
    std::vector<std::string> names;
    if (key == "<base>")
      for (auto& b : c.base_urls) names.push_back(fmt::format("`{}`", b.name));
    if (key == "<credential>")
      for (auto& k : c.credential_keys) names.push_back(fmt::format("`{}`", k));
    if (key == "<credential>")
      for (auto& k : c.optional_credential_keys) names.push_back(fmt::format("`{}` (optional)", k));
    if (!names.empty()) parts.push_back(fmt::format("{}: {}", c.name, fmt::join(names, ", ")));
  }
  return parts.empty() ? std::string() : fmt::format(" ({})", fmt::join(parts, "; "));
}

}  // namespace

std::string example_toml() {
  std::string out(example_header);
  auto connectors = all_connector_keys();
  const example_names first{&connectors.front()};
  bool connectors_done = false;
  for (auto& t : schema()) {
    if (!t.spec->path.starts_with("connectors.")) {
      example_table(out, t, first);
      continue;
    }
    if (connectors_done) continue;
    connectors_done = true;
    // Every connector is enabled: the first with all its tables, the others with their base
    // URLs (the only keys that differ between connectors).
    for (auto& c : connectors)
      for (auto& ct : schema()) {
        if (!ct.spec->path.starts_with("connectors.")) continue;
        if (&c == &connectors.front()) {
          example_table(out, ct, {&c});
        } else if (ct.spec == &connector_table.spec) {
          out += "\n";
          line(
              out, fmt::format("[connectors.{}]", c.name),
              fmt::format("takes the keys and tables of [connectors.{}]", connectors.front().name));
        } else if (ct.spec == &base_urls_table.spec) {
          example_table(out, ct, {&c});
        }
      }
  }
  return out;
}

std::string markdown_knobs() {
  std::string out = "| key | default | allowed | meaning |\n|---|---|---|---|\n";
  auto row = [&](std::string key, std::string_view fallback, std::string_view allowed,
                 std::string_view doc) {
    out += fmt::format("| `{}` | {} | {} | {} |\n", key, fallback, allowed, doc);
  };
  for (auto& t : schema()) {
    if (!t.spec->same_keys_as.empty()) {  // one row: the keys are documented there
      row(std::string(t.spec->path), t.spec->default_doc, "table",
          fmt::format("{}; its keys as in `{}`", t.spec->doc, t.spec->same_keys_as));
      continue;
    }
    for (auto* k : t.keys) {
      std::string doc(k->doc);
      if (placeholder(k->key)) doc += per_connector(k->key);
      row(fmt::format("{}.{}", t.spec->path, k->key), default_text(*k), allowed_text(*k), doc);
    }
  }
  return out;
}

}  // namespace cs::service
