#include "connectors/adyen/errors.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"

namespace cs::connectors::adyen {
namespace {

using domain::error_code;
namespace reason = domain::reason;

struct adyen_error_body {
  std::string error_code;
  std::string message;
  std::string error_type;
  std::string psp_reference;
};

adyen_error_body read_body(const domain::http_response& r, std::string_view api_key) {
  adyen_error_body b;
  auto doc = json::parse(r.body, "adyen");
  if (!doc) return b;  // an HTML error page or nothing: the HTTP status still tells enough
  b.error_code = scrub(json::text(*doc, "errorCode"), api_key);
  b.message = scrub(json::str(*doc, "message"), api_key);
  b.error_type = scrub(json::str(*doc, "errorType"), api_key);
  // Often 16 digits (not a card number, so not scrubbed): kept only when it looks like one, and
  // never when it carries the key.
  b.psp_reference = json::str(*doc, "pspReference");
  bool shaped = !b.psp_reference.empty() && b.psp_reference.size() <= 32 &&
                std::all_of(b.psp_reference.begin(), b.psp_reference.end(),
                            [](unsigned char c) { return std::isalnum(c) != 0; });
  if (!shaped || (!api_key.empty() && b.psp_reference.find(api_key) != std::string::npos))
    b.psp_reference.clear();
  return b;
}

// " (errorCode 101, validation): Invalid card number" or "" when Adyen said nothing.
std::string detail(const adyen_error_body& b) {
  std::string out;
  if (!b.error_code.empty() || !b.error_type.empty()) {
    out = " (";
    if (!b.error_code.empty()) out += "errorCode " + b.error_code;
    if (!b.error_code.empty() && !b.error_type.empty()) out += ", ";
    out += b.error_type;
    out += ")";
  }
  if (!b.message.empty()) out += ": " + b.message;
  return out;
}

}  // namespace

domain::error error_from_response(const domain::http_response& r, std::string_view api_key) {
  auto body = read_body(r, api_key);
  domain::error e;
  e.processor_code = body.error_code;
  e.processor_message = body.message;
  const int s = r.status;
  if (s == 401 || s == 403) {
    e.code = error_code::unauthenticated;
    e.reason = reason::processor_auth_failed;
    e.message = fmt::format(
        "Adyen refused the credentials (HTTP {}){}; check the api_key credential, its API "
        "roles and that it belongs to the merchant_account",
        s, detail(body));
  } else if (s == 422 && r.header("Transient-Error") == "true") {
    // 704 for a key whose first request Adyen is still processing: that request's outcome is
    // not known yet (the same key with another body has no such header and stays a rejection).
    e.code = error_code::unknown;
    e.reason = reason::outcome_unknown;
    e.retryable = true;
    e.message = fmt::format(
        "Adyen is still processing a request with this idempotency key (HTTP 422){}; its outcome "
        "is not known yet, retry with the same key",
        detail(body));
  } else if (s == 400 || s == 422) {
    e.code = error_code::invalid_argument;
    e.reason = reason::processor_rejected;
    e.message = fmt::format("Adyen rejected the request (HTTP {}){}", s, detail(body));
  } else if (s == 409) {
    // "Resource is locked": another request with this key or on this payment is in flight.
    e.code = error_code::unavailable;
    e.reason = reason::processor_error;
    e.retryable = r.header("Transient-Error") == "true";
    e.message = fmt::format("Adyen reported a conflict (HTTP 409){}{}", detail(body),
                            e.retryable ? "; it is transient, retry with the same key" : "");
  } else if (s == 429) {
    e.code = error_code::resource_exhausted;
    e.reason = reason::processor_rate_limited;
    e.retryable = true;
    e.message = fmt::format("Adyen rate-limited the request (HTTP 429){}", detail(body));
  } else if (s >= 500 && s <= 599) {
    e.code = error_code::unavailable;
    e.reason = reason::processor_error;
    e.retryable = true;
    e.message = fmt::format("Adyen failed to process the request (HTTP {}){}", s, detail(body));
  } else if (s == 404) {
    e.code = error_code::not_found;
    e.reason = reason::processor_rejected;
    e.message = fmt::format("Adyen does not know the resource (HTTP 404){}", detail(body));
  } else if (s >= 400 && s <= 499) {
    e.code = error_code::failed_precondition;
    e.reason = reason::processor_rejected;
    e.message = fmt::format("Adyen rejected the request (HTTP {}){}", s, detail(body));
  } else {
    e.code = error_code::unavailable;
    e.reason = reason::bad_processor_reply;
    e.message = fmt::format("Adyen answered with unexpected HTTP status {}", s);
  }
  if (!body.psp_reference.empty())
    e.message += fmt::format(" [pspReference {}]", body.psp_reference);
  return e;
}

}  // namespace cs::connectors::adyen
