#include "wallet_tokens.hpp"

#include <openssl/evp.h>

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace processor_sim::wallet {
namespace {

decode_result fail(std::string why) {
  return {std::nullopt, std::move(why)};
}

std::string text_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool plausible_pan(const std::string& pan) {
  return pan.size() >= 12 && pan.size() <= 19 && digits(pan);
}

std::optional<boost::json::value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec) return std::nullopt;
  return v;
}

// An integer member given as a JSON number or as a string of digits (Google writes both).
std::optional<std::int64_t> int_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= INT64_MAX)
    return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_string() && digits(v->as_string()) && v->as_string().size() <= 18) {
    return std::stoll(std::string(v->as_string()));
  }
  return std::nullopt;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

std::optional<std::string> base64_decode(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  while (padding < 2 && text[text.size() - 1 - padding] == '=') ++padding;
  const auto body = text.substr(0, text.size() - padding);
  const bool valid = std::all_of(body.begin(), body.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
  });
  if (!valid) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()),
                                static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(n) - padding);  // EVP_DecodeBlock counts '=' as zero bytes
  return out;
}

decode_result decode_apple_pay(const boost::json::value& payment_data) {
  const auto* token = payment_data.if_object();
  if (!token) return fail("paymentData is not a JSON object");
  const std::string version = text_of(*token, "version");
  if (version != "EC_v1" && version != "RSA_v1") return fail("unknown paymentData version");
  if (text_of(*token, "signature").empty()) return fail("paymentData has no signature");
  if (!token->contains("header") || !token->at("header").is_object()) {
    return fail("paymentData has no header");
  }
  const auto data = base64_decode(text_of(*token, "data"));
  if (!data) return fail("paymentData.data is not base64");
  const auto payload = parse_json(*data);
  if (!payload || !payload->is_object()) return fail("decrypted data is not a JSON object");
  const auto& d = payload->as_object();

  token_card card;
  card.kind = wallet_kind::apple_pay;
  card.pan = text_of(d, "applicationPrimaryAccountNumber");
  if (!plausible_pan(card.pan)) return fail("no applicationPrimaryAccountNumber");
  const std::string expiry = text_of(d, "applicationExpirationDate");  // YYMMDD
  if (expiry.size() != 6 || !digits(expiry)) return fail("bad applicationExpirationDate");
  card.expiry_year = 2000 + std::stoi(expiry.substr(0, 2));
  card.expiry_month = std::stoi(expiry.substr(2, 2));
  if (card.expiry_month < 1 || card.expiry_month > 12) return fail("bad applicationExpirationDate");
  // Only 3DSecure tokens are simulated; EMV (China) tokens carry other members.
  if (text_of(d, "paymentDataType") != "3DSecure") return fail("paymentDataType is not 3DSecure");
  const auto* pd = d.if_contains("paymentData");
  if (!pd || !pd->is_object()) return fail("decrypted data has no paymentData");
  card.cryptogram = text_of(pd->as_object(), "onlinePaymentCryptogram");
  if (!base64_decode(card.cryptogram)) return fail("no onlinePaymentCryptogram");
  card.eci = text_of(pd->as_object(), "eciIndicator");
  return {card, {}};
}

decode_result decode_apple_pay_text(std::string_view payment_data_json) {
  const auto v = parse_json(payment_data_json);
  if (!v) return fail("paymentData is not JSON");
  return decode_apple_pay(*v);
}

decode_result decode_google_pay(const boost::json::value& token_value) {
  const auto* token = token_value.if_object();
  if (!token) return fail("token is not a JSON object");
  const std::string protocol = text_of(*token, "protocolVersion");
  if (protocol != "ECv2" && protocol != "ECv1") return fail("unknown protocolVersion");
  if (text_of(*token, "signature").empty()) return fail("token has no signature");
  const auto signed_message = parse_json(text_of(*token, "signedMessage"));
  if (!signed_message || !signed_message->is_object()) return fail("signedMessage is not JSON");
  const auto message_text = base64_decode(text_of(signed_message->as_object(), "encryptedMessage"));
  if (!message_text) return fail("encryptedMessage is not base64");
  const auto message = parse_json(*message_text);
  if (!message || !message->is_object()) return fail("decrypted message is not a JSON object");
  const auto& m = message->as_object();
  const auto expiration = int_of(m, "messageExpiration");
  if (!expiration) return fail("no messageExpiration");
  if (*expiration < now_ms()) return fail("message expired");
  if (text_of(m, "paymentMethod") != "CARD") return fail("paymentMethod is not CARD");
  const auto* details_value = m.if_contains("paymentMethodDetails");
  if (!details_value || !details_value->is_object()) return fail("no paymentMethodDetails");
  const auto& details = details_value->as_object();

  token_card card;
  card.kind = wallet_kind::google_pay;
  card.pan = text_of(details, "pan");
  if (!plausible_pan(card.pan)) return fail("no pan");
  const auto month = int_of(details, "expirationMonth");
  const auto year = int_of(details, "expirationYear");
  if (!month || *month < 1 || *month > 12) return fail("bad expirationMonth");
  if (!year || *year < 2000 || *year > 2099) return fail("bad expirationYear");
  card.expiry_month = static_cast<int>(*month);
  card.expiry_year = static_cast<int>(*year);
  const std::string auth = text_of(details, "authMethod");
  if (auth == "PAN_ONLY") {
    card.pan_only = true;
  } else if (auth == "CRYPTOGRAM_3DS") {
    card.cryptogram = text_of(details, "cryptogram");
    if (!base64_decode(card.cryptogram)) return fail("CRYPTOGRAM_3DS without cryptogram");
    card.eci = text_of(details, "eciIndicator");
  } else {
    return fail("unknown authMethod");
  }
  return {card, {}};
}

decode_result decode_google_pay_text(std::string_view token_json) {
  const auto v = parse_json(token_json);
  if (!v) return fail("token is not JSON");
  return decode_google_pay(*v);
}

}  // namespace processor_sim::wallet
