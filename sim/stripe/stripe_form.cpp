#include "stripe_form.hpp"

#include <boost/url/encoding_opts.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include <cctype>
#include <charconv>
#include <set>

namespace processor_sim::stripe {
namespace {

// Stripe's SDKs send brackets unencoded; RFC 3986 forbids them in a query, so encode them (and
// any other stray character) before handing the body to Boost.URL.
std::string normalize(const std::string& body) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(body.size());
  for (unsigned char c : body) {
    const bool plain =
        std::isalnum(c) || std::string_view("-._~!$'()*,;:@/?%&=+").find(static_cast<char>(c)) !=
                               std::string_view::npos;
    if (plain) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace

std::optional<form> form::parse(const std::string& body) {
  form f;
  if (body.empty()) return f;
  const std::string text = normalize(body);
  if (!boost::urls::parse_query(text)) return std::nullopt;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  boost::urls::params_view params(text, opts);
  for (auto param : params) {
    if (param.key.empty()) continue;
    f.values_.emplace(param.key, param.has_value ? param.value : std::string{});
  }
  return f;
}

form form::from_query(const std::map<std::string, std::string>& query) {
  form f;
  for (const auto& [k, v] : query) f.values_.emplace(k, v);
  return f;
}

form form::of(const std::string& key, const std::string& value) {
  form f;
  f.values_.emplace(key, value);
  return f;
}

std::string form::get(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? std::string{} : it->second;
}

std::map<std::string, std::string> form::children(const std::string& prefix) const {
  std::map<std::string, std::string> out;
  const std::string open = prefix + "[";
  for (auto it = values_.lower_bound(open); it != values_.end(); ++it) {
    if (it->first.compare(0, open.size(), open) != 0) break;
    const auto close = it->first.find(']', open.size());
    if (close == std::string::npos || close + 1 != it->first.size()) continue;
    out[it->first.substr(open.size(), close - open.size())] = it->second;
  }
  return out;
}

std::vector<std::string> form::list(const std::string& key) const {
  std::vector<std::string> out;
  auto range = values_.equal_range(key + "[]");
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  for (const auto& [index, value] : children(key)) {
    if (!index.empty()) out.push_back(value);
  }
  return out;
}

std::vector<std::string> form::top_level_names() const {
  std::set<std::string> names;
  for (const auto& [k, v] : values_) names.insert(k.substr(0, k.find('[')));
  return {names.begin(), names.end()};
}

std::string form::fingerprint() const {
  std::string out;
  for (const auto& [k, v] : values_) out += k + "=" + v + "\n";
  return out;
}

std::optional<bool> parse_bool(const std::string& text) {
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_int(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

boost::json::object metadata_json(const form& f) {
  boost::json::object out;
  for (const auto& [k, v] : f.children("metadata")) out[k] = v;
  return out;
}

}  // namespace processor_sim::stripe
