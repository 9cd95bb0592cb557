#pragma once
// The Razorpay connector's descriptor: identity, capabilities and flow table (descriptor.cpp).

#include "domain/connector.hpp"

namespace cs::connectors::razorpay {

const domain::connector& descriptor();

}  // namespace cs::connectors::razorpay
