#include "connectors/paypal/replies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <utility>

#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"
#include "connectors/paypal/wire.hpp"

namespace cs::connectors::paypal {
namespace {

using domain::decline_code;
using domain::payment_status;

std::string clean(std::string text, std::string_view token) {
  return scrub(std::move(text), token, {"A21AA", "Bearer "});
}

// The first details[] entry: PayPal's issue word, the field it names, its description.
struct detail {
  std::string issue, field, description;
};
detail first_detail(simdjson::dom::element body) {
  simdjson::dom::array details;
  if (body["details"].get(details) != simdjson::SUCCESS || details.size() == 0) return {};
  auto d = details.at(0).value();
  return {json::str(d, "issue"), json::str(d, "field"), json::str(d, "description")};
}

// PayPal's status words are upper-case letters and underscores; anything else is not a status
// (and must not travel on into results or errors).
bool status_word(std::string_view s) {
  return !s.empty() && s.size() <= 40 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || c == '_'; });
}

bool is_refusal(std::string_view issue) {
  return issue == "INSTRUMENT_DECLINED" || issue == "TRANSACTION_REFUSED";
}

domain::error error_of(const domain::http_response& r, std::string_view token) {
  std::string name, message, debug_id;
  detail d;
  if (auto doc = json::parse(r.body, wire::connector_name); doc) {
    name = json::str(*doc, "name");
    message = json::str(*doc, "message");
    debug_id = json::str(*doc, "debug_id");
    d = first_detail(*doc);
  }
  if (debug_id.empty()) debug_id = std::string(r.header("paypal-debug-id"));
  domain::error e;
  e.processor_code = clean(d.issue.empty() ? name : d.issue, token);
  e.message = clean(fmt::format("PayPal answered HTTP {} {}{}{}{}", r.status, name,
                                d.issue.empty() ? "" : " / " + d.issue,
                                d.description.empty() ? message : ": " + d.description,
                                debug_id.empty() ? "" : " (debug_id " + debug_id + ")"),
                    token);
  if (r.status == 400 || r.status == 422) {
    e.code = domain::error_code::invalid_argument;
    e.reason = domain::reason::processor_error;
    // PayPal names its own JSON path ("/purchase_units/@reference_id=='default'/amount"):
    // kept in the message, not as our field.
  } else if (r.status == 401 || r.status == 403) {
    e.code = domain::error_code::unauthenticated;
    e.reason = domain::reason::missing_credentials;
  } else if (r.status == 404) {
    e.code = domain::error_code::not_found;
    e.reason = domain::reason::processor_error;
  } else if (r.status == 409) {
    // PREVIOUS_REQUEST_IN_PROGRESS: the same PayPal-Request-Id is still being processed.
    e.code = domain::error_code::unavailable;
    e.reason = domain::reason::processor_error;
    e.retryable = true;
  } else {
    e.code = domain::error_code::unavailable;
    e.reason = domain::reason::processor_error;
    e.retryable = r.status >= 500 || r.status == 429;
  }
  return e;
}

const std::array<std::pair<std::string_view, decline_code>, 12> response_codes{{
    {"0500", decline_code::generic},                  // DO_NOT_HONOR
    {"5100", decline_code::generic},                  // GENERIC_DECLINE
    {"5110", decline_code::incorrect_cvc},            // CVV2_FAILURE
    {"5120", decline_code::insufficient_funds},       // INSUFFICIENT_FUNDS
    {"5400", decline_code::expired_card},             // EXPIRED_CARD
    {"1330", decline_code::invalid_card},             // INVALID_ACCOUNT
    {"9500", decline_code::fraud_suspected},          // SUSPECTED_FRAUD
    {"9520", decline_code::lost_or_stolen},           // LOST_OR_STOLEN
    {"00N7", decline_code::incorrect_cvc},            // CVV2_FAILURE_POSSIBLE_RETRY_WITH_CVV
    {"5180", decline_code::invalid_card},             // INVALID_OR_RESTRICTED_CARD
    {"5650", decline_code::authentication_required},  // SCA_REQUIRED
    {"9540", decline_code::blocked},                  // REFUSED_CARD
}};

domain::processor_error decline_of(simdjson::dom::element payment, std::string_view status) {
  domain::processor_error pe;
  std::string code;
  if (auto pr = json::obj(payment, "processor_response")) code = json::str(*pr, "response_code");
  pe.code = code.empty() ? decline_code::generic : map_response_code(code);
  // Processor text: scrubbed like every other (token-shaped words, card-number-like digits).
  pe.processor_code = clean(code, {});
  pe.processor_message = clean(fmt::format("PayPal answered status {}", status), {});
  return pe;
}

// The last element of purchase_units[0].payments.<kind>, if any.
std::optional<simdjson::dom::element> latest(simdjson::dom::element order, const char* kind) {
  simdjson::dom::array units, list;
  if (order["purchase_units"].get(units) != simdjson::SUCCESS || units.size() == 0)
    return std::nullopt;
  if (units.at(0)["payments"][kind].get(list) != simdjson::SUCCESS || list.size() == 0)
    return std::nullopt;
  return list.at(list.size() - 1).value();
}

std::optional<domain::money> completed_total(simdjson::dom::element order) {
  simdjson::dom::array units, captures;
  if (order["purchase_units"].get(units) != simdjson::SUCCESS || units.size() == 0 ||
      units.at(0)["payments"]["captures"].get(captures) != simdjson::SUCCESS)
    return std::nullopt;
  std::optional<domain::money> sum;
  for (auto c : captures) {
    if (json::str(c, "status") != "COMPLETED") continue;
    auto m = wire::read_money(c);
    if (!m) continue;
    if (!sum)
      sum = *m;
    else if (sum->currency == m->currency)
      sum->minor_amount += m->minor_amount;
  }
  return sum;
}

}  // namespace

