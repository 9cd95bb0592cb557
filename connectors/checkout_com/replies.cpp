#include "connectors/checkout_com/replies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "connectors/checkout_com/wire.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"

namespace cs::connectors::checkout_com {
namespace {

using domain::decline_code;
using domain::error_code;
using domain::payment_status;
namespace reason = domain::reason;

std::string clean(std::string text, std::string_view key) {
  return scrub(std::move(text), key, {"sk_", "pk_", "Bearer "});
}

// Checkout.com's words (status, error_type, error codes, response codes) are short and plain:
// letters, digits, spaces, dashes and underscores (request ids are UUIDs). Anything else must not
// travel on into results.
std::string word(std::string s) {
  bool plain = s.size() <= 60 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
                 return std::isalnum(c) != 0 || c == '_' || c == ' ' || c == '-';
               });
  return plain ? s : std::string();
}

struct error_body {
  bool json = false;
  std::string request_id, error_type, codes;
};

error_body error_body_of(const domain::http_response& r) {
  error_body b;
  auto doc = json::parse(r.body, wire::connector_name);
  if (!doc || !doc->is_object()) return b;
  b.json = true;
  b.request_id = word(json::str(*doc, "request_id"));
  b.error_type = word(json::str(*doc, "error_type"));
  simdjson::dom::array codes;
  if ((*doc)["error_codes"].get(codes) == simdjson::SUCCESS)
    for (auto c : codes) {
      std::string_view v;
      if (c.get(v) != simdjson::SUCCESS) continue;
      if (!b.codes.empty()) b.codes += ", ";
      b.codes += word(std::string(v));
    }
  return b;
}

domain::error error_of(const domain::http_response& r, std::string_view key) {
  auto b = error_body_of(r);
  domain::error e;
  e.processor_code = clean(b.error_type, key);
  std::string detail;
  if (!b.error_type.empty()) detail += " " + b.error_type;
  if (!b.codes.empty()) detail += " [" + b.codes + "]";
  if (!b.request_id.empty()) detail += " (request_id " + b.request_id + ")";
  const int s = r.status;
  if (s == 401) {
    e.code = error_code::unauthenticated;
    e.reason = reason::processor_auth_failed;
    detail += "; check the secret_key credential (NAS keys: sk_sbox_… / sk_…)";
  } else if (s == 403) {
    // The spec's 403s on captures, voids and refunds: "Capture not allowed", "Void not allowed",
    // "Refund not allowed" — the payment is not in a state for it; and a dispute action on a
    // dispute that no longer takes it.
    e.code = error_code::failed_precondition;
    e.reason = reason::processor_rejected;
    detail += "; the payment or dispute is not in a state that allows this action";
  } else if (s == 404) {
    e.code = error_code::not_found;
    e.reason = reason::processor_rejected;
  } else if (s == 409) {
    e.code = error_code::unavailable;
    e.reason = reason::processor_rejected;
    e.retryable = true;
  } else if (s == 429) {
    // Also "duplicate request detected": a request with the same Cko-Idempotency-Key in flight.
    e.code = error_code::resource_exhausted;
    e.reason = reason::processor_rate_limited;
    e.retryable = true;
  } else if (s >= 500 || !b.json) {
    e.code = error_code::unavailable;
    e.reason = b.json ? reason::processor_error : reason::bad_processor_reply;
    e.retryable = s >= 500;
  } else if (s == 400 || s == 422) {
    e.code = error_code::invalid_argument;
    e.reason = reason::processor_rejected;
  } else {
    e.code = error_code::failed_precondition;
    e.reason = reason::processor_rejected;
  }
  e.message = clean(fmt::format("Checkout.com answered HTTP {}{}", s, detail), key);
  return e;
}

struct status_row {
  std::string_view word;
  payment_status status;
};
// nas_spec Payment.yaml `status` (and Expired from the current API reference).
constexpr std::array<status_row, 12> statuses{{
    {"Pending", payment_status::pending},
    {"Authorized", payment_status::authorized},
    {"Card Verified", payment_status::authorized},
    {"Voided", payment_status::voided},
    {"Partially Captured", payment_status::partially_charged},
    {"Captured", payment_status::charged},
    {"Paid", payment_status::charged},
    // Refunds are their own objects: the payment stays charged.
    {"Partially Refunded", payment_status::charged},
    {"Refunded", payment_status::charged},
    {"Declined", payment_status::failure},
    {"Canceled", payment_status::failure},
    {"Expired", payment_status::expired},
}};

