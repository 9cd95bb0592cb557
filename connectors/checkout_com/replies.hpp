#pragma once
// Checkout.com's replies in unified terms: error bodies ({request_id, error_type, error_codes}),
// the payment (request reply and GET /payments/{id}), the 202 "accepted" of captures, voids and
// refunds, a refund in GET /payments/{id}/actions, the dispute, status words and response codes
// (README.md has the tables).

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::checkout_com {

// The 2xx body, parsed (it lives in the thread's JSON parser: read it before parsing anything
// else), or the domain error for any other status. `secret_key` is scrubbed from every text.
domain::result<simdjson::dom::element> read_reply(const domain::http_response& r,
                                                  std::string_view secret_key);

// The same for a reply that is a JSON array (GET /payments/{id}/actions).
domain::result<simdjson::dom::element> read_list_reply(const domain::http_response& r,
                                                       std::string_view secret_key);
// 2xx without a body to read (204 of dispute actions and instrument deletion), or the error.
domain::status read_empty_reply(const domain::http_response& r, std::string_view secret_key);

// Payment.status → unified; an unknown word → unrecognized.
domain::payment_status map_payment_status(std::string_view status) noexcept;
// response_code ("20051", "200N7", "30041", …) → decline code; unknown codes by their class.
domain::decline_code map_response_code(std::string_view code) noexcept;

// A payment object (201/202 to POST /payments, 200 to GET /payments/{id}): id, action_id as the
// operation, status, amount, balances.total_captured, the 3-D Secure redirect of a Pending
// payment and, for a decline (approved: false), the response code as processor_error. Every
// word taken from the reply is scrubbed of `secret_key` (as the readers below do).
domain::result<domain::payment_result> read_payment(simdjson::dom::element payment,
                                                    std::string_view merchant_reference,
                                                    std::string_view secret_key);

// The stored card of a payment reply: `source.id` when it is a src_ id, else empty.
std::string read_source_id(simdjson::dom::element payment);

// The refund `refund_id` in a GET /payments/{id}/actions array: approved → SUCCESS, approved
// false → FAILURE with the response code, not (yet) listed → PENDING (README.md, GetRefund); an
// action of that id that is not a Refund → NOT_FOUND.
domain::result<domain::refund_result> read_refund_action(simdjson::dom::element actions,
                                                         std::string_view refund_id,
                                                         std::string_view secret_key);

// Dispute.status → unified (disputes.cpp); an unknown word → unrecognized.
domain::dispute_status map_dispute_status(std::string_view status) noexcept;
// A Dispute (GET /disputes/{id}): its status word and the unified status (disputes.cpp).
domain::result<domain::dispute_result> read_dispute(simdjson::dom::element dispute,
                                                    std::string_view dispute_id,
                                                    std::string_view secret_key);

// The action_id of a 202 "accepted" (capture, void, refund), or BAD_PROCESSOR_REPLY.
domain::result<std::string> read_action_id(simdjson::dom::element accepted);

}  // namespace cs::connectors::checkout_com
