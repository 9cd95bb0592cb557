#pragma once
// The currencies Adyen takes and how many decimals it counts for each (see README.md, "Amounts").

#include "connectors/common/currency_table.hpp"

namespace cs::connectors::adyen {

const currency_table& currencies() noexcept;

}  // namespace cs::connectors::adyen
