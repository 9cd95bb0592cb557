// PayPal's other way of checking a delivery: POST /v1/notifications/verify-webhook-signature
// (notifications_webhooks_v1), for accounts with webhook_verification = "api". PayPal answers
// {"verification_status": "SUCCESS" | "FAILURE"}; the events of a verified delivery are read by
// the same read_event as after the local check. Pure: the webhook actor makes the call.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "connectors/common/json.hpp"
#include "connectors/paypal/flow_parts.hpp"
#include "connectors/paypal/webhook_events.hpp"
#include "connectors/paypal/webhook_signature.hpp"
#include "connectors/paypal/wire.hpp"

namespace cs::connectors::paypal {
namespace {

constexpr std::string_view verify_path = "/v1/notifications/verify-webhook-signature";

domain::error bad_signature(std::string message) {
  return domain::make_error(domain::error_code::unauthenticated, domain::reason::bad_signature,
                            std::move(message));
}

domain::error no_verdict(const char* reason, std::string message) {
  auto e = domain::make_error(domain::error_code::unavailable, reason,
                              std::move(message) + "; PayPal will redeliver the webhook");
  e.retryable = true;
  return e;
}

// PayPal verifies the event it sent, so the body goes into the request as the JSON object it is,
// byte for byte: re-serialising it could reorder or reformat members (processors-next.md §1.7).
domain::status check_body(std::string_view body) {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  if (ec || !v.is_object())
    return domain::invalid_argument("body", "is not a PayPal webhook event (a JSON object)");
  return domain::ok_status();
}

domain::status check_delivery(const domain::webhook_request& req) {
  auto t = transmission_of(req.headers);
  if (!t) return std::move(t).err();
  return check_body(req.body);
}

domain::result<domain::http_request> verify_request(const domain::webhook_request& req,
                                                    const domain::credentials& creds) {
  auto t = transmission_of(req.headers);
  if (!t) return std::move(t).err();
  if (auto s = check_body(req.body); !s) return std::move(s).err();
  if (req.secret_key.reveal().empty())
    return domain::make_error(domain::error_code::unauthenticated,
                              domain::reason::missing_credentials,
                              "the merchant account's webhook_secret (the PayPal webhook id) is "
                              "not set: PayPal cannot verify the delivery without it");
  auto a = wire::require_auth(creds);
  if (!a) return std::move(a).err();
  boost::json::object fields{
      {"auth_algo", t->auth_algo},    {"cert_url", t->cert_url},
      {"transmission_id", t->id},     {"transmission_sig", t->signature},
      {"transmission_time", t->time}, {"webhook_id", req.secret_key.reveal()},
  };
  auto body = boost::json::serialize(fields);
  body.pop_back();  // the closing brace: webhook_event follows as the raw object
  body += R"(,"webhook_event":)";
  body += req.body;
  body += '}';
  // Not mutating and not deduplicated by PayPal: no PayPal-Request-Id, so the pool does not
  // repeat it once it may have been sent (a 5xx is simply no verdict: PayPal redelivers).
  auto r = wire::post(std::string(verify_path), nullptr, *a, "");
  r.body = std::move(body);
  r.step = "verify";
  return r;
}

domain::status read_verdict(const domain::http_response& r) {
  if (r.status == 200) {
    auto doc = json::parse(r.body, wire::connector_name);
    if (!doc)
      return no_verdict(domain::reason::bad_processor_reply,
                        "PayPal's verify-webhook-signature reply is not JSON");
    auto status = json::str(*doc, "verification_status");
    if (status == "SUCCESS") return domain::ok_status();
    if (status == "FAILURE")
      return bad_signature("PayPal did not verify the webhook (verification_status FAILURE)");
    // Whatever else is there is not echoed: it is no verdict, and not ours to show.
    return no_verdict(domain::reason::bad_processor_reply,
                      status.empty() ? "PayPal's verify-webhook-signature reply has no "
                                       "verification_status"
                                     : "PayPal's verify-webhook-signature reply has a "
                                       "verification_status other than SUCCESS or FAILURE");
  }
  // PayPal refused to judge the delivery's fields (malformed transmission headers): not verified.
  if (r.status == 400 || r.status == 422)
    return bad_signature(fmt::format(
        "PayPal refused to verify the webhook (HTTP {} on verify-webhook-signature)", r.status));
  // The token was refused twice (the actor renews it once): no verdict on the delivery itself.
  if (r.status == 401 || r.status == 403)
    return no_verdict(domain::reason::processor_auth_failed,
                      fmt::format("PayPal refused the account's access token (HTTP {} on "
                                  "verify-webhook-signature): check client_id and client_secret",
                                  r.status));
  return no_verdict(domain::reason::processor_error,
                    fmt::format("PayPal answered HTTP {} to verify-webhook-signature", r.status));
}

domain::result<domain::webhook_result> verified_events(const domain::webhook_request& req) {
  auto e = read_event(req.body);
  if (!e) return e.err();
  return domain::webhook_result{{std::move(*e)}, ""};
}

}  // namespace

const domain::webhook_verify_call verify_by_api{&check_delivery, &verify_request, &read_verdict,
                                                &verified_events};

}  // namespace cs::connectors::paypal
