#pragma once
// The parts of the PayPal flow table, one per source file, put together in descriptor.cpp
// (internal to this folder).

#include "domain/connector.hpp"

namespace cs::connectors::paypal {

void add_payments_flows(domain::flow_table& t);
void add_modifications_flows(domain::flow_table& t);

}  // namespace cs::connectors::paypal
