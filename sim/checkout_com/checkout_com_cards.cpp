#include "checkout_com_cards.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
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

}  // namespace processor_sim::checkout_com
