#include "ids.hpp"

#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace processor_sim {

std::string random_alnum(std::size_t length) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  std::vector<unsigned char> bytes(length);
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  std::string out(length, '0');
  for (std::size_t i = 0; i < length; ++i) out[i] = alphabet[bytes[i] % 36];
  return out;
}

}  // namespace processor_sim
