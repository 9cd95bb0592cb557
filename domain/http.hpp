#pragma once
// What a connector asks to send and what comes back: plain values, no I/O.

#include <string>
#include <string_view>
#include <vector>

namespace cs::domain {

struct http_header {
  std::string name;
  std::string value;
  bool sensitive = false;  // credentials: never logged
};

enum class http_method { get, post, put, patch, del };

std::string_view to_string(http_method m) noexcept;

struct http_request {
  http_method method = http_method::post;
  // Which configured base URL of the connector this goes to ("default" unless the processor
  // has several hosts, as Adyen's checkout and dispute APIs). Never a URL from a request.
  std::string base = "default";
  std::string target;  // path and query, appended to the base URL's path
  std::vector<http_header> headers;
  std::string body;
  std::string content_type = "application/json";
  // The processor's idempotency key as sent in a header, also used by the retry policy.
  std::string idempotency_key;
  // Which named step of its flow this is ("order", "payment"; "" for a one-call flow). A string
  // literal of the connector: multi-step flows branch on it, logs show it.
  std::string_view step;
};

struct http_response {
  int status = 0;
  std::vector<http_header> headers;
  std::string body;

  // The first header of that name (case-insensitive), or empty.
  std::string_view header(std::string_view name) const noexcept;
};

}  // namespace cs::domain
