#include "test_support.hpp"

#include "../common/flow_driver.hpp"

#include <boost/json.hpp>
#include <boost/url/decode_view.hpp>
#include <boost/url/pct_string_view.hpp>

#include <fstream>
#include <sstream>

namespace stripe_test {

std::string golden(const std::string& name) {
  return connector_testing::read_golden("stripe", name);
}

credentials creds() {
  credentials c;
  c.set("api_key", api_key);
  return c;
}

namespace {

std::string decode(std::string_view part) {
  auto pct = boost::urls::make_pct_string_view(part);
  if (!pct) {
    ADD_FAILURE() << "not percent-encoded: " << part;
    return std::string(part);
  }
  boost::urls::decode_view dv(*pct, boost::urls::encoding_opts(true, false, false));
  return std::string(dv.begin(), dv.end());
}

}  // namespace

std::vector<std::pair<std::string, std::string>> decode_form(const std::string& body) {
  std::vector<std::pair<std::string, std::string>> out;
  std::string_view rest = body;
  while (!rest.empty()) {
    auto amp = rest.find('&');
    auto pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    auto eq = pair.find('=');
    EXPECT_NE(eq, std::string_view::npos) << "form pair without '=': " << pair;
    if (eq == std::string_view::npos) continue;
    // Only unreserved characters may appear literally: brackets, '+' in values etc. are encoded.
    for (char c : pair)
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) ||
                  std::string_view("-._~%+=").find(c) != std::string_view::npos)
          << "literal '" << c << "' in form pair";
    out.emplace_back(decode(pair.substr(0, eq)), decode(pair.substr(eq + 1)));
  }
  return out;
}

std::string form_value(const http_request& r, const std::string& key) {
  for (auto& [k, v] : decode_form(r.body))
    if (k == key) return v;
  return {};
}

bool has_form_key(const http_request& r, const std::string& key) {
  for (auto& [k, v] : decode_form(r.body))
    if (k == key) return true;
  return false;
}

std::string header_value(const http_request& r, const std::string& name) {
  for (auto& h : r.headers)
    if (h.name == name) return h.value;
  return {};
}

void expect_golden_request(const http_request& r, const std::string& name) {
  boost::json::object headers;
  boost::json::array sensitive;
  for (auto& h : r.headers) {
    EXPECT_FALSE(headers.contains(h.name)) << "duplicate header " << h.name;
    headers[h.name] = h.value;
    if (h.sensitive) sensitive.push_back(boost::json::string(h.name));
  }
  boost::json::value form = nullptr;
  if (!r.body.empty()) {
    boost::json::object fields;
    for (auto& [k, v] : decode_form(r.body)) {
      if (auto* existing = fields.if_contains(k)) {
        if (!existing->is_array()) *existing = boost::json::array{*existing};
        existing->as_array().push_back(boost::json::string(v));
      } else {
        fields[k] = v;
      }
    }
    form = fields;
  } else if (r.method == http_method::post) {
    form = boost::json::object{};
  }
  boost::json::object actual{
      {"method", to_string(r.method)},
      {"base", r.base},
      {"target", r.target},
      {"headers", headers},
      {"sensitive_headers", sensitive},
      {"idempotency_key", r.idempotency_key},
      {"content_type", r.content_type},
      {"form", form},
  };
  auto expected = boost::json::parse(golden(name + ".request.json"));
  EXPECT_EQ(boost::json::value(actual), expected)
      << "golden " << name << "\nactual:   " << boost::json::serialize(actual) << "\n"
      << "expected: " << boost::json::serialize(expected);
}

card test_card() {
  card c;
  c.number = secret<std::string>(card_number);
  c.expiry_month = 12;
  c.expiry_year = 2034;
  c.cvc = secret<std::string>(cvc);
  c.holder_name = "Jenny Rosen";
  return c;
}

authorize_request authorize_card_manual() {
  authorize_request r;
  r.idempotency_key = "idem-auth-2001";
  r.merchant_reference = "order-2001";
  r.amount = money{2000, "USD"};
  r.method = test_card();
  r.capture = capture_method::manual;
  r.return_url = "https://shop.example/return?order=2001&step=3ds";
  r.shopper.email = "jenny+shop@example.com";
  r.description = "Order 2001 & gift wrap";
  r.metadata["cart"] = "c 9/1";
  return r;
}

authorize_request authorize_token_automatic() {
  authorize_request r;
  r.idempotency_key = "idem-auth-2002";
  r.merchant_reference = "order-2002";
  r.amount = money{1500, "JPY"};
  r.method = processor_token{"pm_card_visa"};
  r.capture = capture_method::automatic;
  r.shopper.id = "cus_NffrFeUfNV2Hib";
  return r;
}

setup_mandate_request setup_card() {
  setup_mandate_request r;
  r.idempotency_key = "idem-mandate-3001";
  r.merchant_reference = "mandate-3001";
  r.method = test_card();
  r.shopper.id = "shopper-77";
  r.shopper.email = "jenny@example.com";
  r.shopper.name = "Jenny Rosen";
  r.amount = money{0, "EUR"};
  r.return_url = "https://shop.example/mandate/return";
  return r;
}

http_response reply(int status, const std::string& golden_name, std::vector<http_header> headers) {
  return http_response{status, std::move(headers), golden(golden_name)};
}

http_response json_reply(int status, std::string body, std::vector<http_header> headers) {
  return http_response{status, std::move(headers), std::move(body)};
}

}  // namespace stripe_test
