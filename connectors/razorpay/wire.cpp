#include "connectors/razorpay/wire.hpp"

#include "connectors/common/requests.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <boost/json/serialize.hpp>
#include <boost/url/url.hpp>

#include "connectors/common/crypto.hpp"
#include "connectors/common/json.hpp"
#include "connectors/razorpay/currencies.hpp"

namespace cs::connectors::razorpay::wire {

domain::result<keys> require_keys(const domain::credentials& creds) {
  auto id = creds.require(connector_name, "key_id");
  if (!id) return id.err();
  auto secret = creds.require(connector_name, "key_secret");
  if (!secret) return secret.err();
  return keys{std::string(*id), std::string(*secret)};
}

namespace {

domain::http_request envelope(domain::http_method method, std::string target, const keys& k) {
  domain::http_request r;
  r.method = method;
  r.base = "default";
  r.target = std::move(target);
  r.content_type = "application/json";
  r.headers.push_back({"Authorization", "Basic " + base64_encode(k.id + ":" + k.secret), true});
  return r;
}

}  // namespace

domain::http_request post(std::string target, const boost::json::object& body, const keys& k) {
  auto r = envelope(domain::http_method::post, std::move(target), k);
  r.body = boost::json::serialize(body);
  return r;
}

domain::http_request patch(std::string target, const boost::json::object& body, const keys& k) {
  auto r = envelope(domain::http_method::patch, std::move(target), k);
  r.body = boost::json::serialize(body);
  return r;
}

domain::http_request get(std::string target, const keys& k) {
  return envelope(domain::http_method::get, std::move(target), k);
}

domain::http_request del(std::string target, const keys& k) {
  return envelope(domain::http_method::del, std::move(target), k);
}

std::string path(std::string_view collection, std::string_view id, std::string_view action) {
  return encoded_path({"v1", collection, id, action});
}

domain::status check_id(std::string_view value, std::string_view field, std::string_view prefix,
                        std::string_view what) {
  if (value.empty()) return domain::missing_field(std::string(field));
  bool ok = value.size() > prefix.size() && value.size() <= 64 && value.starts_with(prefix);
  for (char c : value.substr(ok ? prefix.size() : 0))
    ok = ok && ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
  if (!ok)
    return domain::invalid_argument(std::string(field),
                                    fmt::format("must be a Razorpay {} id ({}…)", what, prefix));
  return domain::ok_status();
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::optional<domain::money> read_money(simdjson::dom::element obj, std::string_view amount_key) {
  auto amount = json::int64(obj, amount_key);
  auto currency = json::str(obj, "currency");
  if (!amount || currency.empty()) return std::nullopt;
  auto m = currencies().from_wire(*amount, currency);
  if (!m) return std::nullopt;
  return std::move(m).value();
}

domain::result<std::string> receipt(std::string_view merchant_reference,
                                    std::string_view idempotency_key) {
  if (!merchant_reference.empty()) {
    if (merchant_reference.size() > max_receipt)
      return domain::invalid_argument(
          "merchant_reference",
          fmt::format("is sent as Razorpay's receipt, which takes at most {} characters",
                      max_receipt));
    return std::string(merchant_reference);
  }
  if (idempotency_key.size() <= max_receipt) return std::string(idempotency_key);
  return sha256_hex(idempotency_key).substr(0, max_receipt);
}

namespace {

bool device_key(std::string_view k) {
  return k == "referer" || k == "user_agent";
}

}  // namespace

domain::status check_notes(const std::map<std::string, std::string>& metadata) {
  std::size_t n = 1;  // merchant_reference
  for (const auto& [k, v] : metadata) {
    if (device_key(k) || k == "merchant_reference") continue;
    if (++n > max_notes)
      return domain::invalid_argument(
          "metadata",
          fmt::format("Razorpay takes at most {} notes (one is merchant_reference)", max_notes));
    if (k.empty() || k.size() > max_note_length || v.size() > max_note_length)
      return domain::invalid_argument(
          "metadata", fmt::format("keys and values must be 1 to {} characters for Razorpay notes",
                                  max_note_length));
  }
  return domain::ok_status();
}

boost::json::object notes(const std::map<std::string, std::string>& metadata,
                          std::string_view merchant_reference) {
  boost::json::object o;
  for (const auto& [k, v] : metadata)
    if (!device_key(k) && k != "merchant_reference") o[k] = v;
  if (!merchant_reference.empty()) o["merchant_reference"] = merchant_reference;
  return o;
}

boost::json::object order_body(const domain::money& amount, std::string_view receipt,
                               boost::json::object notes, bool auto_capture) {
  boost::json::object o;
  o["amount"] = amount.minor_amount;
  o["currency"] = amount.currency;
  o["receipt"] = receipt;
  o["notes"] = std::move(notes);
  o["payment_capture"] = auto_capture;
  return o;
}

}  // namespace cs::connectors::razorpay::wire
