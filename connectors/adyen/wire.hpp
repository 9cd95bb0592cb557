#pragma once
// Building blocks shared by the Adyen flows (internal to this folder): credentials, the common
// request envelope, amounts, path segments and reply parsing.

#include <simdjson.h>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "connectors/common/flow_steps.hpp"
#include "domain/connector.hpp"

namespace cs::connectors::adyen::wire {

inline constexpr std::string_view connector_name = "adyen";
inline constexpr std::string_view disputes_base = "disputes";

struct auth {
  std::string api_key;
  std::string merchant_account;
};

domain::result<auth> require_auth(const domain::credentials& creds);

// The key Adyen receives: the domain key itself when it fits Adyen's 64-character limit,
// otherwise the hex SHA-256 of it (stable, so retries reuse it).
std::string idempotency_key(std::string_view domain_key);

// A JSON request to one of the Adyen hosts with the API key header; a POST also carries the
// idempotency key (header and http_request field).
domain::http_request make_request(domain::http_method method, std::string_view base,
                                  std::string target, const boost::json::object* body,
                                  const auth& a, std::string_view idempotency_key);

// {"currency", "value"} in Adyen's units for the currency (CLP and ISK with 2 decimals, CVE and
// IDR with none: currencies.hpp); an amount with no exact value there is refused naming `field`.
domain::result<boost::json::object> amount_json(const domain::money& m, std::string_view field,
                                                bool allow_zero = false);
// Adyen's {"currency", "value"} → domain money; nullopt when absent or not exact in ISO units.
std::optional<domain::money> read_amount(simdjson::dom::element e, std::string_view key = "amount");
std::optional<domain::money> to_money(std::int64_t adyen_value, std::string_view currency);

// Adyen references (pspReference, stored payment method ids) are letters and digits; anything
// else is refused before it can reach a URL path.
domain::status check_reference(std::string_view value, std::string_view field);

// "/payments/{psp}/{action}" with the segment encoded by Boost.URL.
std::string payment_path(std::string_view psp_reference, std::string_view action);

// The domain error for a non-2xx reply, or the parsed JSON of a 2xx reply. `api_key` is
// scrubbed from anything the processor echoed.
domain::result<simdjson::dom::element> parse_reply(const domain::http_response& r,
                                                   std::string_view api_key);

// The reference Adyen requires on /payments: the merchant reference, else the sent key.
std::string reference_or(std::string_view merchant_reference, std::string_view fallback);

}  // namespace cs::connectors::adyen::wire
