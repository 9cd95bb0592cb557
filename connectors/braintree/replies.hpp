#pragma once
// Braintree's GraphQL replies in unified terms: the `data` of a reply or the error it is (HTTP
// statuses, `errors` in a 200 body — never a success, even next to partial data), the status
// words, processor response codes and gateway rejections, and the objects the flows read
// (Transaction, Refund, Dispute). README.md has the tables.

#include <simdjson.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "connectors/braintree/wire.hpp"
#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::braintree {

// The reply's `data` object (it lives in the thread's JSON parser: read it before parsing
// anything else), or the domain error: 401/403/404/408/426/429/5xx, a body that is not JSON, any
// `errors` entry (by its extensions.errorClass), `data` missing or null. The keys and card-number
// -like digits never reach a message.
domain::result<simdjson::dom::element> read_data(const domain::http_response& r,
                                                 const wire::auth& a);

// The `node` of a node(id) query when it is a `type` (Transaction, Refund, Dispute); NOT_FOUND
// when Braintree has no such node or it is of another type.
domain::result<simdjson::dom::element> read_node(const domain::http_response& r,
                                                 const wire::auth& a, std::string_view type);

// The element at a path of object keys, or nullopt (also for JSON null).
std::optional<simdjson::dom::element> at(simdjson::dom::element e,
                                         std::initializer_list<std::string_view> path);

// The elements of the array at `e` (none when `e` is missing or not an array). A vector, not a
// dom::array: iterating a default-constructed dom::array reads through a null document
// (found by fuzz_braintree_replies).
std::vector<simdjson::dom::element> array_of(const std::optional<simdjson::dom::element>& e);

domain::payment_status map_payment_status(std::string_view status) noexcept;
domain::refund_status map_refund_status(std::string_view status) noexcept;
domain::dispute_status map_dispute_status(std::string_view status) noexcept;

struct decline {
  domain::decline_code code = domain::decline_code::generic;
  bool soft = false;  // Braintree's soft declines may pass when tried again later
};
// A processor response code (statusHistory processorResponse.legacyCode: "2000"…"3000").
decline map_processor_code(std::string_view legacy_code) noexcept;
// A GatewayRejectionReason (CVV, AVS, FRAUD, DUPLICATE, …).
domain::decline_code map_gateway_rejection(std::string_view reason) noexcept;

// A Transaction (TransactionFields): global id, legacy id as the operation id, status, amount,
// orderId and, for a failure, the decline from the last statusHistory event that has one.
domain::result<domain::payment_result> read_transaction(simdjson::dom::element txn,
                                                        std::string_view merchant_reference);
// A Refund (RefundFields).
domain::result<domain::refund_result> read_refund(simdjson::dom::element refund);
// A Dispute (DisputeFields).
domain::result<domain::dispute_result> read_dispute(simdjson::dom::element dispute);

// A mutation that may have acted but gave no readable answer (5xx, INTERNAL or
// SERVICE_AVAILABILITY, an unreadable body): OUTCOME_UNKNOWN with `advice`. Anything else (a
// validation error, 401, 429) is returned as it is: Braintree did nothing.
domain::error mutation_failed(domain::error e, std::string_view advice);

}  // namespace cs::connectors::braintree
