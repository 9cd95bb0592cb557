#pragma once
// The Adyen connector's descriptor: identity, capabilities and flow table (descriptor.cpp).

#include "domain/connector.hpp"

namespace cs::connectors::adyen {

const domain::connector& descriptor();

}  // namespace cs::connectors::adyen
