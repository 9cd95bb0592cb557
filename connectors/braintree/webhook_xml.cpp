#include "connectors/braintree/webhook_xml.hpp"

#include <expat.h>

#include <memory>

namespace cs::connectors::braintree {
namespace {

constexpr std::size_t max_depth = 32;
constexpr std::size_t max_size = 1 << 20;

struct builder {
  XML_Parser parser = nullptr;
  xml_element root;
  std::vector<xml_element*> open;  // the path from the root to the element being read
  bool refused = false;
};

void trim(std::string& s) {
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!s.empty() && space(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && space(s[i])) ++i;
  s.erase(0, i);
}

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char**) {
  auto* b = static_cast<builder*>(data);
  if (b->open.size() >= max_depth) {
    b->refused = true;
    XML_StopParser(b->parser, XML_FALSE);
    return;
  }
  if (b->open.empty()) {
    b->root.name = name;
    b->open.push_back(&b->root);
    return;
  }
  auto& kids = b->open.back()->children;
  kids.push_back(xml_element{name, {}, {}});
  b->open.push_back(&kids.back());
}

void XMLCALL on_end(void* data, const XML_Char*) {
  auto* b = static_cast<builder*>(data);
  if (b->open.empty()) return;
  trim(b->open.back()->text);
  b->open.pop_back();
}

void XMLCALL on_text(void* data, const XML_Char* s, int len) {
  auto* b = static_cast<builder*>(data);
  if (!b->open.empty()) b->open.back()->text.append(s, static_cast<std::size_t>(len));
}

// No DOCTYPE: no entities, no external anything.
void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* b = static_cast<builder*>(data);
  b->refused = true;
  XML_StopParser(b->parser, XML_FALSE);
}

}  // namespace

const xml_element* xml_element::child(std::string_view n) const noexcept {
  for (const auto& c : children)
    if (c.name == n) return &c;
  return nullptr;
}

std::string xml_element::text_at(std::initializer_list<std::string_view> path) const {
  const xml_element* e = this;
  for (auto n : path) {
    e = e->child(n);
    if (!e) return {};
  }
  return e->text;
}

domain::result<xml_element> parse_xml(std::string_view xml) {
  if (xml.empty() || xml.size() > max_size)
    return domain::invalid_argument("body", "the Braintree notification is empty or too large");
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> p(
      XML_ParserCreate("UTF-8"), &XML_ParserFree);
  if (!p)
    return domain::make_error(domain::error_code::internal, domain::reason::internal,
                              "cannot create an XML parser");
  builder b;
  b.parser = p.get();
  b.open.reserve(max_depth);
  XML_SetUserData(p.get(), &b);
  XML_SetElementHandler(p.get(), on_start, on_end);
  XML_SetCharacterDataHandler(p.get(), on_text);
  XML_SetStartDoctypeDeclHandler(p.get(), on_doctype);
  auto status = XML_Parse(p.get(), xml.data(), static_cast<int>(xml.size()), XML_TRUE);
  if (status != XML_STATUS_OK || b.refused || !b.open.empty() || b.root.name.empty())
    return domain::invalid_argument(
        "body", "the Braintree notification is not a well-formed XML document without a DOCTYPE");
  return std::move(b.root);
}

}  // namespace cs::connectors::braintree
