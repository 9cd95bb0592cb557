#pragma once
// Payment methods as the connectors see them. Card data lives in secret<> so it cannot be
// printed by accident; masked() gives the only printable form of a card number.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

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

// A wallet's encrypted token, passed through as it is (the processor decrypts it).
struct wallet {
  wallet_type type = wallet_type::apple_pay;
  secret<std::string> token;
  // Apple Pay's PKPaymentToken fields beside paymentData (optional; Stripe takes them).
  std::string network;
  std::string display_name;
  std::string transaction_id;

  static wallet of(wallet_type t, std::string token = {}) {
    wallet w;
    w.type = t;
    w.token = secret<std::string>(std::move(token));
    return w;
  }
};

// Where a network token's cryptogram comes from: a wallet the merchant decrypted, or a token
// service (Visa VTS, Mastercard MDES).
enum class token_origin { token_service, apple_pay, google_pay };

struct network_token {
  secret<std::string> number;  // the DPAN
  int expiry_month = 0;
  int expiry_year = 0;  // four digits
  secret<std::string> cryptogram;
  std::string eci;  // two digits
  std::string holder_name;
  token_origin origin = token_origin::token_service;
};

// A payment method the processor already holds, by its id (Stripe "pm_…").
struct processor_token {
  std::string value;
};

struct sepa_debit {
  secret<std::string> iban;  // normalized: upper case, no spaces
  std::string holder_name;
};

enum class bank_account_type { checking, savings };
enum class account_holder_type { individual, company };

struct ach_debit {
  secret<std::string> account_number;
  std::string routing_number;
  bank_account_type account_type = bank_account_type::checking;
  std::string holder_name;
  account_holder_type holder_type = account_holder_type::individual;
};

enum class bank_redirect_type { ideal, bancontact };

// A payment the shopper approves at their bank's page (iDEAL, Bancontact).
struct bank_redirect {
  bank_redirect_type type = bank_redirect_type::ideal;
  std::string bank;  // the processor's id of the shopper's bank; empty: the shopper picks
};

// Buy now, pay later: the shopper is redirected to the provider (Klarna).
struct bnpl {};

// UPI intent: the shopper's UPI app opens a upi://pay link (or scans it as a QR code).
struct upi_intent {};

using payment_method =
    std::variant<std::monostate, card, upi, wallet, processor_token, network_token, sepa_debit,
                 ach_debit, bank_redirect, bnpl, upi_intent>;

// The kinds a connector declares it takes (its capabilities), one per PaymentMethod arm; a
// decrypted Apple or Google Pay token is a network_token (arm apple_pay.decrypted …).
enum class method_kind {
  card,
  upi_collect,
  apple_pay,
  google_pay,
  paypal,
  processor_token,
  network_token,
  sepa_debit,
  ach_debit,
  ideal,
  bancontact,
  klarna,
  upi_intent,
};
inline constexpr method_kind every_method_kind[] = {
    method_kind::card,          method_kind::upi_collect, method_kind::apple_pay,
    method_kind::google_pay,    method_kind::paypal,      method_kind::processor_token,
    method_kind::network_token, method_kind::sepa_debit,  method_kind::ach_debit,
    method_kind::ideal,         method_kind::bancontact,  method_kind::klarna,
    method_kind::upi_intent};
// The kind's PaymentMethod arm name ("card", "upi_collect", "token", …).
std::string_view to_string(method_kind k) noexcept;
// nullopt for an empty method.
std::optional<method_kind> kind_of(const payment_method& m) noexcept;
// The arm a client set, e.g. "apple_pay.decrypted" for a decrypted Apple Pay token.
std::string_view arm_of(const payment_method& m) noexcept;

// "424242…4242": first six and last four digits, the rest hidden; short input shows only "…".
std::string masked_pan(std::string_view number);

// The shape every processor needs: 12-19 digit number, month 1-12, four-digit year, 3-4 digit
// CVC when present. Errors name `field`.number etc. and never echo the values.
status validate_card(const card& c, std::string_view field);

// A network token as processors need it: a Luhn-valid 12-19 digit number, month, four-digit year,
// a base64 cryptogram and a two-digit ECI. Errors name `field`.number etc., never the values.
status validate_network_token(const network_token& t, std::string_view field);

// Luhn check over digits only.
bool luhn_valid(std::string_view number) noexcept;

struct customer {
  std::string id;
  std::string email;
  std::string phone;
  std::string name;
  std::string ip_address;
  std::string user_agent;
};

struct address {
  std::string line1;
  std::string line2;
  std::string city;
  std::string postal_code;
  std::string state;
  std::string country;  // ISO 3166-1 alpha-2
};

struct line_item {
  std::string name;
  std::string sku;
  int quantity = 1;
  std::int64_t unit_amount = 0;  // minor units, tax included
  std::int64_t tax_amount = 0;
  int tax_rate_bps = 0;
  std::string product_url;
  std::string image_url;
};

struct order_details {
  std::vector<line_item> items;
  std::optional<address> billing;
  std::optional<address> shipping;
  std::string locale;
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
