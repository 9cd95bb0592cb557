#pragma once
// Reads back a multipart/form-data request body (PayPal's dispute actions) for the tests: each
// part's headers and bytes, with the framing (boundary, CR LF) checked on the way.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "domain/http.hpp"

namespace paypal_test {

// One part of a multipart/form-data body: its headers (lower-case names) and its bytes.
struct form_part {
  std::map<std::string, std::string> headers;
  std::string data;
};

inline std::vector<form_part> parts_of(const cs::domain::http_request& r) {
  const std::string prefix = "multipart/form-data; boundary=";
  EXPECT_EQ(r.content_type.rfind(prefix, 0), 0u) << r.content_type;
  const std::string delimiter = "--" + r.content_type.substr(prefix.size());
  std::vector<form_part> out;
  EXPECT_EQ(r.body.rfind(delimiter + "\r\n", 0), 0u);
  EXPECT_TRUE(r.body.ends_with("\r\n" + delimiter + "--\r\n"));
  std::size_t at = delimiter.size() + 2;
  for (;;) {
    auto end = r.body.find("\r\n" + delimiter, at);
    if (end == std::string::npos) break;
    std::string chunk = r.body.substr(at, end - at);
    auto blank = chunk.find("\r\n\r\n");
    form_part p;
    std::size_t line = 0;
    while (line < blank) {
      auto eol = std::min(chunk.find("\r\n", line), blank);
      auto h = chunk.substr(line, eol - line);
      auto colon = h.find(": ");
      std::string name = h.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      p.headers[name] = h.substr(colon + 2);
      line = eol + 2;
    }
    p.data = chunk.substr(blank + 4);
    out.push_back(std::move(p));
    at = end + 2 + delimiter.size() + 2;
    if (r.body.compare(end + 2 + delimiter.size(), 2, "--") == 0) break;
  }
  return out;
}

}  // namespace paypal_test
