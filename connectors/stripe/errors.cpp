#include "connectors/stripe/errors.hpp"

#include <fmt/format.h>

#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"
#include "connectors/stripe/status_map.hpp"
#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {
namespace {

using domain::error_code;
namespace reason = domain::reason;

struct error_body {
  bool json = false;
  std::string type, code, decline_code, message, param;
};

error_body read_error_body(simdjson::dom::element doc, std::string_view api_key) {
  error_body b;
  auto e = json::obj(doc, "error");
  if (!e) return b;
  b.json = true;
  b.type = scrub(json::str(*e, "type"), api_key);
  b.code = scrub(json::str(*e, "code"), api_key);
  b.decline_code = scrub(json::str(*e, "decline_code"), api_key);
  b.message = scrub(json::str(*e, "message"), api_key);
  b.param = scrub(json::str(*e, "param"), api_key);
  return b;
}

// " (invalid_request_error, code parameter_missing): Missing required param: amount."
std::string detail(const error_body& b) {
  std::string out;
  if (!b.type.empty() || !b.code.empty()) {
    out = " (" + b.type;
    if (!b.type.empty() && !b.code.empty()) out += ", ";
    if (!b.code.empty()) out += "code " + b.code;
    out += ")";
  }
  if (!b.message.empty()) out += ": " + b.message;
  return out;
}

domain::error classify(const domain::http_response& r, const error_body& b) {
  domain::error e;
  e.processor_code = b.code;
  e.processor_message = b.message;
  const int s = r.status;
  if (!b.json) {
    e.code = error_code::unavailable;
    e.reason = reason::bad_processor_reply;
    e.retryable = s >= 500 || s == 429 || s == 409;
    e.message = fmt::format("Stripe answered HTTP {} without a Stripe error object ({} bytes)", s,
                            r.body.size());
  } else if (b.type == "idempotency_error") {
    e.code = error_code::failed_precondition;
    e.reason = reason::processor_rejected;
    e.message = fmt::format(
        "Stripe refused the request (HTTP {}){}; the idempotency key was already used with "
        "other parameters: send a new key for a different request",
        s, detail(b));
  } else if (s == 401) {
    e.code = error_code::unauthenticated;
    e.reason = reason::processor_auth_failed;
    e.message = fmt::format("Stripe refused the API key (HTTP 401){}; check the api_key credential",
                            detail(b));
  } else if (s == 403) {
    e.code = error_code::permission_denied;
    e.reason = reason::processor_auth_failed;
    e.message = fmt::format(
        "Stripe refused the call for this API key (HTTP 403){}; a restricted key lacks the "
        "permission",
        detail(b));
  } else if (s == 404) {
    e.code = error_code::not_found;
    e.reason = reason::processor_rejected;
    e.message = fmt::format("Stripe does not know the object (HTTP 404){}", detail(b));
  } else if (s == 409) {
    e.code = error_code::unavailable;
    e.reason = reason::processor_rejected;
    e.retryable = true;
    e.message = fmt::format(
        "Stripe reported a conflict (HTTP 409){}; a concurrent request with the same idempotency "
        "key (or on the same object) is in flight: retry with the same key",
        detail(b));
  } else if (s == 429) {
    e.code = error_code::resource_exhausted;
    e.reason = reason::processor_rate_limited;
    e.retryable = true;
    e.message = fmt::format("Stripe rate-limited the request (HTTP 429){}", detail(b));
  } else if (s >= 500) {
    e.code = error_code::unavailable;
    e.reason = reason::processor_error;
    e.retryable = true;
    e.message = fmt::format("Stripe failed to process the request (HTTP {}){}", s, detail(b));
  } else if (s == 400 || b.type == "invalid_request_error") {
    e.code = error_code::invalid_argument;
    e.reason = reason::processor_rejected;
    if (!b.param.empty()) e.field = "stripe." + b.param;
    e.message = fmt::format("Stripe rejected the request (HTTP {}){}{}", s, detail(b),
                            b.param.empty() ? std::string()
                                            : fmt::format(" [Stripe form parameter '{}', named "
                                                          "in field as stripe.{}]",
                                                          b.param, b.param));
  } else {
    e.code = error_code::failed_precondition;
    e.reason = reason::processor_rejected;
    e.message = fmt::format("Stripe rejected the request (HTTP {}){}", s, detail(b));
  }
  // Stripe's own judgement wins (docs: "Stripe-Should-Retry").
  if (auto h = r.header("Stripe-Should-Retry"); h == "true" || h == "false")
    e.retryable = h == "true";
  if (auto id = r.header("Request-Id"); !id.empty())
    e.message += fmt::format(" [Request-Id {}]", id.substr(0, 64));
  return e;
}

}  // namespace

std::string scrub(std::string text, std::string_view api_key) {
  return connectors::scrub(std::move(text), api_key, {"sk_", "rk_", "whsec_"});
}

domain::processor_error decline_error(std::string_view code, std::string_view decline_code,
                                      std::string_view message, std::string_view api_key) {
  domain::processor_error pe;
  pe.code = map_decline(decline_code, code);
  pe.processor_code = scrub(std::string(code), api_key);
  pe.decline_code_raw = scrub(std::string(decline_code), api_key);
  pe.processor_message = scrub(std::string(message), api_key);
  pe.retryable = retryable_decline(decline_code, code);
  return pe;
}

domain::error error_from_response(const domain::http_response& r, std::string_view api_key) {
  auto doc = json::parse(r.body, "Stripe");
  error_body b;
  if (doc) b = read_error_body(*doc, api_key);
  return classify(r, b);
}

domain::result<reply> read_reply(const domain::http_response& r, std::string_view api_key,
                                 std::string_view embedded) {
  if (r.status >= 200 && r.status <= 299) {
    auto doc = json::parse(r.body, "Stripe");
    if (!doc) return doc.err();
    if (!doc->is_object()) {
      domain::error e;
      e.code = error_code::unavailable;
      e.reason = reason::bad_processor_reply;
      e.message = "Stripe answered with JSON that is not an object";
      return e;
    }
    return reply{*doc, std::nullopt};
  }
  auto doc = json::parse(r.body, "Stripe");
  if (r.status == 402 && doc) {
    if (auto e = json::obj(*doc, "error"); e && e->is_object()) {
      reply out;
      out.decline = decline_error(json::str(*e, "code"), json::str(*e, "decline_code"),
                                  json::str(*e, "message"), api_key);
      if (!embedded.empty())
        if (auto o = json::obj(*e, embedded); o && o->is_object()) out.object = *o;
      return out;
    }
  }
  error_body b;
  if (doc) b = read_error_body(*doc, api_key);
  return classify(r, b);
}

}  // namespace cs::connectors::stripe
