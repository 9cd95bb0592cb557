#pragma once
// Ids, amounts and the superset JSON of each object: every field the simulator models, with
// "__typename", from which a query's selection set picks (gql::project).

#include "braintree_state.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>

namespace processor_sim::braintree {

// Legacy ids: 8 lower-case alphanumerics, as Braintree's transaction ids look.
std::string new_legacy_id();
// Braintree's nonce form: tokencc_bc_xxxxxx_xxxxxx_xxxxxx_xxxxxx_xxx.
std::string new_nonce();
std::string new_request_id();
std::string now_timestamp();         // 2026-01-04T10:11:12.000000Z
std::string date_in_days(int days);  // 2026-01-24
std::string xml_timestamp();         // 2026-01-04T10:11:12Z

// base64("<kind>_<legacy>") without padding, as Braintree's global ids look.
std::string global_id(const std::string& kind, const std::string& legacy);
// The "<kind>_<rest>" a global id decodes to, split at the first '_' ... for kinds without
// underscores; "paymentmethod_cc_x" gives {"paymentmethod", "cc_x"}. nullopt when not base64.
struct decoded_id {
  std::string kind, rest;
};
std::optional<decoded_id> decode_global_id(const std::string& id);

std::string base64(const std::string& raw);
// A webhook's bt_signature: "public_key|" + hex(HMAC-SHA1(SHA1(private_key), payload)).
std::string bt_signature(const std::string& public_key, const std::string& private_key,
                         const std::string& payload);

// Decimals of a currency's minor unit (ISO 4217; 2 unless listed).
int exponent(const std::string& currency);
// Braintree's Amount scalar ("10", "10.50", "10.500") in minor units; nullopt when malformed,
// negative or finer than the currency allows.
std::optional<std::int64_t> parse_amount(const std::string& text, const std::string& currency);
std::string format_amount(std::int64_t minor, const std::string& currency);
// The whole major units of an amount (what the sandbox's trigger ranges look at) and its
// hundredths ("2000.50" -> {2000, 50}).
struct major_units {
  std::int64_t whole = 0, hundredths = 0;
};
major_units major_of(std::int64_t minor, const std::string& currency);

boost::json::object money_json(std::int64_t minor, const std::string& currency);

// Superset objects. `nested` objects leave out their lists (refunds, disputes) so objects that
// point at each other stay finite.
struct store;
boost::json::object transaction_json(const transaction& t, const store& s, bool nested = false);
boost::json::object refund_json(const refund& r, const store& s);
boost::json::object dispute_json(const dispute& d, const store& s);
boost::json::object payment_method_json(const payment_method& pm);
boost::json::array status_history_json(const std::vector<status_event>& history,
                                       const std::string& currency);

}  // namespace processor_sim::braintree
