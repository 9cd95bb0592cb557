#include "domain/http.hpp"

#include <strings.h>

#include "domain/webhook.hpp"

namespace cs::domain {
namespace {

std::string_view find_header(const std::vector<http_header>& hs, std::string_view name) noexcept {
  for (auto& h : hs)
    if (h.name.size() == name.size() && strncasecmp(h.name.data(), name.data(), name.size()) == 0)
      return h.value;
  return {};
}

}  // namespace

std::string_view to_string(http_method m) noexcept {
  switch (m) {
    case http_method::get:
      return "GET";
    case http_method::post:
      return "POST";
    case http_method::put:
      return "PUT";
    case http_method::patch:
      return "PATCH";
    case http_method::del:
      return "DELETE";
  }
  return "GET";
}

std::string_view http_response::header(std::string_view name) const noexcept {
  return find_header(headers, name);
}

std::string_view webhook_request::header(std::string_view name) const noexcept {
  return find_header(headers, name);
}

}  // namespace cs::domain
