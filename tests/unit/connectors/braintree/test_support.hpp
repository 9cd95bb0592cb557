#pragma once
// Shared by the Braintree connector tests: the key pair, canned GraphQL replies, golden requests
// (tests/golden/braintree/<name>.request.json) and a driver over the flow table.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "../common/flow_driver.hpp"
#include "connectors/braintree/descriptor.hpp"
#include "domain/connector.hpp"

namespace bt_test {

using namespace cs::domain;
using connector_testing::flow_run;

inline constexpr const char* public_key = "cstestpublickey1";
inline constexpr const char* private_key = "cstestprivatekey0000000000000001";
// base64("transaction_cs7q2x9m"): a global id; "cs7q2x9m" is its legacy id.
inline constexpr const char* txn_id = "dHJhbnNhY3Rpb25fY3M3cTJ4OW0";
inline constexpr const char* txn_legacy = "cs7q2x9m";
inline constexpr const char* refund_id = "cmVmdW5kX2NzcmYxMjM0";     // refund_csrf1234
inline constexpr const char* dispute_id = "ZGlzcHV0ZV9jc2RwMHg3aw";  // dispute_csdp0x7k
inline constexpr const char* nonce = "tokencc_bh_cs7q2x_9m4k2p_2j6w8d_5t3v1q_4x8";
inline constexpr const char* vaulted =
    "cGF5bWVudG1ldGhvZF9jY19jc3Rlc3Q";  // paymentmethod_cc_cstest

inline credentials creds(bool with_account = false) {
  credentials c;
  c.set("public_key", public_key);
  c.set("private_key", private_key);
  if (with_account) c.set("merchant_account_id", "cs_test_usd");
  return c;
}

inline authorize_request card_authorize(capture_method capture = capture_method::manual) {
  authorize_request r;
  r.idempotency_key = "idem-1";
  r.merchant_reference = "order-1001";
  r.amount = money{1050, "USD"};
  r.capture = capture;
  r.method = card{secret<std::string>("4111111111111111"), 6, 2030, secret<std::string>("123"),
                  "Asha Rao"};
  return r;
}

inline http_response reply(int status, std::string body) {
  return http_response{status, {}, std::move(body)};
}
inline http_response data(const std::string& json) {
  return reply(200, R"({"data":)" + json + R"(,"extensions":{"requestId":"cs-req"}})");
}

// A TransactionFields object.
inline std::string txn(std::string_view status, std::string_view amount = "10.50",
                       std::string_view order = "order-1001", std::string_view history = "[]") {
  return std::string(R"({"id":")") + txn_id + R"(","legacyId":")" + txn_legacy + R"(","status":")" +
         std::string(status) + R"(","orderId":")" + std::string(order) +
         R"(","merchantAccountId":"cs_test_usd","amount":{"value":")" + std::string(amount) +
         R"(","currencyCode":"USD"},"statusHistory":)" + std::string(history) + "}";
}

// The lookup's reply: transactions found by orderId, and the merchant accounts.
inline http_response lookup(
    std::string transactions = "",
    std::string accounts =
        R"({"node":{"id":"cs_test_usd","currencyCode":"USD","isDefault":true}})") {
  return data(R"({"search":{"transactions":{"edges":[)" + transactions +
              R"(]}},"viewer":{"merchant":{"merchantAccounts":{"edges":[)" + accounts + "]}}}}");
}

inline http_response tokenized() {
  return data(std::string(R"({"tokenizeCreditCard":{"paymentMethod":{"id":")") + nonce +
              R"(","usage":"SINGLE_USE"}}})");
}

template <class Req, class R>
flow_run<R> drive(flow_fn<Req, R> flow_table::*entry, const Req& req,
                  std::vector<http_response> replies, const credentials& cr = creds()) {
  return connector_testing::drive(cs::connectors::braintree::descriptor(), entry, req, replies, cr);
}

// The GraphQL variables of a request.
inline boost::json::object variables(const http_request& r) {
  return boost::json::parse(r.body).as_object().at("variables").as_object();
}
inline std::string query(const http_request& r) {
  return std::string(boost::json::parse(r.body).as_object().at("query").as_string());
}

// The request as the golden file writes it: step, method, target, headers, sensitive headers,
// idempotency key and the body's variables (the query is checked by the contract test).
inline void expect_golden_request(const http_request& r, const std::string& name) {
  auto golden =
      boost::json::parse(connector_testing::read_golden("braintree", name + ".request.json"))
          .as_object();
  boost::json::object headers;
  boost::json::array sensitive;
  for (const auto& h : r.headers) {
    headers[h.name] = h.value;
    if (h.sensitive) sensitive.push_back(boost::json::value(h.name));
  }
  auto body = boost::json::parse(r.body).as_object();
  auto q = std::string(body.at("query").as_string());
  boost::json::object actual{
      {"step", r.step},
      {"method", to_string(r.method)},
      {"target", r.target},
      {"headers", headers},
      {"sensitive_headers", sensitive},
      {"idempotency_key", r.idempotency_key},
      {"content_type", r.content_type},
      {"operation", q.substr(0, q.find('('))},
      {"variables", body.at("variables")},
  };
  EXPECT_TRUE(boost::json::value(actual) == boost::json::value(golden))
      << name << ": " << boost::json::serialize(actual);
}

inline void expect_no_secret(std::string_view text) {
  EXPECT_EQ(text.find(private_key), std::string_view::npos) << text;
  EXPECT_EQ(text.find("4111111111111111"), std::string_view::npos) << text;
}

}  // namespace bt_test
