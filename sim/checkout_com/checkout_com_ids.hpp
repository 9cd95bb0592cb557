#pragma once
// Identifiers and timestamps shaped like Checkout.com's: `pay_`, `act_`, `src_`, `sid_`, `evt_`,
// `dsp_` and 26 lower-case letters and digits; request ids as UUIDs; ISO-8601 UTC times.

#include <chrono>
#include <string>
#include <string_view>

namespace processor_sim::checkout_com {

std::string new_id(std::string_view prefix);
std::string new_request_id();
std::string random_digits(std::size_t n);
std::string iso_time(std::chrono::system_clock::time_point t = std::chrono::system_clock::now());

}  // namespace processor_sim::checkout_com
