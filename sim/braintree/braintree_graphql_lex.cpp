#include "braintree_graphql_lex.hpp"

#include <cctype>

namespace processor_sim::braintree::gql {
namespace {

bool digit_at(const std::string& s, std::size_t i) {
  return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

bool lex_number(const std::string& s, std::size_t& i, std::string& text) {
  const std::size_t start = i;
  if (i < s.size() && s[i] == '-') ++i;
  if (!digit_at(s, i)) throw lex_error("Invalid number.");
  if (s[i] == '0' && digit_at(s, i + 1))
    throw lex_error("Invalid number, unexpected digit after 0.");
  while (digit_at(s, i)) ++i;
  bool floating = false;
  auto digits = [&] {
    if (!digit_at(s, i)) throw lex_error("Invalid number, expected digit.");
    while (digit_at(s, i)) ++i;
  };
  if (i < s.size() && s[i] == '.') {
    ++i;
    digits();
    floating = true;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    digits();
    floating = true;
  }
  if (i < s.size() &&
      (std::isalpha(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '.')) {
    throw lex_error("Invalid number.");
  }
  text = s.substr(start, i - start);
  return floating;
}

std::string lex_string(const std::string& s, std::size_t& i) {
  ++i;  // the opening quote
  std::string out;
  while (true) {
    if (i >= s.size() || s[i] == '\n' || s[i] == '\r') throw lex_error("Unterminated string.");
    const char c = s[i++];
    if (c == '"') return out;
    if (c != '\\') {
      out += c;
      continue;
    }
    if (i >= s.size()) throw lex_error("Unterminated string.");
    const char e = s[i++];
    switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        if (i + 4 > s.size()) throw lex_error("Invalid Unicode escape sequence.");
        unsigned cp = 0;
        for (int k = 0; k < 4; ++k) {
          const char h = s[i++];
          if (!std::isxdigit(static_cast<unsigned char>(h))) {
            throw lex_error("Invalid Unicode escape sequence.");
          }
          cp = cp * 16 + static_cast<unsigned>(std::isdigit(static_cast<unsigned char>(h))
                                                   ? h - '0'
                                                   : std::tolower(h) - 'a' + 10);
        }
        append_utf8(out, cp);
        break;
      }
      default:
        throw lex_error(std::string("Invalid character escape sequence: \\") + e + ".");
    }
  }
}

}  // namespace processor_sim::braintree::gql
