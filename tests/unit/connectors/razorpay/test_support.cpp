#include "test_support.hpp"

#include "../common/flow_driver.hpp"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

namespace razorpay_test {

std::string golden(const std::string& name) {
  return connector_testing::read_golden("razorpay", name);
}

credentials creds() {
  credentials c;
  c.set("key_id", key_id);
  c.set("key_secret", key_secret);
  return c;
}

std::string header_value(const http_request& r, const std::string& name) {
  for (auto& h : r.headers)
    if (h.name == name) return h.value;
  return {};
}

std::string body_string(const http_request& r, const std::string& key) {
  auto v = boost::json::parse(r.body);
  if (auto* s = v.as_object().if_contains(key); s && s->is_string())
    return std::string(s->as_string());
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
  boost::json::value body = nullptr;
  if (!r.body.empty()) {
    boost::system::error_code ec;
    body = boost::json::parse(r.body, ec);
    EXPECT_FALSE(ec) << "body is not JSON: " << r.body;
  }
  boost::json::object actual{
      {"method", to_string(r.method)},
      {"base", r.base},
      {"target", r.target},
      {"headers", headers},
      {"sensitive_headers", sensitive},
      {"idempotency_key", r.idempotency_key},
      {"content_type", r.content_type},
      {"body", body},
  };
  auto expected = boost::json::parse(golden(name + ".request.json"));
  EXPECT_EQ(boost::json::value(actual), expected)
      << "golden " << name << "\nactual:   " << boost::json::serialize(actual) << "\n"
      << "expected: " << boost::json::serialize(expected);
}

card test_card() {
  card c;
  c.number = secret<std::string>(card_number);
  c.expiry_month = 3;
  c.expiry_year = 2034;
  c.cvc = secret<std::string>(cvv);
  c.holder_name = "Gaurav Kumar";
  return c;
}

customer shopper() {
  customer s;
  s.email = "gaurav.kumar@example.com";
  s.phone = "+919000090000";
  s.name = "Gaurav Kumar";
  s.ip_address = "203.0.113.7";
  return s;
}

authorize_request authorize_card() {
  authorize_request r;
  r.idempotency_key = "idem-auth-7001";
  r.merchant_reference = "order-7001";
  r.amount = money{50000, "INR"};
  r.method = test_card();
  r.capture = capture_method::manual;
  r.return_url = "https://shop.example/rzp/return?order=7001";
  r.shopper = shopper();
  r.metadata["cart"] = "c-17";
  r.metadata["referer"] = "https://shop.example/checkout";
  r.metadata["user_agent"] = "Mozilla/5.0 (X11; Linux x86_64) Firefox/126.0";
  return r;
}

authorize_request authorize_upi() {
  authorize_request r;
  r.idempotency_key = "idem-auth-7002";
  r.amount = money{10000, "INR"};
  r.method = upi{"success@razorpay"};
  r.capture = capture_method::automatic;
  r.shopper = shopper();
  return r;
}

setup_mandate_request setup_card() {
  setup_mandate_request r;
  r.idempotency_key = "idem-mandate-8001";
  r.merchant_reference = "mandate-8001";
  r.method = test_card();
  r.shopper = shopper();
  r.amount = money{100, "INR"};
  r.return_url = "https://shop.example/rzp/mandate";
  return r;
}

recurring_charge_request recurring() {
  recurring_charge_request r;
  r.idempotency_key = "idem-rec-9001";
  r.merchant_reference = "renewal-9001";
  r.mandate_id = token_id;
  r.customer_id = customer_id;
  r.amount = money{49900, "INR"};
  r.capture = capture_method::automatic;
  return r;
}

http_response reply(int status, const std::string& golden_name, std::vector<http_header> headers) {
  return http_response{status, std::move(headers), golden(golden_name)};
}

http_response json_reply(int status, std::string body, std::vector<http_header> headers) {
  return http_response{status, std::move(headers), std::move(body)};
}

void expect_no_secrets(const error& e) {
  for (const auto* text : {&e.message, &e.processor_message, &e.processor_code, &e.field}) {
    EXPECT_EQ(text->find(card_number), std::string::npos) << *text;
    EXPECT_EQ(text->find(key_secret), std::string::npos) << *text;
    EXPECT_EQ(text->find(cvv), std::string::npos) << *text;
  }
}

}  // namespace razorpay_test
