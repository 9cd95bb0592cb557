#pragma once
// Processor text (error messages, descriptions) goes into our errors and logs: before it does,
// remove what must never appear there — the credential itself, key-shaped tokens and card
// numbers that a processor may echo back.

#include <initializer_list>
#include <string>
#include <string_view>

namespace cs::connectors {

// Replaces every occurrence of `secret`, every token starting with one of `token_prefixes`
// (e.g. "sk_", "whsec_") and every run of 12 or more digits (card numbers, also grouped with
// spaces or dashes) with "[redacted]".
std::string scrub(std::string text, std::string_view secret,
                  std::initializer_list<std::string_view> token_prefixes = {});

}  // namespace cs::connectors
