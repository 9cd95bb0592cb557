#pragma once
// application/x-www-form-urlencoded bodies as Stripe reads them: bracket-nested keys
// (card[exp_month], metadata[order]) with every key and value percent-encoded by Boost.URL.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cs::connectors::stripe {

class form {
 public:
  // Values are kept in insertion order; an empty value is still sent ("key=").
  form& add(std::string_view key, std::string_view value);
  form& add(std::string_view key, std::int64_t value);
  // "metadata[<key>]" style nesting: add_nested("metadata", "order", "o-1").
  form& add_nested(std::string_view parent, std::string_view key, std::string_view value);

  bool empty() const noexcept { return fields_.empty(); }
  const std::vector<std::pair<std::string, std::string>>& fields() const noexcept {
    return fields_;
  }
  // "k=v&k2=v2": only unreserved characters stay literal, space becomes '+', so '+', '&', '='
  // and brackets inside keys or values can never change the structure.
  std::string encode() const;

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

}  // namespace cs::connectors::stripe