std::string status_of(simdjson::dom::element object) {
  auto s = json::str(object, "status");
  return status_word(s) ? s : std::string();
}

domain::result<reply> read_reply(const domain::http_response& r, std::string_view access_token) {
  if (r.status >= 200 && r.status < 300) {
    if (r.body.empty()) return reply{};  // 204 (void with return=minimal)
    auto doc = json::parse(r.body, wire::connector_name);
    if (!doc) return doc.err();
    return reply{*doc, std::nullopt};
  }
  if (r.status == 422) {
    if (auto doc = json::parse(r.body, wire::connector_name); doc) {
      auto d = first_detail(*doc);
      if (is_refusal(d.issue)) {
        domain::processor_error pe;
        pe.code = decline_code::generic;
        pe.processor_code = clean(d.issue, access_token);
        pe.processor_message = clean(d.description, access_token);
        return reply{std::nullopt, std::move(pe)};
      }
    }
  }
  return error_of(r, access_token);
}

payment_status map_authorization_status(std::string_view s) noexcept {
  if (s == "CREATED") return payment_status::authorized;
  if (s == "CAPTURED") return payment_status::charged;
  if (s == "PARTIALLY_CAPTURED") return payment_status::partially_charged;
  if (s == "DENIED") return payment_status::failure;
  if (s == "VOIDED") return payment_status::voided;
  if (s == "EXPIRED") return payment_status::expired;
  if (s == "PENDING") return payment_status::pending;
  return payment_status::unrecognized;
}

payment_status map_capture_status(std::string_view s) noexcept {
  if (s == "COMPLETED" || s == "PARTIALLY_REFUNDED" || s == "REFUNDED")
    return payment_status::charged;
  if (s == "DECLINED" || s == "FAILED") return payment_status::failure;
  if (s == "PENDING") return payment_status::capture_pending;
  return payment_status::unrecognized;
}

domain::refund_status map_refund_status(std::string_view s) noexcept {
  if (s == "COMPLETED") return domain::refund_status::success;
  if (s == "PENDING") return domain::refund_status::pending;
  if (s == "FAILED" || s == "CANCELLED") return domain::refund_status::failure;
  return domain::refund_status::unrecognized;
}

decline_code map_response_code(std::string_view code) noexcept {
  for (auto& [c, d] : response_codes)
    if (c == code) return d;
  return decline_code::generic;
}

domain::result<order_view> read_order(simdjson::dom::element order,
                                      std::string_view merchant_reference) {
  order_view v;
  v.status = json::str(order, "status");
  v.intent = json::str(order, "intent");
  auto& p = v.payment;
  p.connector_payment_id = json::str(order, "id");
  p.processor_status = v.status;
  p.merchant_reference = std::string(merchant_reference);
  if (p.connector_payment_id.empty() || !status_word(v.status))
    return domain::make_error(domain::error_code::unavailable, domain::reason::bad_processor_reply,
                              "PayPal answered an order without id or status");
  simdjson::dom::array units;
  if (order["purchase_units"].get(units) == simdjson::SUCCESS && units.size() > 0) {
    p.amount = wire::read_money(units.at(0).value());
    if (p.merchant_reference.empty())
      p.merchant_reference = json::str(units.at(0).value(), "custom_id");
  }
  auto auth = latest(order, "authorizations");
  auto capture = latest(order, "captures");
  if (auth) v.authorization_id = json::str(*auth, "id");
  if (capture) v.capture_id = json::str(*capture, "id");
  v.captured_total = completed_total(order);
  p.captured_amount = v.captured_total;
  if (v.status == "PAYER_ACTION_REQUIRED") {
    p.status = payment_status::authentication_pending;
    simdjson::dom::array links;
    if (order["links"].get(links) == simdjson::SUCCESS)
      for (auto l : links)
        if (json::str(l, "rel") == "payer-action" || json::str(l, "rel") == "approve")
          p.redirect = domain::redirect_data{json::str(l, "href"), "GET", {}};
    return v;
  }
  if (capture) {
    auto s = json::str(*capture, "status");
    if (!status_word(s))
      return domain::make_error(domain::error_code::unavailable,
                                domain::reason::bad_processor_reply,
                                "PayPal answered a capture without a status");
    p.status = map_capture_status(s);
    p.processor_status = s;
    p.connector_operation_id = v.capture_id;
    if (auth && p.status == payment_status::charged &&
        map_authorization_status(json::str(*auth, "status")) == payment_status::partially_charged)
      p.status = payment_status::partially_charged;
    if (p.status == payment_status::failure) p.error = decline_of(*capture, s);
    return v;
  }
  if (auth) {
    auto s = json::str(*auth, "status");
    if (!status_word(s))
      return domain::make_error(domain::error_code::unavailable,
                                domain::reason::bad_processor_reply,
                                "PayPal answered an authorization without a status");
    p.status = map_authorization_status(s);
    p.processor_status = s;
    p.connector_operation_id = v.authorization_id;
    if (p.status == payment_status::failure) p.error = decline_of(*auth, s);
    return v;
  }
  // No payment yet: CREATED / APPROVED wait for the merchant; VOIDED ended without one.
  p.status = v.status == "VOIDED" ? payment_status::voided : payment_status::started;
  return v;
}

}  // namespace cs::connectors::paypal
