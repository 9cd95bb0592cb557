#pragma once
// The currencies Adyen takes and how many decimals it counts for each (see README.md, "Amounts").

#include "domain/currency_table.hpp"

namespace cs::connectors::adyen {

const domain::currency_table& currencies() noexcept;

}  // namespace cs::connectors::adyen
