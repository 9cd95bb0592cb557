#include "test_support.hpp"

#include "../common/flow_driver.hpp"

#include <boost/json.hpp>

#include <fstream>
#include <sstream>

namespace adyen_test {

std::string golden(const std::string& name) {
  return connector_testing::read_golden("adyen", name);
}

credentials creds() {
  credentials c;
  c.set("api_key", api_key);
  c.set("merchant_account", merchant);
  return c;
}

void expect_golden_request(const http_request& r, const std::string& name) {
  boost::json::object headers;
  boost::json::array sensitive;
  for (auto& h : r.headers) {
    EXPECT_FALSE(headers.contains(h.name)) << "duplicate header " << h.name;
    headers[h.name] = h.value;
    if (h.sensitive) sensitive.push_back(boost::json::string(h.name));
  }
  boost::json::object actual{
      {"method", to_string(r.method)},
      {"base", r.base},
      {"target", r.target},
      {"headers", headers},
      {"sensitive_headers", sensitive},
      {"idempotency_key", r.idempotency_key},
      {"body", r.body.empty() ? boost::json::value(nullptr) : boost::json::parse(r.body)},
  };
  auto expected = boost::json::parse(golden(name + ".request.json"));
  EXPECT_EQ(boost::json::value(actual), expected)
      << "actual:   " << boost::json::serialize(actual) << "\n"
      << "expected: " << boost::json::serialize(expected);
  EXPECT_EQ(r.content_type, "application/json");
}

card test_card() {
  card c;
  c.number = secret<std::string>(card_number);
  c.expiry_month = 3;
  c.expiry_year = 2030;
  c.cvc = secret<std::string>("737");
  c.holder_name = "APPROVED";
  return c;
}

authorize_request authorize_manual() {
  authorize_request r;
  r.idempotency_key = "idem-auth-1001";
  r.merchant_reference = "order-1001";
  r.amount = money{1000, "EUR"};
  r.method = test_card();
  r.capture = capture_method::manual;
  r.return_url = "https://shop.example/return";
  return r;
}

authorize_request authorize_automatic() {
  authorize_request r;
  r.idempotency_key = "idem-auth-1002";
  r.merchant_reference = "order-1002";
  r.amount = money{1500, "JPY"};
  r.method = test_card();
  r.capture = capture_method::automatic;
  r.return_url = "https://shop.example/return";
  r.shopper.id = "cust-42";
  r.shopper.email = "jane@example.com";
  r.shopper.ip_address = "192.0.2.10";
  r.metadata["cart"] = "c-9";
  return r;
}

}  // namespace adyen_test
