#include "connectors/stripe/form.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace cs::connectors::stripe {
namespace {

// Boost 1.81's params_ref leaves '+' and brackets literal in queries, which a form decoder
// reads as a space; encoding each part against the unreserved set avoids that.
std::string encode_part(std::string_view s) {
  boost::urls::encoding_opts opts(/*space_as_plus=*/true, /*lower_case=*/false,
                                  /*disallow_null=*/false);
  return boost::urls::encode(s, boost::urls::unreserved_chars, opts);
}

}  // namespace

form& form::add(std::string_view key, std::string_view value) {
  fields_.emplace_back(std::string(key), std::string(value));
  return *this;
}

form& form::add(std::string_view key, std::int64_t value) {
  return add(key, std::to_string(value));
}

form& form::add_nested(std::string_view parent, std::string_view key, std::string_view value) {
  std::string k(parent);
  k += '[';
  k += key;
  k += ']';
  return add(k, value);
}

std::string form::encode() const {
  std::string out;
  for (const auto& [k, v] : fields_) {
    if (!out.empty()) out += '&';
    out += encode_part(k);
    out += '=';
    out += encode_part(v);
  }
  return out;
}

}  // namespace cs::connectors::stripe
