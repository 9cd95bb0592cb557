#include "checkout_com_ids.hpp"

#include "../ids.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

namespace processor_sim::checkout_com {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

std::string new_id(std::string_view prefix) {
  return std::string(prefix) + lower(random_alnum(26));
}

std::string new_request_id() {
  // Map the random alphanumerics onto hex digits: "8daac099-1b2c-4d3e-9f70-0123456789ab".
  const std::string raw = lower(random_alnum(32));
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    const char c = raw[i];
    out +=
        "0123456789abcdef"[(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'a') % 16];
  }
  return out;
}

std::string random_digits(std::size_t n) {
  std::string out = random_alnum(n);
  for (char& c : out) {
    if (!std::isdigit(static_cast<unsigned char>(c))) c = static_cast<char>('0' + (c - 'A') % 10);
  }
  return out;
}

std::string iso_time(std::chrono::system_clock::time_point t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace processor_sim::checkout_com
