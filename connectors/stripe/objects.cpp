#include "connectors/stripe/objects.hpp"

#include "connectors/common/json.hpp"
#include "connectors/stripe/errors.hpp"
#include "connectors/stripe/status_map.hpp"
#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {

using namespace domain;

namespace {

error no_object(std::string_view what) {
  error e;
  e.code = error_code::unavailable;
  e.reason = reason::bad_processor_reply;
  e.message = "Stripe answered without " + std::string(what) + ", so the outcome is unknown";
  return e;
}

}  // namespace

std::string merchant_reference_of(simdjson::dom::element obj) {
  auto md = json::obj(obj, "metadata");
  return md ? json::str(*md, "merchant_reference") : std::string();
}

std::optional<redirect_data> redirect_of(simdjson::dom::element intent) {
  auto next = json::obj(intent, "next_action");
  if (!next) return std::nullopt;
  // ACH with typed account numbers: the shopper confirms two microdeposits on Stripe's page.
  if (auto verify = json::obj(*next, "verify_with_microdeposits")) {
    auto url = json::str(*verify, "hosted_verification_url");
    if (url.empty()) return std::nullopt;
    return redirect_data{std::move(url), "GET", {}};
  }
  auto to_url = json::obj(*next, "redirect_to_url");
  if (!to_url) return std::nullopt;
  auto url = json::str(*to_url, "url");
  if (url.empty()) return std::nullopt;
  redirect_data r;
  r.url = std::move(url);
  r.method = "GET";
  return r;
}

payment_result read_payment_intent(simdjson::dom::element pi, std::string_view api_key) {
  payment_result p;
  p.connector_payment_id = json::str(pi, "id");
  p.processor_status = scrub(json::str(pi, "status"), api_key);
  p.connector_operation_id = json::str(pi, "latest_charge");
  p.amount = wire::read_money(pi);
  auto received = json::int64(pi, "amount_received");
  auto last_error = json::obj(pi, "last_payment_error");
  // Compared in Stripe's units: both amounts come from the same object.
  bool partial = received && json::int64(pi, "amount") && *received < *json::int64(pi, "amount");
  p.status = map_intent_status(p.processor_status, last_error.has_value(), partial);
  if (received && *received > 0 && p.amount)
    p.captured_amount = wire::to_money(*received, p.amount->currency);
  if (p.status == payment_status::authentication_pending) p.redirect = redirect_of(pi);
  if (last_error && p.status == payment_status::failure)
    p.error = decline_error(json::str(*last_error, "code"), json::str(*last_error, "decline_code"),
                            json::str(*last_error, "message"), api_key);
  p.merchant_reference = merchant_reference_of(pi);
  return p;
}

result<payment_result> payment_reply(const http_response& r, std::string_view api_key,
                                     std::string_view merchant_reference) {
  auto rep = read_reply(r, api_key, "payment_intent");
  if (!rep) return rep.err();
  payment_result p;
  if (rep->object) {
    p = read_payment_intent(*rep->object, api_key);
  } else if (!rep->decline) {
    return no_object("a PaymentIntent");
  }
  if (rep->decline) {
    // A 402 is a decline whatever state the embedded intent shows; the error object is the
    // most precise account of why.
    p.status = payment_status::failure;
    p.error = std::move(rep->decline);
    p.redirect.reset();
  } else if (p.connector_payment_id.empty() || p.processor_status.empty()) {
    return no_object("a PaymentIntent id and status");
  }
  if (p.merchant_reference.empty()) p.merchant_reference = std::string(merchant_reference);
  return p;
}

result<refund_result> refund_reply(const http_response& r, std::string_view api_key) {
  auto rep = read_reply(r, api_key);
  if (!rep) return rep.err();
  if (!rep->object) return no_object("a Refund");
  auto o = *rep->object;
  refund_result out;
  out.connector_refund_id = json::str(o, "id");
  out.processor_status = scrub(json::str(o, "status"), api_key);
  if (out.connector_refund_id.empty() || out.processor_status.empty())
    return no_object("a Refund id and status");
  out.status = map_refund_status(out.processor_status);
  out.connector_payment_id = json::str(o, "payment_intent");
  out.amount = wire::read_money(o);
  out.merchant_reference = merchant_reference_of(o);
  if (out.status == refund_status::failure) {
    processor_error pe;
    pe.processor_code = scrub(json::str(o, "failure_reason"), api_key);
    pe.processor_message = pe.processor_code;
    pe.code = decline_code::generic;
    out.error = std::move(pe);
  }
  return out;
}

result<dispute_result> dispute_reply(const http_response& r, std::string_view api_key) {
  auto rep = read_reply(r, api_key);
  if (!rep) return rep.err();
  if (!rep->object) return no_object("a Dispute");
  dispute_result d;
  d.dispute_id = json::str(*rep->object, "id");
  d.processor_status = scrub(json::str(*rep->object, "status"), api_key);
  if (d.dispute_id.empty() || d.processor_status.empty())
    return no_object("a Dispute id and status");
  d.status = map_dispute_status(d.processor_status);
  return d;
}

result<created> created_reply(const http_response& r, std::string_view api_key) {
  auto rep = read_reply(r, api_key);
  if (!rep) return rep.err();
  if (rep->decline) return created{{}, std::move(rep->decline)};
  auto id = rep->object ? json::str(*rep->object, "id") : std::string();
  if (id.empty()) return no_object("the id of the object it created");
  return created{std::move(id), std::nullopt};
}

}  // namespace cs::connectors::stripe
