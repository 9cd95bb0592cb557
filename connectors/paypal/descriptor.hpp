#pragma once
// The PayPal connector's descriptor: identity, capabilities and flow table (descriptor.cpp).

#include "domain/connector.hpp"

namespace cs::connectors::paypal {

const domain::connector& descriptor();

}  // namespace cs::connectors::paypal
