#pragma once
// Shared by the Checkout.com connector tests: a NAS secret key, a card authorization, golden
// requests (tests/golden/checkout_com/<name>.request.json) and a driver over the flow table.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "../common/flow_driver.hpp"
#include "connectors/checkout_com/descriptor.hpp"
#include "domain/connector.hpp"

namespace cko_test {

using namespace cs::domain;
using connector_testing::flow_run;

inline constexpr const char* key = "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e";
inline constexpr const char* payment_id = "pay_mbabizu24mvu3mela5njyhpit4";

inline credentials creds() {
  credentials c;
  c.set("secret_key", key);
  return c;
}

inline authorize_request card_authorize(capture_method capture = capture_method::manual) {
  authorize_request r;
  r.idempotency_key = "idem-1";
  r.merchant_reference = "order-1001";
  r.amount = money{1050, "USD"};
  r.capture = capture;
  r.method = card{secret<std::string>("4242424242424242"), 6, 2030, secret<std::string>("100"),
                  "Asha Rao"};
  return r;
}

inline http_response reply(int status, std::string body) {
  return http_response{status, {}, std::move(body)};
}

template <class Req, class R>
flow_run<R> drive(flow_fn<Req, R> flow_table::*entry, const Req& req,
                  std::vector<http_response> replies, const credentials& cr = creds()) {
  return connector_testing::drive(cs::connectors::checkout_com::descriptor(), entry, req, replies,
                                  cr);
}

// The request as the golden file writes it: method, base, target, headers (name → value),
// which headers are sensitive, idempotency key and the JSON body.
inline void expect_golden_request(const http_request& r, const std::string& name) {
  auto golden =
      boost::json::parse(connector_testing::read_golden("checkout_com", name + ".request.json"))
          .as_object();
  boost::json::object headers;
  boost::json::array sensitive;
  for (const auto& h : r.headers) {
    headers[h.name] = h.value;
    if (h.sensitive) sensitive.push_back(boost::json::value(h.name));
  }
  boost::json::object actual{
      {"method", to_string(r.method)},
      {"base", r.base},
      {"target", r.target},
      {"headers", headers},
      {"sensitive_headers", sensitive},
      {"idempotency_key", r.idempotency_key},
      {"content_type", r.content_type},
  };
  if (!r.body.empty()) actual["json"] = boost::json::parse(r.body);
  // Object equality ignores key order.
  EXPECT_TRUE(boost::json::value(actual) == boost::json::value(golden))
      << name << ": " << boost::json::serialize(actual);
}

// Nothing secret in a text meant for logs and callers.
inline void expect_no_secret(std::string_view text) {
  EXPECT_EQ(text.find(key), std::string_view::npos) << text;
  EXPECT_EQ(text.find("4242424242424242"), std::string_view::npos) << text;
}

}  // namespace cko_test
