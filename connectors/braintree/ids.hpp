#pragma once
// Braintree's two id forms. Flows hand out global ids (what node() and every mutation take);
// webhooks and the Control Panel show legacy ids. A flow given a legacy id first asks
// `idFromLegacyId` (step "legacy_id"), then goes on with the global id.

#include <string>
#include <string_view>

#include "connectors/braintree/wire.hpp"
#include "domain/connector.hpp"

namespace cs::connectors::braintree {

enum class id_kind { transaction, refund, dispute, customer };

// Whether `id` is a global id of that kind. Global ids are base64 of "<kind>_<legacy id>"; this
// is only used to tell the two forms apart, never to make an id (idFromLegacyId does that).
bool is_global_id(std::string_view id, id_kind kind);

// The global id for the request's `id`: the id itself when it is one, else the answer of the
// "legacy_id" step; an empty string when that step has not run yet (send legacy_id_request).
// MISSING_FIELD naming `field` for an empty id.
domain::result<std::string> global_id(std::string_view id, id_kind kind, std::string_view field,
                                      const domain::flow_context& ctx, const wire::auth& a);
domain::http_request legacy_id_request(std::string_view id, id_kind kind, const wire::auth& a);

}  // namespace cs::connectors::braintree
