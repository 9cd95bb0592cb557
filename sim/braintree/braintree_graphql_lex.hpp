#pragma once
// Lexing of GraphQL numbers and strings for the reader (braintree_graphql.cpp).

#include <stdexcept>
#include <string>

namespace processor_sim::braintree::gql {

struct lex_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads an IntValue or FloatValue at s[i] into `text`, moving i past it; true for a float.
bool lex_number(const std::string& s, std::size_t& i, std::string& text);
// Reads a "…" StringValue at s[i] (escapes decoded, UTF-8 out), moving i past the closing quote.
std::string lex_string(const std::string& s, std::size_t& i);

}  // namespace processor_sim::braintree::gql
