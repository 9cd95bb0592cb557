// Sandbox outcomes: amount-triggered processor responses for transactions, card-triggered
// outcomes for verifications (developer.paypal.com/braintree/docs/reference/general/testing;
// processor-responses/authorization-responses for the texts and decline types).
#include "braintree_responses.hpp"

#include "braintree_objects.hpp"

#include <array>

namespace processor_sim::braintree {
namespace {

struct code_row {
  int code;
  std::string_view text;
  std::string_view type;  // SOFT / HARD
};
// Authorization responses: code, text, decline type.
constexpr std::array<code_row, 66> codes{{
    {2000, "Do Not Honor", "SOFT"},
    {2001, "Insufficient Funds", "SOFT"},
    {2002, "Limit Exceeded", "SOFT"},
    {2003, "Cardholder's Activity Limit Exceeded", "SOFT"},
    {2004, "Expired Card", "HARD"},
    {2005, "Invalid Credit Card Number", "HARD"},
    {2006, "Invalid Expiration Date", "HARD"},
    {2007, "No Account", "HARD"},
    {2008, "Card Account Length Error", "HARD"},
    {2009, "No Such Issuer", "HARD"},
    {2010, "Card Issuer Declined CVV", "HARD"},
    {2011, "Voice Authorization Required", "HARD"},
    {2012, "Processor Declined - Possible Lost Card", "HARD"},
    {2013, "Processor Declined - Possible Stolen Card", "HARD"},
    {2014, "Processor Declined - Fraud Suspected", "HARD"},
    {2015, "Transaction Not Allowed", "HARD"},
    {2016, "Duplicate Transaction", "SOFT"},
    {2017, "Cardholder Stopped Billing", "HARD"},
    {2018, "Cardholder Stopped All Billing", "HARD"},
    {2019, "Invalid Transaction", "HARD"},
    {2020, "Violation", "HARD"},
    {2021, "Security Violation", "HARD"},
    {2022, "Declined - Updated Cardholder Available", "HARD"},
    {2023, "Processor Does Not Support This Feature", "HARD"},
    {2024, "Card Type Not Enabled", "HARD"},
    {2025, "Set Up Error - Merchant", "SOFT"},
    {2026, "Invalid Merchant ID", "SOFT"},
    {2027, "Set Up Error - Amount", "HARD"},
    {2028, "Set Up Error - Hierarchy", "HARD"},
    {2029, "Set Up Error - Card", "HARD"},
    {2030, "Set Up Error - Terminal", "HARD"},
    {2031, "Encryption Error", "HARD"},
    {2032, "Surcharge Not Permitted", "HARD"},
    {2033, "Inconsistent Data", "HARD"},
    {2034, "No Action Taken", "SOFT"},
    {2035, "Partial Approval For Amount In Group III Version", "SOFT"},
    {2036, "Authorization could not be found", "HARD"},
    {2037, "Already Reversed", "HARD"},
    {2038, "Processor Declined", "SOFT"},
    {2039, "Invalid Authorization Code", "HARD"},
    {2040, "Invalid Store", "SOFT"},
    {2041, "Declined - Call For Approval", "HARD"},
    {2042, "Invalid Client ID", "SOFT"},
    {2043, "Error - Do Not Retry, Call Issuer", "HARD"},
    {2044, "Declined - Call Issuer", "HARD"},
    {2045, "Invalid Merchant Number", "HARD"},
    {2046, "Declined", "SOFT"},
    {2047, "Call Issuer. Pick Up Card", "HARD"},
    {2048, "Invalid Amount", "SOFT"},
    {2049, "Invalid SKU Number", "HARD"},
    {2050, "Invalid Credit Plan", "HARD"},
    {2051, "Credit Card Number does not match method of payment", "HARD"},
    {2053, "Card reported as lost or stolen", "HARD"},
    {2054, "Reversal amount does not match authorization amount", "HARD"},
    {2055, "Invalid Transaction Division Number", "HARD"},
    {2056, "Transaction amount exceeds the transaction division limit", "HARD"},
    {2057, "Issuer or Cardholder has put a restriction on the card", "SOFT"},
    {2058, "Merchant not Mastercard SecureCode enabled", "HARD"},
    {2059, "Address Verification Failed", "SOFT"},
    {2060, "Address Verification and Card Security Code Failed", "SOFT"},
    {2061, "Invalid Transaction Data", "HARD"},
    {2062, "Invalid Tax Amount", "HARD"},
    {2064, "Invalid Currency Code", "HARD"},
    {2065, "Refund Time Limit Exceeded", "HARD"},
    {2099, "Cardholder Authentication Required", "SOFT"},
    {3000, "Processor Network Unavailable - Try Again", "SOFT"},
}};

}  // namespace

processor_answer approved_answer() {
  return {"1000", "Approved", ""};
}

processor_answer processor_response(int code) {
  for (const auto& row : codes) {
    if (row.code == code)
      return {std::to_string(code), std::string(row.text), std::string(row.type)};
  }
  // A 2000-range code the table does not name (sim's own choice of text and type).
  return {std::to_string(code), "Processor Declined", ""};
}

outcome authorization_outcome(std::int64_t minor, const std::string& currency) {
  const major_units m = major_of(minor, currency);
  outcome o;
  if (m.whole >= 2000 && m.whole <= 2999) {
    o.status = "PROCESSOR_DECLINED";
    o.answer = processor_response(static_cast<int>(m.whole));
  } else if (m.whole == 3000) {
    o.status = "FAILED";
    o.answer = processor_response(3000);
  } else if (m.whole == 5001 && m.hundredths == 0) {
    o.status = "GATEWAY_REJECTED";
    o.rejection = "APPLICATION_INCOMPLETE";
  } else {
    o.status = "AUTHORIZED";
    o.answer = approved_answer();
    if (m.whole == 4001) o.settlement = "SETTLEMENT_DECLINED";
  }
  return o;
}

std::optional<outcome> verification_outcome(const std::string& number) {
  // "Card numbers for unsuccessful verifications" of the sandbox testing page.
  static constexpr std::array<std::string_view, 5> declined{"4000111111111115", "5105105105105100",
                                                            "378734493671000", "6011000990139424",
                                                            "38520000009814"};
  outcome o;
  for (auto n : declined) {
    if (n == number) {
      o.status = "PROCESSOR_DECLINED";
      o.answer = processor_response(2000);
      return o;
    }
  }
  if (number == "3566002020360505") {
    o.status = "FAILED";
    o.answer = processor_response(3000);
    return o;
  }
  return std::nullopt;
}

std::string brand_of(const std::string& number) {
  if (number.starts_with("4")) return "VISA";
  if (number.starts_with("34") || number.starts_with("37")) return "AMERICAN_EXPRESS";
  if (number.starts_with("5") || number.starts_with("2")) return "MASTERCARD";
  if (number.starts_with("6011") || number.starts_with("65")) return "DISCOVER";
  if (number.starts_with("35")) return "JCB";
  if (number.starts_with("36") || number.starts_with("38") || number.starts_with("30")) {
    return "DINERS";
  }
  return "UNKNOWN";
}

bool luhn_valid(const std::string& number) {
  if (number.size() < 12 || number.size() > 19) return false;
  int sum = 0;
  bool twice = false;
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int d = *it - '0';
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace processor_sim::braintree
