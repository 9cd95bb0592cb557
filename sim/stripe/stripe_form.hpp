#pragma once
// Stripe's request bodies: application/x-www-form-urlencoded with bracket nesting
// ("card[number]=...", "metadata[order]=...", "expand[]=latest_charge"), decoded with Boost.URL.

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace processor_sim::stripe {

class form {
 public:
  // nullopt when the body is not a valid form encoding.
  static std::optional<form> parse(const std::string& body);
  // GET parameters already decoded by the listener.
  static form from_query(const std::map<std::string, std::string>& query);
  static form of(const std::string& key, const std::string& value);

  bool has(const std::string& key) const { return values_.count(key) != 0; }
  std::string get(const std::string& key) const;  // "" when absent
  // Children of "prefix[...]" one level down: metadata -> {"order": "42"}.
  std::map<std::string, std::string> children(const std::string& prefix) const;
  // Values of "key[]" or "key[0]", "key[1]"...
  std::vector<std::string> list(const std::string& key) const;
  // Top-level names ("card" for "card[number]").
  std::vector<std::string> top_level_names() const;
  // Params sorted by key, newline-separated: identical for the same params in another order.
  std::string fingerprint() const;
  bool empty() const { return values_.empty(); }

 private:
  std::multimap<std::string, std::string> values_;
};

// "true"/"false" as Stripe accepts them; nullopt for anything else.
std::optional<bool> parse_bool(const std::string& text);
// Strict decimal integer; nullopt otherwise.
std::optional<std::int64_t> parse_int(const std::string& text);

// metadata[...] as a JSON object (Stripe always returns an object, {} when empty).
boost::json::object metadata_json(const form& f);

}  // namespace processor_sim::stripe
