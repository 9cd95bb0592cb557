#pragma once
// Razorpay entities as JSON (shaped like the v1 API: unused members present as null, empty notes
// as [] like Razorpay), request-body field readers and the HMAC used for signatures.

#include "../sim_http.hpp"
#include "razorpay_state.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace processor_sim::razorpay {

std::int64_t unix_now();
// Lower-case hex HMAC-SHA256(key bytes, data), OpenSSL directly.
std::string hmac_sha256_hex(const std::string& key, const std::string& data);
// "<prefix>_" + 14 alphanumerics, like Razorpay ids ("pay_29QQoUBi66xm2f").
std::string new_id(const std::string& prefix);

boost::json::value or_null(const std::string& s);
boost::json::value opt_int(const std::optional<std::int64_t>& v);

boost::json::object order_json(const order& o);
boost::json::object payment_json(const payment& p, bool expand_card = false);
boost::json::object card_json(const card_details& c);
boost::json::object refund_json(const refund& r);
boost::json::object customer_json(const customer& c);
boost::json::object token_json(const token& t);
boost::json::object dispute_json(const dispute& d);
boost::json::object collection(boost::json::array items);

// Request body readers. A failure fills *err with Razorpay's error and returns nullopt.
std::optional<std::string> string_field(const boost::json::object& body, const std::string& key,
                                        bool required, sim_response* err);
// Integer or a string of digits ("50000"), like Razorpay accepts.
std::optional<std::int64_t> int_field(const boost::json::object& body, const std::string& key,
                                      bool required, sim_response* err);
// notes: an object of at most 15 keys; absent or {} becomes [] (Razorpay's empty notes).
std::optional<boost::json::value> notes_field(const boost::json::object& body, sim_response* err);
// true, 1, "1", "true".
bool truthy(const boost::json::value* v);

}  // namespace processor_sim::razorpay
