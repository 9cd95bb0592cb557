#pragma once
// Building blocks shared by the Braintree flows (internal to this folder): the credentials, the
// GraphQL request envelope (POST /graphql, Basic auth, Braintree-Version, {query, variables}),
// and the two id forms Braintree uses (global ids for node(), legacy ids in webhooks).

#include <boost/json.hpp>

#include <string>
#include <string_view>

#include "domain/connector.hpp"

namespace cs::connectors::braintree::wire {

inline constexpr std::string_view connector_name = "braintree";
// The API version every call pins (graphql.braintreepayments.com guides and their curl examples
// send 2019-01-01; the SDK's own 2018-09-10 predates the schema's current field set).
inline constexpr std::string_view api_version = "2019-01-01";
// TransactionInput.orderId and RefundInput.orderId: "Maximum 255 characters".
inline constexpr std::size_t max_order_id = 255;

struct auth {
  std::string public_key;
  std::string private_key;
  // Optional: the merchant account (and so the currency) transactions use; empty = the
  // gateway's default merchant account.
  std::string merchant_account_id;
};

// public_key and private_key (UNAUTHENTICATED naming the missing one); merchant_account_id
// when set.
domain::result<auth> read_auth(const domain::credentials& creds);

// POST /graphql with `Authorization: Basic base64(public:private)` (sensitive),
// `Braintree-Version`, and the JSON body {query, variables}. The query is one of the constant
// documents of queries.hpp: values travel only in `variables`. Never carries an idempotency key:
// Braintree has none, so the pool retries such a call only when it was not sent.
domain::http_request graphql(std::string_view step, std::string_view query,
                             boost::json::object variables, const auth& a);

// The orderId a charge or refund carries, and by which an earlier attempt is found again: the
// merchant reference, else the idempotency key (INVALID_ARGUMENT naming the field when it is
// longer than Braintree's 255 characters, MISSING_FIELD when both are empty).
domain::result<std::string> order_id(std::string_view merchant_reference,
                                     std::string_view idempotency_key);

}  // namespace cs::connectors::braintree::wire
