#pragma once
// The parts of the Checkout.com flow table, one per source file, put together in descriptor.cpp
// (internal to this folder).

#include "domain/connector.hpp"

namespace cs::connectors::checkout_com {

void add_payments_flows(domain::flow_table& t);
void add_modifications_flows(domain::flow_table& t);
void add_mandates_flows(domain::flow_table& t);
void add_disputes_flows(domain::flow_table& t);
domain::result<domain::webhook_result> handle_webhook(const domain::webhook_request& req);

}  // namespace cs::connectors::checkout_com