struct code_row {
  std::string_view code;
  decline_code decline;
};
// checkout.com/docs/developer-resources/codes/response-codes (the test cards of
// processors-next.md §2.8 use each of these).
constexpr std::array<code_row, 23> codes{{
    {"20001", decline_code::referral},
    {"20005", decline_code::generic},
    {"20012", decline_code::not_supported},
    {"20014", decline_code::invalid_card},
    {"20046", decline_code::invalid_card},
    {"20051", decline_code::insufficient_funds},
    {"20054", decline_code::expired_card},
    {"20057", decline_code::not_supported},
    {"20059", decline_code::fraud_suspected},
    {"20061", decline_code::limit_exceeded},
    {"20062", decline_code::blocked},
    {"20063", decline_code::blocked},
    {"20068", decline_code::issuer_unavailable},
    {"20078", decline_code::blocked},
    {"200N7", decline_code::incorrect_cvc},
    {"200R3", decline_code::blocked},
    {"20087", decline_code::incorrect_cvc},
    // 3-D Secure: the cardholder failed it, did not finish it in time, or the issuer wants it.
    {"20151", decline_code::authentication_failed},
    {"20152", decline_code::authentication_failed},
    {"20154", decline_code::authentication_required},
    {"30041", decline_code::lost_or_stolen},
    {"30043", decline_code::lost_or_stolen},
    {"30044", decline_code::blocked},
}};

// The response code of a declined payment or action as the processor_error.
// A short plain field of a reply (status word, response code or summary), scrubbed: a processor
// echoing the key must not pass it on.
std::string said(simdjson::dom::element e, std::string_view field, std::string_view key) {
  return clean(word(json::str(e, field)), key);
}

domain::processor_error decline_of(simdjson::dom::element e, std::string_view key) {
  domain::processor_error pe;
  auto code = said(e, "response_code", key);
  pe.code = code.empty() ? decline_code::generic : map_response_code(code);
  pe.processor_code = code;
  pe.decline_code_raw = code;
  pe.processor_message = said(e, "response_summary", key);
  pe.retryable = code.starts_with("20");  // soft declines may succeed later; 30xxx never
  return pe;
}

std::optional<domain::redirect_data> redirect_of(simdjson::dom::element payment) {
  auto links = json::obj(payment, "_links");
  if (!links) return std::nullopt;
  auto redirect = json::obj(*links, "redirect");
  if (!redirect) return std::nullopt;
  auto href = json::str(*redirect, "href");
  if (!href.starts_with("https://") && !href.starts_with("http://")) return std::nullopt;
  return domain::redirect_data{std::move(href), "GET", {}};
}

}  // namespace

domain::result<simdjson::dom::element> read_reply(const domain::http_response& r,
                                                  std::string_view secret_key) {
  if (r.status < 200 || r.status > 299) return error_of(r, secret_key);
  auto doc = json::parse(r.body, wire::connector_name);
  if (!doc) return doc.err();
  if (!doc->is_object())
    return domain::make_error(
        error_code::unavailable, reason::bad_processor_reply,
        fmt::format("Checkout.com answered HTTP {} without a JSON object", r.status));
  return *doc;
}

domain::result<simdjson::dom::element> read_list_reply(const domain::http_response& r,
                                                       std::string_view secret_key) {
  if (r.status < 200 || r.status > 299) return error_of(r, secret_key);
  auto doc = json::parse(r.body, wire::connector_name);
  if (!doc) return doc.err();
  if (!doc->is_array())
    return domain::make_error(
        error_code::unavailable, reason::bad_processor_reply,
        fmt::format("Checkout.com answered HTTP {} without a JSON array", r.status));
  return *doc;
}

payment_status map_payment_status(std::string_view status) noexcept {
  for (const auto& s : statuses)
    if (s.word == status) return s.status;
  return payment_status::unrecognized;
}

