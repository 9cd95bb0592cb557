#pragma once
// The Stripe connector's descriptor: identity, capabilities and flow table (descriptor.cpp).

#include "domain/connector.hpp"

namespace cs::connectors::stripe {

const domain::connector& descriptor();

}  // namespace cs::connectors::stripe
