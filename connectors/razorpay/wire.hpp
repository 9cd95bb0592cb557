#pragma once
// Building blocks shared by the Razorpay flows (internal to this folder): credentials, the
// request envelope (Basic auth, JSON bodies), ids in paths, money, receipts and notes.

#include <simdjson.h>

#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "connectors/common/flow_steps.hpp"
#include "domain/connector.hpp"

namespace cs::connectors::razorpay::wire {

inline constexpr std::string_view connector_name = "razorpay";
// Razorpay's limits: receipt ≤ 40 characters; notes ≤ 15 pairs of ≤ 256 characters.
inline constexpr std::size_t max_receipt = 40;
inline constexpr std::size_t max_notes = 15;
inline constexpr std::size_t max_note_length = 256;

struct keys {
  std::string id;
  std::string secret;  // never in a message: errors and logs name the key, not the value
};

// key_id and key_secret, or UNAUTHENTICATED naming the one that is missing.
domain::result<keys> require_keys(const domain::credentials& creds);

// A request to api.razorpay.com with `Authorization: Basic base64(key_id:key_secret)`
// (sensitive). Bodies are JSON; GET and DELETE carry none.
domain::http_request post(std::string target, const boost::json::object& body, const keys& k);
domain::http_request patch(std::string target, const boost::json::object& body, const keys& k);
domain::http_request get(std::string target, const keys& k);
domain::http_request del(std::string target, const keys& k);

// "/v1/<collection>/<id>[/<action>]" with the segments encoded by Boost.URL.
std::string path(std::string_view collection, std::string_view id, std::string_view action = {});

// A Razorpay id ("pay_…", "rfnd_…"): the prefix, then letters and digits. Anything else is
// refused before it can reach a URL path.
domain::status check_id(std::string_view value, std::string_view field, std::string_view prefix,
                        std::string_view what);

std::string upper(std::string_view s);
// {"amount": 1000, "currency": "INR"} on a Razorpay entity → domain money.
std::optional<domain::money> read_money(simdjson::dom::element obj,
                                        std::string_view amount_key = "amount");

// The order or refund `receipt`: the merchant reference, or the idempotency key when there is
// none (keys longer than 40 characters become the first 40 hex digits of their SHA-256).
// A merchant reference longer than 40 characters is refused naming merchant_reference.
domain::result<std::string> receipt(std::string_view merchant_reference,
                                    std::string_view idempotency_key);

// Metadata that fits in notes next to merchant_reference (keys `referer` and `user_agent` are
// device data, not notes: they are left out).
domain::status check_notes(const std::map<std::string, std::string>& metadata);
boost::json::object notes(const std::map<std::string, std::string>& metadata,
                          std::string_view merchant_reference);

// POST /v1/orders body: {amount, currency, receipt, notes, payment_capture}. Capture is per order
// (payment_capture true = Razorpay captures on authorization).
boost::json::object order_body(const domain::money& amount, std::string_view receipt,
                               boost::json::object notes, bool auto_capture);

}  // namespace cs::connectors::razorpay::wire
