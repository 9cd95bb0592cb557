#include "braintree_objects.hpp"

#include "../ids.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <ctime>

namespace processor_sim::braintree {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string utc(const char* format, std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

boost::json::value or_null(const std::string& s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

// The PaymentStatusEvent type each status word is reported with.
std::string event_type(const std::string& status) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> types{{
      {"AUTHORIZED", "AuthorizedEvent"},
      {"SUBMITTED_FOR_SETTLEMENT", "SubmittedForSettlementEvent"},
      {"SETTLING", "SettlingEvent"},
      {"SETTLED", "SettledEvent"},
      {"SETTLEMENT_DECLINED", "SettlementDeclinedEvent"},
      {"VOIDED", "VoidedEvent"},
      {"PROCESSOR_DECLINED", "ProcessorDeclinedEvent"},
      {"GATEWAY_REJECTED", "GatewayRejectedEvent"},
      {"FAILED", "FailedEvent"},
      {"AUTHORIZATION_EXPIRED", "AuthorizationExpiredEvent"},
      {"SETTLEMENT_PENDING", "SettlementPendingEvent"},
  }};
  for (const auto& [word, type] : types) {
    if (word == status) return std::string(type);
  }
  return "SubmittedForSettlementEvent";
}

}  // namespace

std::string new_legacy_id() {
  return lower(random_alnum(8));
}

std::string new_nonce() {
  const std::string r = lower(random_alnum(27));
  return "tokencc_bc_" + r.substr(0, 6) + "_" + r.substr(6, 6) + "_" + r.substr(12, 6) + "_" +
         r.substr(18, 6) + "_" + r.substr(24, 3);
}

std::string new_request_id() {
  const std::string raw = lower(random_alnum(32));
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    const char c = raw[i];
    out +=
        "0123456789abcdef"[(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'a') % 16];
  }
  return out;
}

std::string now_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  char frac[8];
  std::snprintf(frac, sizeof frac, "%06lld", static_cast<long long>(micros));
  return utc("%Y-%m-%dT%H:%M:%S.", now) + frac + "Z";
}

std::string date_in_days(int days) {
  return utc("%Y-%m-%d", std::chrono::system_clock::now() + std::chrono::hours(24 * days));
}

std::string xml_timestamp() {
  return utc("%Y-%m-%dT%H:%M:%SZ", std::chrono::system_clock::now());
}

std::string base64(const std::string& raw) {
  std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(raw.data()),
                                static_cast<int>(raw.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string global_id(const std::string& kind, const std::string& legacy) {
  std::string id = base64(kind + "_" + legacy);
  while (!id.empty() && id.back() == '=') id.pop_back();
  return id;
}

std::optional<decoded_id> decode_global_id(const std::string& id) {
  if (id.empty() || id.size() > 400) return std::nullopt;
  std::string padded = id;
  while (padded.size() % 4 != 0) padded += '=';
  for (char c : padded) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/' && c != '=') {
      return std::nullopt;
    }
  }
  std::string raw(padded.size(), '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(raw.data()),
                                reinterpret_cast<const unsigned char*>(padded.data()),
                                static_cast<int>(padded.size()));
  if (n < 0) return std::nullopt;
  raw.resize(static_cast<std::size_t>(n));
  while (!raw.empty() && raw.back() == '\0') raw.pop_back();  // EVP_DecodeBlock keeps padding
  const auto us = raw.find('_');
  if (us == std::string::npos || us == 0 || us + 1 >= raw.size()) return std::nullopt;
  return decoded_id{raw.substr(0, us), raw.substr(us + 1)};
}

int exponent(const std::string& currency) {
  static constexpr std::array<std::string_view, 16> zero{"BIF", "CLP", "DJF", "GNF", "ISK", "JPY",
                                                         "KMF", "KRW", "PYG", "RWF", "UGX", "VND",
                                                         "VUV", "XAF", "XOF", "XPF"};
  static constexpr std::array<std::string_view, 7> three{"BHD", "IQD", "JOD", "KWD",
                                                         "LYD", "OMR", "TND"};
  if (std::find(zero.begin(), zero.end(), currency) != zero.end()) return 0;
  if (std::find(three.begin(), three.end(), currency) != three.end()) return 3;
  return 2;
}

std::optional<std::int64_t> parse_amount(const std::string& text, const std::string& currency) {
  // Amount: "a whole number or a number with exactly two or three decimal places".
  const auto dot = text.find('.');
  const std::string whole = text.substr(0, dot);
  const std::string frac = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto digits = [](const std::string& s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  };
  if (!digits(whole) || whole.size() > 12) return std::nullopt;
  if (dot != std::string::npos && !(digits(frac) && (frac.size() == 2 || frac.size() == 3))) {
    return std::nullopt;
  }
  const int exp = exponent(currency);
  std::string f = frac;
  while (static_cast<int>(f.size()) > exp) {
    if (f.back() != '0') return std::nullopt;  // finer than the currency's minor unit
    f.pop_back();
  }
  while (static_cast<int>(f.size()) < exp) f += '0';
  return std::stoll(whole + f);
}

std::string format_amount(std::int64_t minor, const std::string& currency) {
  const int exp = exponent(currency);
  std::string digits = std::to_string(minor);
  if (exp == 0) return digits;
  while (static_cast<int>(digits.size()) <= exp) digits.insert(digits.begin(), '0');
  return digits.substr(0, digits.size() - exp) + "." + digits.substr(digits.size() - exp);
}

major_units major_of(std::int64_t minor, const std::string& currency) {
  std::int64_t scale = 1;
  for (int i = 0; i < exponent(currency); ++i) scale *= 10;
  const std::int64_t frac = minor % scale;
  return {minor / scale, scale >= 100 ? frac / (scale / 100) : frac * (100 / scale)};
}

boost::json::object money_json(std::int64_t minor, const std::string& currency) {
  return {{"__typename", "MonetaryAmount"},
          {"value", format_amount(minor, currency)},
          {"currencyCode", currency}};
}

boost::json::array status_history_json(const std::vector<status_event>& history,
                                       const std::string& currency) {
  boost::json::array out;
  for (auto it = history.rbegin(); it != history.rend(); ++it) {  // newest first
    const std::string type = event_type(it->status);
    boost::json::object e{
        {"__typename", type},
        {"status", it->status},
        {"timestamp", it->timestamp},
        {"amount", money_json(it->amount, currency)},
        {"terminal", it->status != "AUTHORIZED" && it->status != "SUBMITTED_FOR_SETTLEMENT" &&
                         it->status != "SETTLING"}};
    if (type != "SubmittedForSettlementEvent" && type != "SettlingEvent" &&
        type != "SettledEvent" && type != "VoidedEvent" && type != "SettlementPendingEvent" &&
        type != "AuthorizationExpiredEvent") {
      boost::json::value resp = nullptr;
      if (it->answer) {
        resp =
            boost::json::object{{"__typename", type == "SettlementDeclinedEvent"
                                                   ? "TransactionSettlementProcessorResponse"
                                                   : "TransactionAuthorizationProcessorResponse"},
                                {"legacyCode", it->answer->code},
                                {"message", it->answer->message}};
      }
      e["processorResponse"] = resp;
    }
    if (type == "ProcessorDeclinedEvent") {
      e["declineType"] = it->answer ? or_null(it->answer->decline_type) : nullptr;
    }
    if (type == "GatewayRejectedEvent") e["gatewayRejectionReason"] = or_null(it->rejection);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace processor_sim::braintree
