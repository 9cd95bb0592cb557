// POST /tokens (nas_spec paths/tokens.yaml), authenticated with the PUBLIC key: an Apple Pay or
// Google Pay token (read as the simulator's test tokens, sim/wallet_tokens.hpp) or card details
// become a `tok_…` that stands for that card in one payment within 15 minutes.
#include "../wallet_tokens.hpp"
#include "checkout_com_cards.hpp"
#include "checkout_com_errors.hpp"
#include "checkout_com_fields.hpp"
#include "checkout_com_ids.hpp"
#include "checkout_com_sim.hpp"

#include <boost/json.hpp>

#include <cctype>

namespace processor_sim::checkout_com {
namespace {

constexpr auto token_life = std::chrono::minutes(15);  // "Tokens are single use and expire after
                                                       // 15 minutes" (paths/tokens.yaml)

// Token responses write the scheme in capitals ("VISA", the spec's example).
std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

sim_response simulator::create_token(const sim_request& req) {
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(req.body, ec);
  if (ec || !parsed.is_object()) {
    return error_reply(400, request_id_, "request_malformed", {"request_body_malformed"});
  }
  const auto& body = parsed.as_object();
  std::vector<std::string> errors;
  const auto type = string_field(body, "type");
  issued_token t;
  t.type = type.value;
  if (!type.present) {
    errors.push_back("token_type_required");
  } else if (type.value == "applepay" || type.value == "googlepay") {
    const auto* data = body.if_contains("token_data");
    if (!data || data->is_null()) {
      errors.push_back("token_data_required");
    } else {
      const auto decoded = type.value == "applepay" ? wallet::decode_apple_pay(*data)
                                                    : wallet::decode_google_pay(*data);
      if (!decoded || !luhn_valid(decoded.card->pan)) {
        errors.push_back("token_data_invalid");
      } else {
        fill_card(t.details, decoded.card->pan);
        t.details.expiry_month = decoded.card->expiry_month;
        t.details.expiry_year = decoded.card->expiry_year;
        // Google Pay PAN_ONLY is the card itself, not a network token.
        if (!decoded.card->pan_only) t.details.token_type = type.value;
      }
    }
  } else if (type.value == "card") {
    read_card_details(body, t.details, errors);
  } else {
    errors.push_back("token_type_invalid");
  }
  if (!errors.empty()) return validation_error(request_id_, errors);

  t.id = new_id("tok_");
  t.expires = std::chrono::system_clock::now() + token_life;
  const card& c = t.details;
  boost::json::object out{{"type", t.type},
                          {"token", t.id},
                          {"expires_on", iso_time(t.expires)},
                          {"expiry_month", c.expiry_month},
                          {"expiry_year", c.expiry_year},
                          {"scheme", upper(c.scheme)},
                          {"last4", c.last4},
                          {"bin", c.bin},
                          {"card_type", "Credit"},
                          {"card_category", "Consumer"},
                          {"issuer_country", "US"}};
  if (!c.name.empty()) out["name"] = c.name;
  tokens_[t.id] = std::move(t);
  return json_response(201, out);
}

}  // namespace processor_sim::checkout_com
