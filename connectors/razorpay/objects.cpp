#include "connectors/razorpay/objects.hpp"

#include <algorithm>
#include <cctype>

#include "connectors/common/json.hpp"
#include "connectors/razorpay/errors.hpp"
#include "connectors/razorpay/status_map.hpp"
#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

namespace {

error no_object(std::string_view what) {
  return make_error(
      error_code::unavailable, reason::bad_processor_reply,
      "Razorpay answered without " + std::string(what) + ", so the outcome is unknown");
}

mandate_status mandate_of(payment_status s) {
  switch (s) {
    case payment_status::authorized:
    case payment_status::charged:
    case payment_status::auto_refunded:
      return mandate_status::active;
    case payment_status::failure:
      return mandate_status::failed;
    default:
      return mandate_status::pending;
  }
}

}  // namespace

std::string merchant_reference_of(simdjson::dom::element obj) {
  auto notes = json::obj(obj, "notes");  // an empty object is sent as [] by Razorpay
  return notes ? json::str(*notes, "merchant_reference") : std::string();
}

payment_result read_payment(simdjson::dom::element pay, std::string_view key_secret) {
  payment_result p;
  p.connector_payment_id = json::str(pay, "id");
  p.processor_status = scrub(json::str(pay, "status"), key_secret);
  p.connector_operation_id = json::str(pay, "order_id");
  p.amount = wire::read_money(pay);
  const bool captured = json::text(pay, "captured") == "true";
  p.status = map_payment_status(p.processor_status, captured);
  if (p.amount && (p.status == payment_status::charged)) p.captured_amount = p.amount;
  if (p.status == payment_status::failure)
    p.error = decline_error(json::str(pay, "error_code"), json::str(pay, "error_description"),
                            json::str(pay, "error_reason"), key_secret);
  if (auto token = json::str(pay, "token_id"); !token.empty())
    p.mandate = mandate{token, json::str(pay, "customer_id"), mandate_of(p.status)};
  p.merchant_reference = merchant_reference_of(pay);
  return p;
}

result<payment_result> payment_reply(const http_response& r, std::string_view key_secret,
                                     std::string_view merchant_reference) {
  auto rep = read_reply(r, key_secret);
  if (!rep) return rep.err();
  auto p = read_payment(*rep->object, key_secret);
  if (p.connector_payment_id.empty() || p.processor_status.empty())
    return no_object("a payment id and status");
  if (p.merchant_reference.empty()) p.merchant_reference = std::string(merchant_reference);
  return p;
}

refund_result read_refund(simdjson::dom::element o) {
  refund_result out;
  out.connector_refund_id = json::str(o, "id");
  out.processor_status = json::str(o, "status");
  out.status = map_refund_status(out.processor_status);
  out.connector_payment_id = json::str(o, "payment_id");
  out.amount = wire::read_money(o);
  out.merchant_reference = merchant_reference_of(o);
  if (out.status == refund_status::failure) {
    processor_error pe;
    pe.code = decline_code::generic;
    pe.processor_code = "refund_failed";
    pe.processor_message = "Razorpay could not process the refund";
    out.error = std::move(pe);
  }
  return out;
}

result<refund_result> refund_reply(const http_response& r, std::string_view key_secret) {
  auto rep = read_reply(r, key_secret);
  if (!rep) return rep.err();
  auto out = read_refund(*rep->object);
  out.processor_status = scrub(std::move(out.processor_status), key_secret);
  if (out.connector_refund_id.empty() || out.processor_status.empty())
    return no_object("a refund id and status");
  return out;
}

dispute_result read_dispute(simdjson::dom::element o) {
  dispute_result d;
  d.dispute_id = json::str(o, "id");
  d.processor_status = json::str(o, "status");
  d.status = map_dispute_status(d.processor_status);
  return d;
}

result<dispute_result> dispute_reply(const http_response& r, std::string_view key_secret) {
  auto rep = read_reply(r, key_secret);
  if (!rep) return rep.err();
  auto d = read_dispute(*rep->object);
  d.processor_status = scrub(std::move(d.processor_status), key_secret);
  if (d.dispute_id.empty() || d.processor_status.empty())
    return no_object("a dispute id and status");
  return d;
}

result<std::string> created_id(const http_response& r, std::string_view key_secret,
                               std::string_view what) {
  auto rep = read_reply(r, key_secret);
  if (!rep) return rep.err();
  auto id = json::str(*rep->object, "id");
  if (id.empty()) return no_object("the id of the " + std::string(what) + " it created");
  // The id goes into later requests' paths and bodies and into messages: it must look like one
  // ("order_…": letters and digits) and never carry the key (found by fuzz_razorpay_replies).
  bool shaped = id.size() <= 64 && std::all_of(id.begin(), id.end(), [](unsigned char c) {
                  return std::isalnum(c) != 0 || c == '_';
                });
  if (!shaped || (!key_secret.empty() && id.find(key_secret) != std::string::npos))
    return no_object("a well-formed id of the " + std::string(what) + " it created");
  return id;
}

result<payment_created> payment_create_reply(const http_response& r, std::string_view key_secret) {
  auto rep = read_reply(r, key_secret, call_kind::payment_create);
  if (!rep) return rep.err();
  payment_created out;
  if (rep->decline) {
    out.decline = std::move(rep->decline);
    out.payment_id = std::move(rep->payment_id);
    return out;
  }
  out.payment_id = json::str(*rep->object, "razorpay_payment_id");
  if (out.payment_id.empty()) return no_object("razorpay_payment_id");
  simdjson::dom::array next;
  if (!(*rep->object)["next"].get_array().get(next))
    for (auto step : next) {
      const auto action = json::str(step, "action");
      auto url = json::str(step, "url");
      if (url.empty()) continue;
      if (action == "redirect" && !out.redirect) {
        out.redirect = redirect_data{std::move(url), "GET", {}};
      } else if (action == "intent" && out.intent_link.empty()) {
        // Only a UPI payment link goes to the shopper's app.
        if (url.starts_with("upi://")) out.intent_link = std::move(url);
      }
    }
  return out;
}

}  // namespace cs::connectors::razorpay
