#include "connectors/common/scrub.hpp"

namespace cs::connectors {
namespace {

constexpr std::string_view redacted = "[redacted]";

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
bool is_token_char(char c) noexcept {
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '*';
}

void scrub_prefixed(std::string& text, std::string_view prefix) {
  for (auto at = text.find(prefix); at != std::string::npos;
       at = text.find(prefix, at + redacted.size())) {
    auto end = at + prefix.size();
    while (end < text.size() && is_token_char(text[end])) ++end;
    text.replace(at, end - at, redacted);
  }
}

void scrub_digit_runs(std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i])) {
      out += text[i++];
      continue;
    }
    std::size_t j = i, digits = 0, last_digit = i;
    while (j < text.size() && (is_digit(text[j]) || text[j] == ' ' || text[j] == '-')) {
      if (is_digit(text[j])) ++digits, last_digit = j;
      ++j;
    }
    if (digits >= 12)
      out += redacted;
    else
      out.append(text, i, last_digit + 1 - i);
    i = last_digit + 1;
  }
  text = std::move(out);
}

}  // namespace

std::string scrub(std::string text, std::string_view secret,
                  std::initializer_list<std::string_view> token_prefixes) {
  if (!secret.empty())
    for (auto at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + redacted.size()))
      text.replace(at, secret.size(), redacted);
  for (auto prefix : token_prefixes) scrub_prefixed(text, prefix);
  scrub_digit_runs(text);
  return text;
}

}  // namespace cs::connectors
