#pragma once

#include <string>

namespace cs::sdk {

// A random (version 4) UUID from OpenSSL's CSPRNG: an idempotency key nobody can guess or
// collide with.
std::string new_idempotency_key();
// "cpp-" and 32 random hex digits: fits the service's x-request-id rule.
std::string new_request_id();
// The service keeps an x-request-id of at most 128 characters of A-Z a-z 0-9 - _ . : and
// replaces any other, so the client refuses one it would not keep.
bool valid_request_id(const std::string& id);

}  // namespace cs::sdk
