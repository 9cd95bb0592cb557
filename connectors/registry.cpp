#include "connectors/registry.hpp"

#include <array>

#include "connectors/adyen/adyen_connector.hpp"
#include "connectors/razorpay/razorpay_connector.hpp"
#include "connectors/stripe/stripe_connector.hpp"

namespace cs::connectors {
namespace {

const adyen::adyen_connector adyen_instance;
const stripe::stripe_connector stripe_instance;
const razorpay::razorpay_connector razorpay_instance;

// One line per connector.
const std::array<const domain::connector*, 3> registry{&adyen_instance, &stripe_instance,
                                                       &razorpay_instance};

}  // namespace

const domain::connector* find(std::string_view name) noexcept {
  for (auto* c : registry)
    if (c->name() == name) return c;
  return nullptr;
}

std::span<const domain::connector* const> all() noexcept {
  return registry;
}

}  // namespace cs::connectors
