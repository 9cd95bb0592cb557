#pragma once
// How the access log names a call's payment method: its arm and, for numbers that identify an
// account, only their masked form, like a card's ("card:424242…4242", "sepa_debit:DE89…3000",
// "ach_debit:…6789", "apple_pay"); "" without a method. Never a full number, CVC, token or
// cryptogram.

#include <string>

#include "domain/payment_method.hpp"

namespace cs::api {

std::string method_summary(const domain::payment_method& m);

}  // namespace cs::api
