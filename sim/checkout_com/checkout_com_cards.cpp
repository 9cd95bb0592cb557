#include "checkout_com_cards.hpp"

#include "checkout_com_fields.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <ctime>
#include <stdexcept>

namespace processor_sim::checkout_com {

const std::vector<test_card>& declining_cards() {
  static const std::vector<test_card> cards{
      {"4734868958733862", "200N7", "Decline for CVV2 failure"},
      {"4567361325981788", "200R3",
       "Issuer initiated a stop payment (revocation order) for all authorizations"},
      {"4111111111111129", "20001", "Refer to card issuer"},
      {"4024007103573027", "20012", "Invalid transaction"},
      {"4485381577182090", "20014", "Invalid card number"},
      {"4544249167673670", "20051", "Insufficient funds"},
      {"4724117215951699", "20054", "Expired card"},
      {"4151512736305999", "20057", "Transaction not permitted to cardholder"},
      {"4897453568485113", "20059", "Suspected fraud"},
      {"4556294593757189", "20061", "Activity amount limit exceeded"},
      {"4818924250131070", "20062", "Restricted card"},
      {"4556253752712245", "20063", "Security violation"},
      {"4095254802642505", "20068", "Response received too late / timeout"},
      {"4532819413487978", "20078",
       "Blocked, first use - transaction from new cardholder, card not properly unblocked"},
  };
  return cards;
}

card_outcome outcome_for(const std::string& number) {
  for (const auto& c : declining_cards()) {
    if (number == c.number) return {false, c.response_code, c.response_summary};
  }
  return {};
}

std::string summary_for(const std::string& response_code) {
  if (response_code == "10000") return "Approved";
  if (response_code == "20005") return "Declined - Do not honour";
  if (response_code == "20154") return "3D Secure authentication required";
  for (const auto& c : declining_cards()) {
    if (response_code == c.response_code) return c.response_summary;
  }
  return {};
}

bool luhn_valid(const std::string& digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

std::string scheme_of(const std::string& n) {
  auto prefix = [&](std::size_t len) { return n.size() >= len ? std::stoi(n.substr(0, len)) : -1; };
  if (n.size() < 4 || !luhn_valid(n)) return "Unknown";  // also keeps stoi on digits
  if (n[0] == '4') return "Visa";
  if ((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)) {
    return "Mastercard";
  }
  if (prefix(2) == 34 || prefix(2) == 37) return "Amex";
  if (prefix(4) == 6011 || prefix(2) == 65 || (prefix(3) >= 644 && prefix(3) <= 649)) {
    return "Discover";
  }
  if (prefix(4) >= 3528 && prefix(4) <= 3589) return "JCB";
  if (prefix(2) == 36 || prefix(2) == 38 || (prefix(3) >= 300 && prefix(3) <= 305)) {
    return "Diners Club International";
  }
  return "Unknown";
}

std::string fingerprint_of(const std::string& number) {
  static const std::array<unsigned char, 32> key = [] {
    std::array<unsigned char, 32> k{};
    if (RAND_bytes(k.data(), static_cast<int>(k.size())) != 1) {
      throw std::runtime_error("RAND_bytes failed");
    }
    return k;
  }();
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(number.data()), number.size(), mac, &len)) {
    throw std::runtime_error("HMAC failed");
  }
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[mac[i] >> 4]);
    out.push_back(hex[mac[i] & 15]);
  }
  return out;
}

void fill_card(card& c, const std::string& number) {
  c.number = number;
  c.scheme = scheme_of(number);
  c.bin = number.substr(0, 6);
  c.last4 = number.substr(number.size() - 4);
  c.fingerprint = fingerprint_of(number);
}

bool expired(std::int64_t year, std::int64_t month) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  const std::int64_t this_year = tm.tm_year + 1900, this_month = tm.tm_mon + 1;
  return year < this_year || (year == this_year && month < this_month);
}

std::string account_reference_of(const card& c) {
  return "V001" + c.fingerprint.substr(0, 25);
}

void read_expiry(const boost::json::object& src, std::string_view prefix, card& out,
                 std::vector<std::string>& errors) {
  auto code = [&](std::string_view what) { return std::string(prefix) + std::string(what); };
  const auto month = int_field(src, "expiry_month");
  const auto year = int_field(src, "expiry_year");
  if (!month.present) errors.push_back(code("expiry_month_required"));
  const bool month_ok = month.valid && month.value >= 1 && month.value <= 12;
  if (month.present && !month_ok) errors.push_back(code("expiry_month_invalid"));
  if (!year.present) errors.push_back(code("expiry_year_required"));
  const bool year_ok = year.valid && year.value >= 1000 && year.value <= 9999;
  if (year.present && !year_ok) errors.push_back(code("expiry_year_invalid"));
  if (month_ok && year_ok && expired(year.value, month.value)) errors.push_back("card_expired");
  out.expiry_month = month.value;
  out.expiry_year = year.value;
}

void read_card_details(const boost::json::object& src, card& out,
                       std::vector<std::string>& errors) {
  const auto number = string_field(src, "number");
  if (!number.present) errors.push_back("card_number_required");
  const bool number_ok = number.valid && number.value.size() >= 12 && number.value.size() <= 19 &&
                         luhn_valid(number.value);
  if (number.present && !number_ok) errors.push_back("card_number_invalid");
  read_expiry(src, "card_", out, errors);
  check_cvv(src, errors);
  const auto name = string_field(src, "name");
  if (name.bad()) errors.push_back("card_holder_invalid");
  if (number_ok) fill_card(out, number.value);
  out.name = name.value;
}

}  // namespace processor_sim::checkout_com
