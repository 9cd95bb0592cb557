#include "connectors/stripe/wire.hpp"

#include "connectors/common/requests.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <boost/url/url.hpp>

#include "connectors/common/crypto.hpp"
#include "connectors/common/json.hpp"
#include "connectors/stripe/currencies.hpp"

namespace cs::connectors::stripe::wire {

domain::result<std::string> require_api_key(const domain::credentials& creds) {
  auto key = creds.require(connector_name, "api_key");
  if (!key) return key.err();
  return std::string(*key);
}

std::string step_key(std::string_view request_key, std::string_view step) {
  std::string key(request_key);
  if (!step.empty()) key += ':' + std::string(step);
  if (key.size() <= max_idempotency_key) return key;
  key = sha256_hex(request_key);
  if (!step.empty()) key += ':' + std::string(step);
  return key;
}

namespace {

domain::http_request envelope(domain::http_method method, std::string target,
                              std::string_view api_key) {
  domain::http_request r;
  r.method = method;
  r.base = "default";
  r.target = std::move(target);
  // Content-Type travels in r.content_type (the transport writes it for bodies and POSTs).
  r.content_type = std::string(form_content_type);
  r.headers.push_back({"Authorization", "Bearer " + std::string(api_key), true});
  r.headers.push_back({"Stripe-Version", std::string(api_version), false});
  return r;
}

}  // namespace

domain::http_request post(std::string target, const form& body, std::string_view api_key,
                          std::string idempotency_key) {
  auto r = envelope(domain::http_method::post, std::move(target), api_key);
  r.idempotency_key = std::move(idempotency_key);
  r.headers.push_back({"Idempotency-Key", r.idempotency_key, false});
  r.body = body.encode();
  return r;
}

domain::http_request get(std::string target, std::string_view api_key) {
  return envelope(domain::http_method::get, std::move(target), api_key);
}

std::string path(std::string_view collection, std::string_view id, std::string_view action) {
  return encoded_path({"v1", collection, id, action});
}

domain::status check_id(std::string_view value, std::string_view field,
                        std::initializer_list<std::string_view> prefixes, std::string_view what) {
  if (value.empty()) return domain::missing_field(std::string(field));
  bool prefixed = false;
  std::string expected;
  for (auto p : prefixes) {
    prefixed = prefixed || (value.size() > p.size() && value.starts_with(p));
    expected += expected.empty() ? "" : " or ";
    expected += std::string(p) + "…";
  }
  bool charset = value.size() <= 255;
  for (char c : value)
    charset = charset && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                          (c >= 'a' && c <= 'z') || c == '_');
  if (!prefixed || !charset)
    return domain::invalid_argument(std::string(field),
                                    fmt::format("must be a Stripe {} id ({})", what, expected));
  return domain::ok_status();
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

domain::status add_amount(form& f, std::string_view key, const domain::money& m,
                          std::string_view field) {
  auto units = currencies().to_wire(m, field);
  if (!units) return std::move(units).err();
  f.add(key, *units);
  return domain::ok_status();
}

domain::status add_money(form& f, const domain::money& m, std::string_view field) {
  if (auto s = add_amount(f, "amount", m, field); !s) return s;
  f.add("currency", lower(m.currency));
  return domain::ok_status();
}

std::optional<domain::money> to_money(std::int64_t stripe_amount, std::string_view currency) {
  auto m = currencies().from_wire(stripe_amount, currency);
  if (!m) return std::nullopt;
  return std::move(m).value();
}

std::optional<domain::money> read_money(simdjson::dom::element obj, std::string_view amount_key) {
  auto amount = json::int64(obj, amount_key);
  auto currency = json::str(obj, "currency");
  if (!amount || currency.empty()) return std::nullopt;
  return to_money(*amount, currency);
}

domain::status check_metadata(const std::map<std::string, std::string>& metadata) {
  // Stripe: at most 50 keys, keys ≤ 40 characters without square brackets, values ≤ 500.
  if (metadata.size() > 49)
    return domain::invalid_argument("metadata",
                                    "Stripe takes at most 50 keys (one is merchant_reference)");
  for (const auto& [k, v] : metadata) {
    if (k.empty() || k.size() > 40 || k.find_first_of("[]") != std::string::npos)
      return domain::invalid_argument(
          "metadata", "keys must be 1 to 40 characters without '[' or ']' for Stripe");
    if (v.size() > 500)
      return domain::invalid_argument("metadata",
                                      fmt::format("value of '{}' is longer than Stripe's 500 "
                                                  "characters",
                                                  k));
  }
  return domain::ok_status();
}

void add_metadata(form& f, const std::map<std::string, std::string>& metadata,
                  std::string_view merchant_reference) {
  for (const auto& [k, v] : metadata)
    if (k != "merchant_reference" || merchant_reference.empty()) f.add_nested("metadata", k, v);
  if (!merchant_reference.empty())
    f.add_nested("metadata", "merchant_reference", merchant_reference);
}

}  // namespace cs::connectors::stripe::wire
