#pragma once
// Request bodies may hold card data; anything logged goes through here first.

#include <string>

namespace processor_sim {

// Parses JSON and masks card numbers as first6…last4 and drops CVCs (any depth). A body that is
// not JSON is replaced by its size only: it might be card data in another encoding.
std::string mask_for_log(const std::string& body);

}  // namespace processor_sim
