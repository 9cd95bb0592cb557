#include "connectors/razorpay/order_lookup.hpp"

#include <fmt/format.h>

#include <boost/json/parse.hpp>
#include <boost/url/url.hpp>

#include "connectors/common/json.hpp"
#include "connectors/razorpay/errors.hpp"
#include "connectors/razorpay/objects.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

namespace {

// Settled or in progress: anything but a failure means the earlier attempt must not be repeated.
bool live(const payment_result& p) {
  return p.status != payment_status::failure && p.status != payment_status::unrecognized;
}

// payments of an expanded order: {"entity":"collection","items":[…]} (or a bare array).
std::optional<simdjson::dom::array> payments_of(simdjson::dom::element order) {
  auto field = order["payments"];
  if (field.error()) return std::nullopt;
  simdjson::dom::array items;
  if (field.get(items) == simdjson::SUCCESS) return items;
  if (field["items"].get(items) == simdjson::SUCCESS) return items;
  return std::nullopt;
}

}  // namespace

http_request find_orders(std::string_view receipt, const wire::keys& k) {
  boost::urls::url u("/v1/orders");
  u.params().append({"receipt", receipt});
  // Brackets are not allowed as such in a query (RFC 3986): sent encoded, as Razorpay's SDKs do.
  u.encoded_params().append({"expand%5B%5D", "payments"});
  return wire::get(std::string(u.buffer()), k);
}

result<existing_order> read_orders(const http_response& r, std::string_view key_secret,
                                   std::string_view receipt, const money& amount) {
  auto rep = read_reply(r, key_secret);
  if (!rep) return rep.err();
  simdjson::dom::array orders;
  if ((*rep->object)["items"].get(orders) != simdjson::SUCCESS)
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "Razorpay answered the order lookup without items, so whether an earlier "
                      "attempt charged is unknown: nothing was sent");
  existing_order out;
  // Razorpay lists the newest first; a live payment on any order with the receipt settles it.
  for (auto o : orders) {
    if (json::str(o, "receipt") != receipt) continue;  // the filter's match is not exact
    auto money_of = wire::read_money(o);
    if (!money_of || *money_of != amount)
      return make_error(
          error_code::failed_precondition, reason::processor_rejected,
          fmt::format("Razorpay order {} already carries receipt '{}' for {}, not {}: the same "
                      "merchant_reference or idempotency_key was used for another charge",
                      json::str(o, "id"), receipt,
                      money_of ? to_string(*money_of) : std::string("another amount"),
                      to_string(amount)));
    if (out.order_id.empty()) out.order_id = json::str(o, "id");
    if (auto pays = payments_of(o))
      for (auto p : *pays) {
        auto pr = read_payment(p, key_secret);
        if (live(pr) && !out.payment) {
          out.order_id = json::str(o, "id");
          out.payment = std::move(pr);
        }
      }
    if (!out.payment && json::str(o, "status") == "paid")
      return make_error(error_code::unavailable, reason::bad_processor_reply,
                        fmt::format("Razorpay order {} is paid but listed no paid payment; read "
                                    "it before charging again: nothing was sent",
                                    json::str(o, "id")));
  }
  return out;
}

std::string order_of_payment_request(const http_request& r) {
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  if (ec || !v.is_object()) return {};
  auto* id = v.as_object().if_contains("order_id");
  return id && id->is_string() ? std::string(id->as_string()) : std::string();
}

error payment_create_failed(error e, const http_response& r, std::string_view order_id) {
  if (r.status < 500 && e.reason != reason::bad_processor_reply) {
    e.message += fmt::format(
        " [Razorpay order {} exists; the payment create call failed: an order without a "
        "payment is harmless, retry the flow]",
        order_id);
    return e;
  }
  auto out = domain::outcome_unknown(fmt::format(
      "{} — the payment create may have charged: retry the call with the same idempotency_key "
      "or merchant_reference (it finds order {} and returns its payment instead of charging "
      "again), or read the order's payments",
      e.message, order_id));
  out.processor_code = std::move(e.processor_code);
  out.processor_message = std::move(e.processor_message);
  return out;
}

}  // namespace cs::connectors::razorpay
