#pragma once
// The notification XML of a Braintree webhook, read with expat into a small tree. Strict: a
// document type declaration (and so any entity) is refused, as is nesting deeper than 32 or a
// document over 1 MiB; text is kept per element (attributes are not needed).

#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace cs::connectors::braintree {

struct xml_element {
  std::string name;
  std::string text;  // the element's own character data, trimmed
  std::vector<xml_element> children;

  // The first child of that name, or nullptr.
  const xml_element* child(std::string_view n) const noexcept;
  // The text at a path of child names ("" when any is missing).
  std::string text_at(std::initializer_list<std::string_view> path) const;
};

// INVALID_ARGUMENT naming `body` when the text is not one well-formed XML document.
domain::result<xml_element> parse_xml(std::string_view xml);

}  // namespace cs::connectors::braintree
