#pragma once
// Random identifiers shaped like the processors' own.

#include <string>

namespace processor_sim {

// Upper-case letters and digits, cryptographically random (OpenSSL RAND_bytes).
std::string random_alnum(std::size_t length);

}  // namespace processor_sim
