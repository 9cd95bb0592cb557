#include "service/config_env.hpp"

#include <fmt/format.h>

#include <cctype>
#include <string>
#include <vector>

#include "service/config_values.hpp"

namespace cs::service {

using domain::invalid_argument;
using domain::status;

// Writes CS_A__B__C=value into the tree as a string at a.b.c.
status apply_env(toml::table& root, char** env) {
  for (char** e = env; e && *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("CS_")) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name(kv.substr(3, eq - 3));
    std::string value(kv.substr(eq + 1));
    std::vector<std::string> parts;
    for (size_t pos = 0;;) {
      auto next = name.find("__", pos);
      parts.push_back(name.substr(pos, next - pos));
      if (next == std::string::npos) break;
      pos = next + 2;
    }
    if (parts.size() < 2) continue;  // CS_FOO is not a config key (e.g. a build variable)
    toml::table* t = &root;
    std::string path;
    for (size_t i = 0; i < parts.size(); ++i) {
      auto& p = parts[i];
      for (auto& c : p) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (p.empty())
        return invalid_argument(std::string(kv.substr(0, eq)), "has an empty path segment");
      path = join(path, p);
      if (i + 1 == parts.size()) {
        t->insert_or_assign(p, value);
      } else {
        auto* sub = t->get_as<toml::table>(p);
        if (!sub) {
          if (t->get(p))
            return invalid_argument(
                path, fmt::format("{} overrides a value with a table", kv.substr(0, eq)));
          sub = t->insert(p, toml::table{}).first->second.as_table();
        }
        t = sub;
      }
    }
  }
  return domain::ok_status();
}

}  // namespace cs::service