decline_code map_response_code(std::string_view code) noexcept {
  for (const auto& c : codes)
    if (c.code == code) return c.decline;
  if (code.starts_with("4")) return decline_code::fraud_suspected;  // 4xxxx: risk rules
  return decline_code::generic;                                     // 20xxx soft, 30xxx hard
}

domain::result<domain::payment_result> read_payment(simdjson::dom::element payment,
                                                    std::string_view merchant_reference,
                                                    std::string_view secret_key) {
  domain::payment_result p;
  p.connector_payment_id = json::str(payment, "id");
  if (p.connector_payment_id.empty() || !wire::check_payment_id(p.connector_payment_id, "id"))
    return domain::make_error(error_code::unavailable, reason::bad_processor_reply,
                              "Checkout.com's payment reply has no payment id");
  p.connector_operation_id = said(payment, "action_id", secret_key);
  p.processor_status = said(payment, "status", secret_key);
  p.status = map_payment_status(p.processor_status);
  p.merchant_reference = std::string(merchant_reference);
  auto currency = json::str(payment, "currency");
  if (auto a = json::int64(payment, "amount")) p.amount = wire::read_amount(*a, currency);
  if (auto balances = json::obj(payment, "balances"))
    if (auto captured = json::int64(*balances, "total_captured"); captured && *captured > 0)
      p.captured_amount = wire::read_amount(*captured, currency);
  if (p.status == payment_status::pending) {
    // 202 with _links.redirect: the payer authenticates (3-D Secure) first.
    p.redirect = redirect_of(payment);
    if (p.redirect) p.status = payment_status::authentication_pending;
  }
  if (json::text(payment, "approved") == "false" || p.status == payment_status::failure) {
    p.error = decline_of(payment, secret_key);
    if (p.status != payment_status::unrecognized) p.status = payment_status::failure;
  }
  return p;
}

std::string read_source_id(simdjson::dom::element payment) {
  auto source = json::obj(payment, "source");
  auto id = source ? json::str(*source, "id") : std::string();
  return wire::is_id(id, "src_") ? id : std::string();
}

domain::result<domain::refund_result> read_refund_action(simdjson::dom::element actions,
                                                         std::string_view refund_id,
                                                         std::string_view secret_key) {
  simdjson::dom::array list;
  if (actions.get(list) != simdjson::SUCCESS)
    return domain::make_error(error_code::unavailable, reason::bad_processor_reply,
                              "Checkout.com answered the payment's actions without an array");
  domain::refund_result r;
  r.connector_refund_id = std::string(refund_id);
  // Not listed (yet): Checkout.com accepted the refund (202) and lists it once processed.
  r.status = domain::refund_status::pending;
  r.processor_status = "Accepted";
  for (auto action : list) {
    if (!action.is_object() || json::str(action, "id") != refund_id) continue;
    auto type = said(action, "type", secret_key);
    if (type != "Refund")
      return domain::make_error(
          error_code::not_found, reason::processor_rejected,
          fmt::format("Checkout.com's action {} of this payment is {}, not a refund", refund_id,
                      type.empty() ? std::string("of no known type") : "a " + type));
    r.merchant_reference = json::str(action, "reference");
    r.processor_status = said(action, "response_summary", secret_key);
    auto approved = json::text(action, "approved");
    if (approved == "true") {
      r.status = domain::refund_status::success;
    } else if (approved == "false") {
      r.status = domain::refund_status::failure;
      r.error = decline_of(action, secret_key);
    }
    if (r.processor_status.empty()) r.processor_status = approved.empty() ? "Accepted" : "Refund";
    return r;
  }
  return r;
}

domain::status read_empty_reply(const domain::http_response& r, std::string_view secret_key) {
  if (r.status < 200 || r.status > 299) return error_of(r, secret_key);
  return domain::ok_status();
}

domain::result<std::string> read_action_id(simdjson::dom::element accepted) {
  auto id = word(json::str(accepted, "action_id"));
  if (!id.starts_with("act_"))
    return domain::make_error(error_code::unavailable, reason::bad_processor_reply,
                              "Checkout.com accepted the request without an action_id");
  return id;
}

}  // namespace cs::connectors::checkout_com
