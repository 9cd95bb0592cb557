#pragma once
// Checkout.com (Unified Payments API, NAS accounts): the connector's descriptor.

#include "domain/connector.hpp"

namespace cs::connectors::checkout_com {

const domain::connector& descriptor();

}  // namespace cs::connectors::checkout_com
