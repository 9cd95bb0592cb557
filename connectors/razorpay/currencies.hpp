#pragma once
// The currencies Razorpay charges in and its minimum amount, checked before any call.

#include <cstdint>
#include <string_view>

#include "domain/currency_table.hpp"
#include "domain/money.hpp"

namespace cs::connectors::razorpay {

// INR plus Razorpay's international currencies with their exponents (all as ISO 4217) and the
// trailing-zero step of three-decimal amounts.
const domain::currency_table& currencies() noexcept;
bool supported_currency(std::string_view code) noexcept;

// Razorpay's minimum order / payment amount: 100 minor units (₹1.00 for INR, 1.00 otherwise).
inline constexpr std::int64_t minimum_minor_amount = 100;

// A known, positive amount in a currency Razorpay takes, exact in its units; errors name
// `field`.currency etc.
domain::status check_amount(const domain::money& m, std::string_view field);
// check_amount plus the minimum charge.
domain::status check_charge(const domain::money& m, std::string_view field);

}  // namespace cs::connectors::razorpay
