#include "connectors/razorpay/errors.hpp"

#include <fmt/format.h>

#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"
#include "connectors/razorpay/status_map.hpp"

namespace cs::connectors::razorpay {
namespace {

using domain::error_code;
namespace reason = domain::reason;

struct error_body {
  bool json = false;
  std::string code, description, source, step, reason, field, payment_id;
};

error_body read_error_body(simdjson::dom::element doc, std::string_view secret) {
  error_body b;
  auto e = json::obj(doc, "error");
  if (!e || !e->is_object()) return b;
  b.json = true;
  b.code = scrub(json::str(*e, "code"), secret);
  b.description = scrub(json::str(*e, "description"), secret);
  b.source = scrub(json::str(*e, "source"), secret);
  b.step = scrub(json::str(*e, "step"), secret);
  b.reason = scrub(json::str(*e, "reason"), secret);
  b.field = scrub(json::str(*e, "field"), secret);
  if (auto md = json::obj(*e, "metadata")) b.payment_id = json::str(*md, "payment_id");
  return b;
}

// "NA" is Razorpay's "not applicable" in source / step / reason (401s, unknown ids, plain
// request errors): no reason at all, never a decline.
bool applicable(const std::string& v) {
  return !v.empty() && v != "NA";
}

// A 400 about the payment rather than the request: Razorpay created the payment and it failed
// (metadata.payment_id), or the reason comes from the customer, bank or network.
bool is_decline(int status, const error_body& b) {
  if (status != 400 || b.code != "BAD_REQUEST_ERROR") return false;
  if (!b.payment_id.empty()) return true;
  return applicable(b.reason) && b.reason != "input_validation_failed" && applicable(b.source) &&
         b.source != "business" && b.source != "internal";
}

// " (BAD_REQUEST_ERROR, reason input_validation_failed): The amount must be atleast INR 1.00"
std::string detail(const error_body& b) {
  std::string out;
  if (!b.code.empty() || !b.reason.empty()) {
    out = " (" + b.code;
    if (!b.code.empty() && !b.reason.empty()) out += ", ";
    if (!b.reason.empty()) out += "reason " + b.reason;
    out += ")";
  }
  if (!b.description.empty()) out += ": " + b.description;
  return out;
}

domain::error classify(const domain::http_response& r, const error_body& b) {
  domain::error e;
  e.processor_code = b.code;
  e.processor_message = b.description;
  const int s = r.status;
  if (!b.json) {
    e.code = error_code::unavailable;
    e.reason = reason::bad_processor_reply;
    e.retryable = s >= 500 || s == 429 || s == 409;
    e.message = fmt::format("Razorpay answered HTTP {} without a Razorpay error object ({} bytes)",
                            s, r.body.size());
  } else if (s == 401) {
    e.code = error_code::unauthenticated;
    e.reason = reason::processor_auth_failed;
    e.message = fmt::format(
        "Razorpay refused the API key (HTTP 401){}; check the key_id and key_secret credentials",
        detail(b));
  } else if (s == 403) {
    e.code = error_code::permission_denied;
    e.reason = reason::processor_auth_failed;
    e.message = fmt::format(
        "Razorpay refused the call for this key (HTTP 403){}; the feature may not be enabled on "
        "the account",
        detail(b));
  } else if (s == 404 || (s == 400 && b.description.find("does not exist") != std::string::npos)) {
    // Razorpay answers an unknown id with 400 "The id provided does not exist".
    e.code = error_code::not_found;
    e.reason = reason::processor_rejected;
    e.message = fmt::format("Razorpay does not know the object (HTTP {}){}", s, detail(b));
  } else if (s == 409) {
    // A refund with the same X-Refund-Idempotency key is still being processed: the first one
    // may yet succeed, so the outcome is unknown until it finishes.
    e.code = error_code::unknown;
    e.reason = reason::outcome_unknown;
    e.retryable = true;
    e.message = fmt::format(
        "Razorpay reported a conflict (HTTP 409){}; a request with the same idempotency key is "
        "still in flight: retry with the same key to get its outcome",
        detail(b));
  } else if (s == 429) {
    e.code = error_code::resource_exhausted;
    e.reason = reason::processor_rate_limited;
    e.retryable = true;
    e.message = fmt::format("Razorpay rate-limited the request (HTTP 429){}", detail(b));
  } else if (s >= 500 || b.code == "GATEWAY_ERROR" || b.code == "SERVER_ERROR") {
    e.code = error_code::unavailable;
    e.reason = reason::processor_error;
    e.retryable = true;
    e.message = fmt::format("Razorpay failed to process the request (HTTP {}){}", s, detail(b));
  } else if (s == 400) {
    e.code = error_code::invalid_argument;
    e.reason = reason::processor_rejected;
    if (!b.field.empty()) e.field = "razorpay." + b.field;
    e.message = fmt::format("Razorpay rejected the request (HTTP 400){}{}", detail(b),
                            b.field.empty() ? std::string()
                                            : fmt::format(" [Razorpay field '{}', named in field "
                                                          "as razorpay.{}]",
                                                          b.field, b.field));
  } else {
    e.code = error_code::failed_precondition;
    e.reason = reason::processor_rejected;
    e.message = fmt::format("Razorpay rejected the request (HTTP {}){}", s, detail(b));
  }
  return e;
}

}  // namespace

std::string scrub(std::string text, std::string_view key_secret) {
  return connectors::scrub(std::move(text), key_secret);
}

domain::processor_error decline_error(std::string_view code, std::string_view description,
                                      std::string_view reason, std::string_view key_secret) {
  domain::processor_error pe;
  pe.code = map_decline(reason);
  pe.processor_code = scrub(std::string(code), key_secret);
  pe.decline_code_raw = scrub(std::string(reason), key_secret);
  pe.processor_message = scrub(std::string(description), key_secret);
  pe.retryable = retryable_decline(reason);
  return pe;
}

domain::error error_from_response(const domain::http_response& r, std::string_view key_secret) {
  auto doc = json::parse(r.body, "Razorpay");
  error_body b;
  if (doc) b = read_error_body(*doc, key_secret);
  return classify(r, b);
}

domain::result<reply> read_reply(const domain::http_response& r, std::string_view key_secret,
                                 call_kind kind) {
  auto doc = json::parse(r.body, "Razorpay");
  if (r.status >= 200 && r.status <= 299) {
    if (!doc) return doc.err();
    if (!doc->is_object())
      return domain::make_error(error_code::unavailable, reason::bad_processor_reply,
                                "Razorpay answered with JSON that is not an object");
    return reply{*doc, std::nullopt, {}};
  }
  error_body b;
  if (doc) b = read_error_body(*doc, key_secret);
  if (kind == call_kind::payment_create && is_decline(r.status, b)) {
    reply out;
    out.decline = decline_error(b.code, b.description, b.reason, {});
    out.payment_id = b.payment_id;
    return out;
  }
  return classify(r, b);
}

}  // namespace cs::connectors::razorpay
