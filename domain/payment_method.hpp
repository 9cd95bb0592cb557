#pragma once
// Payment methods as the connectors see them. Card data lives in secret<> so it cannot be
// printed by accident; masked() gives the only printable form of a card number.

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "domain/result.hpp"
#include "domain/secret.hpp"
#include "domain/status.hpp"

namespace cs::domain {

struct card {
  secret<std::string> number;
  int expiry_month = 0;
  int expiry_year = 0;  // four digits
  secret<std::string> cvc;
  std::string holder_name;
};

struct upi {
  std::string vpa;
};

// paypal: the payer's PayPal account, approved at PayPal (no token).
enum class wallet_type { apple_pay = 1, google_pay = 2, paypal = 3 };

struct wallet {
  wallet_type type = wallet_type::apple_pay;
  secret<std::string> token;
};

// A payment method the processor already holds, by its id (Stripe "pm_…").
struct processor_token {
  std::string value;
};

using payment_method = std::variant<std::monostate, card, upi, wallet, processor_token>;

// The kinds a connector declares it takes (its capabilities); the variant's alternatives.
enum class method_kind { card, upi, wallet, processor_token };
std::string_view to_string(method_kind k) noexcept;
// nullopt for an empty method.
std::optional<method_kind> kind_of(const payment_method& m) noexcept;

// "424242…4242": first six and last four digits, the rest hidden; short input shows only "…".
std::string masked_pan(std::string_view number);

// The shape every processor needs: 12-19 digit number, month 1-12, four-digit year, 3-4 digit
// CVC when present. Errors name `field`.number etc. and never echo the values.
status validate_card(const card& c, std::string_view field);

// Luhn check over digits only.
bool luhn_valid(std::string_view number) noexcept;

struct customer {
  std::string id;
  std::string email;
  std::string phone;
  std::string name;
  std::string ip_address;
};

struct redirect_data {
  std::string url;
  std::string method = "GET";
  std::map<std::string, std::string> form_fields;
};

struct processor_error {
  decline_code code = decline_code::unspecified;
  std::string processor_code;
  std::string processor_message;
  std::string decline_code_raw;
  bool retryable = false;
};

struct mandate {
  std::string mandate_id;
  std::string customer_id;
  mandate_status status = mandate_status::unspecified;
};

}  // namespace cs::domain
