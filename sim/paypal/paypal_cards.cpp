#include "paypal_cards.hpp"

#include "paypal_errors.hpp"

#include <regex>
#include <utility>

namespace processor_sim::paypal {

card_outcome card_outcome_for(const std::string& number, const std::string& name, bool sca_always) {
  // The sandbox's rejection triggers, put in the card holder name; the code shows in
  // processor_response.response_code.
  static const std::pair<const char*, const char*> triggers[] = {
      {"CCREJECT-REFUSED", "0500"},    {"CCREJECT-SF", "9500"},   {"CCREJECT-EC", "5400"},
      {"CCREJECT-IF", "5120"},         {"CCREJECT-LS", "9520"},   {"CCREJECT-IA", "1330"},
      {"CCREJECT-BANK_ERROR", "5100"}, {"CCREJECT-CVV_F", "00N7"}};
  card_outcome out;
  for (const auto& [trigger, code] : triggers) {
    if (name == trigger) {
      out.declined = true;
      out.response_code = code;
    }
  }
  out.pending = name == "PENDING-REVIEW";  // (sim) a capture held for review
  out.needs_payer_action = sca_always || number == three_ds_card;
  return out;
}

std::string card_brand(const std::string& number) {
  if (number.empty()) return "UNKNOWN";
  if (number[0] == '4') return "VISA";
  if (number[0] == '5' || number.rfind("22", 0) == 0 || number.rfind("27", 0) == 0)
    return "MASTERCARD";
  if (number.rfind("34", 0) == 0 || number.rfind("37", 0) == 0) return "AMEX";
  if (number.rfind("6011", 0) == 0 || number.rfind("65", 0) == 0) return "DISCOVER";
  return "UNKNOWN";
}

bool luhn_valid(const std::string& number) {
  int sum = 0;
  bool twice = false;
  for (auto it = number.rbegin(); it != number.rend(); ++it) {
    int d = *it - '0';
    if (twice && (d *= 2) > 9) d -= 9;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

}  // namespace processor_sim::paypal

namespace processor_sim::paypal {
namespace {

std::string str(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

}  // namespace

std::optional<sim_response> read_card(const boost::json::object& card,
                                      const std::string& field_prefix, card_details* out) {
  static const std::regex number_re("^[0-9]{13,19}$"), expiry_re("^[0-9]{4}-(0[1-9]|1[0-2])$"),
      cvv_re("^[0-9]{3,4}$");
  auto missing = [&](const char* field) {
    return issue_error(400, "MISSING_REQUIRED_PARAMETER",
                       "A required field / parameter is missing.", field_prefix + field);
  };
  auto bad = [&](const char* field) {
    return issue_error(400, "INVALID_PARAMETER_SYNTAX",
                       "The value of a field does not conform to the expected format.",
                       field_prefix + field);
  };
  out->number = str(card, "number");
  out->expiry = str(card, "expiry");
  if (out->number.empty()) return missing("/number");
  if (!std::regex_match(out->number, number_re)) return bad("/number");
  if (out->expiry.empty()) return missing("/expiry");
  if (!std::regex_match(out->expiry, expiry_re)) return bad("/expiry");
  if (card.contains("security_code") && !std::regex_match(str(card, "security_code"), cvv_re)) {
    return bad("/security_code");
  }
  if (const auto* attrs = card.if_contains("attributes"); attrs && attrs->is_object()) {
    if (const auto* ver = attrs->as_object().if_contains("verification"); ver && ver->is_object()) {
      out->sca_always = str(ver->as_object(), "method") == "SCA_ALWAYS";
    }
  }
  out->name = str(card, "name");
  out->last4 = out->number.substr(out->number.size() - 4);
  out->brand = card_brand(out->number);
  return std::nullopt;
}

boost::json::object card_json(const card_details& card, bool with_expiry) {
  boost::json::object out{{"last_digits", card.last4}, {"brand", card.brand}, {"type", "CREDIT"}};
  if (!card.name.empty()) out["name"] = card.name;
  if (with_expiry && !card.expiry.empty()) out["expiry"] = card.expiry;
  return out;
}

}  // namespace processor_sim::paypal
