#pragma once
// Braintree (GraphQL API): the connector's descriptor.

#include "domain/connector.hpp"

namespace cs::connectors::braintree {

const domain::connector& descriptor();

}  // namespace cs::connectors::braintree
