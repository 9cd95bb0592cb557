// Two payment sources of POST /payments: `token` (a tok_ from POST /tokens stands for its card,
// once and for 15 minutes; any other well-formed tok_ for the approving Visa) and `network_token`
// (nas_spec 04_PaymentRequestNetworkTokenSource: a DPAN with its cryptogram and ECI, e.g. a
// decrypted Apple Pay or Google Pay token). Either is then decided by its number like a card.
#include "../wallet_tokens.hpp"
#include "checkout_com_cards.hpp"
#include "checkout_com_fields.hpp"
#include "checkout_com_sim.hpp"

#include <array>
#include <ctime>

namespace processor_sim::checkout_com {
namespace {

constexpr std::array<std::string_view, 4> token_types{"vts", "mdes", "applepay", "googlepay"};

bool is_token_type(const std::string& s) {
  for (auto t : token_types) {
    if (t == s) return true;
  }
  return false;
}

std::int64_t next_years_end() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return tm.tm_year + 1900 + 3;
}

// A required string member: "<name>_required" when absent, "<name>_invalid" when `ok` fails.
field<std::string> required_string(const boost::json::object& src, std::string_view name,
                                   bool required, bool (*ok)(const std::string&),
                                   std::vector<std::string>& errors) {
  auto f = string_field(src, name);
  if (!f.present && required) errors.push_back(std::string(name) + "_required");
  if (f.present && !(f.valid && ok(f.value))) {
    errors.push_back(std::string(name) + "_invalid");
    f.valid = false;
  }
  return f;
}

}  // namespace

void simulator::read_token(const boost::json::object& src, payment& p,
                           std::vector<std::string>& errors) {
  const auto token = string_field(src, "token");
  if (!token.present) {
    errors.push_back("token_required");
    return;
  }
  if (!token.valid || !is_id(token.value, "tok_")) {
    errors.push_back("token_invalid");
    return;
  }
  auto it = tokens_.find(token.value);
  if (it == tokens_.end()) {
    // Not one this simulator issued (e.g. made by Frames in a test): it stands for the approving
    // Visa test card (sim's own choice).
    fill_card(p.details, "4242424242424242");
    p.details.expiry_month = 12;
    p.details.expiry_year = next_years_end();
    return;
  }
  const issued_token& t = it->second;
  if (t.used) {
    errors.push_back("token_used");
  } else if (t.expires <= std::chrono::system_clock::now()) {
    errors.push_back("token_expired");
  } else {
    p.details = t.details;
    p.token_id = t.id;
  }
}

void simulator::read_network_token(const boost::json::object& src, const boost::json::object& body,
                                   payment& p, std::vector<std::string>& errors) {
  // The spec: cryptogram and eci are optional for a merchant-initiated follow-up
  // (previous_payment_id without 3-D Secure).
  const auto* three_ds = body.if_contains("3ds");
  const bool three_ds_on =
      three_ds && three_ds->is_object() && bool_field(three_ds->as_object(), "enabled").value;
  const bool follow_up = string_field(body, "previous_payment_id").valid && !three_ds_on;

  const auto number = required_string(
      src, "token", true,
      [](const std::string& s) { return s.size() >= 12 && s.size() <= 19 && luhn_valid(s); },
      errors);
  read_expiry(src, "", p.details, errors);
  const auto type = required_string(src, "token_type", true, is_token_type, errors);
  required_string(
      src, "cryptogram", !follow_up,
      [](const std::string& s) { return s.size() <= 50 && wallet::base64_decode(s).has_value(); },
      errors);
  required_string(
      src, "eci", !follow_up,
      [](const std::string& s) { return !s.empty() && s.size() <= 2 && all_digits(s); }, errors);
  check_cvv(src, errors);
  const auto name = string_field(src, "name");
  if (name.bad()) errors.push_back("card_holder_invalid");
  if (number.valid) fill_card(p.details, number.value);
  p.details.name = name.value;
  p.details.token_type = type.value;
}

}  // namespace processor_sim::checkout_com
