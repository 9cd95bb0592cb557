#pragma once
// Checkout.com's sandbox test cards (checkout.com/docs/testing/test-cards, processors-next.md
// §2.8): the response code and summary each one answers, the card the 3-D Secure challenge fails
// for, the scheme of a number and its fingerprint.

#include "checkout_com_state.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace processor_sim::checkout_com {

struct card_outcome {
  bool approved = true;
  std::string response_code = "10000", response_summary = "Approved";
};

struct test_card {
  const char* number;
  const char* response_code;
  const char* response_summary;
};

// The declining cards, in the order of the documentation's table.
const std::vector<test_card>& declining_cards();
// Approved unless the number is one of declining_cards().
card_outcome outcome_for(const std::string& number);
// The summary Checkout.com gives a response code ("" when the simulator does not know it).
std::string summary_for(const std::string& response_code);

// The shopper fails the 3-D Secure challenge with this card (sim's own choice).
inline constexpr const char* three_ds_failing_card = "4485040371536584";
inline constexpr const char* three_ds_failed_code = "20154";
// A refund of an amount ending in 05 is declined with this code (sim's own trigger).
inline constexpr const char* refund_declined_code = "20005";

bool luhn_valid(const std::string& digits);
// "Visa", "Mastercard", "Amex", "Discover", "JCB", "Diners Club International" or "Unknown".
std::string scheme_of(const std::string& number);
// 64 upper-case hex digits, the same for the same number during one run. Keyed with a random
// per-process key so that it is no plain hash of the card number.
std::string fingerprint_of(const std::string& number);

// Number, scheme, BIN, last 4 and fingerprint of `c` from a (valid) card number.
void fill_card(card& c, const std::string& number);
// The card's month is over (UTC).
bool expired(std::int64_t year, std::int64_t month);

// expiry_month and expiry_year of a request source into `out`, with the spec's error codes
// (`<prefix>expiry_month_required` / `_invalid`, the same for the year, `card_expired`).
void read_expiry(const boost::json::object& src, std::string_view prefix, card& out,
                 std::vector<std::string>& errors);
// A card source or card token request: number (Luhn), expiry, cvv and name, into `out`.
void read_card_details(const boost::json::object& src, card& out, std::vector<std::string>& errors);
// The payment_account_reference replies show for a network token: 29 characters, the same for
// the same number during one run (derived from the fingerprint: no plain function of the number).
std::string account_reference_of(const card& c);

}  // namespace processor_sim::checkout_com
