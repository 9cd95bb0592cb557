#pragma once
// Shared pieces of the Razorpay connector tests: golden files, credentials, fixed requests and a
// driver that runs a flow's steps against canned replies.

#include <gtest/gtest.h>
#include "../common/flow_driver.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "connectors/razorpay/descriptor.hpp"

namespace razorpay_test {

using namespace cs::domain;
using cs::connectors::razorpay::descriptor;
using cs::domain::flow_fn;
using cs::domain::flow_table;

inline constexpr const char* key_id = "rzp_test_1DP5mmOlF5G5ag";
inline constexpr const char* key_secret = "rzpSecretTestValue0123456789";
inline constexpr const char* card_number = "4111111111111111";
inline constexpr const char* cvv = "914";
inline constexpr const char* webhook_secret = "rzp_webhook_secret_test_42";

inline constexpr const char* order_id = "order_NtEHsWNBBiFbMd";
inline constexpr const char* pay_id = "pay_NtEI3XtBTM5pBG";
inline constexpr const char* customer_id = "cust_NtEGn0xq3yJ3mQ";
inline constexpr const char* token_id = "token_NtEK9aDaLhFq2B";

std::string golden(const std::string& name);  // contents of tests/golden/razorpay/<name>
credentials creds();

// Compares method, base, target, headers (and which are sensitive), idempotency key, content
// type and the JSON body — compared as values — with tests/golden/razorpay/<name>.request.json.
void expect_golden_request(const http_request& r, const std::string& name);
std::string header_value(const http_request& r, const std::string& name);
std::string body_string(const http_request& r, const std::string& key);  // top-level string

card test_card();
customer shopper();
authorize_request authorize_card();  // manual capture, INR, with metadata and return_url
authorize_request authorize_upi();   // automatic capture, no merchant reference
setup_mandate_request setup_card();
recurring_charge_request recurring();

http_response reply(int status, const std::string& golden_name,
                    std::vector<http_header> headers = {});
http_response json_reply(int status, std::string body, std::vector<http_header> headers = {});

// The order lookup's answer when no order carries the receipt yet (the first attempt).
inline http_response no_orders() {
  return json_reply(200, R"({"entity":"collection","count":0,"items":[]})");
}

// No error message of `e` holds the card number, the CVV or the key secret.
void expect_no_secrets(const error& e);

template <class R>
const http_request& request_of(const step_result<R>& s) {
  if (!s.ok()) ADD_FAILURE() << "expected a request, got error: " << s.err().message;
  return std::get<http_request>(s.value());
}

using connector_testing::flow_run;

template <class Req, class R>
flow_run<R> drive(flow_fn<Req, R> flow_table::*fn, const Req& req,
                  std::vector<http_response> replies, const credentials& cr = creds()) {
  static const auto& c = cs::connectors::razorpay::descriptor();
  return connector_testing::drive(c, fn, req, replies, cr);
}

// Runs a charge flow (authorize, recurring_charge) as a first attempt: the lookup finds no order.
// The lookup is checked and taken out of `requests`, so tests see what follows it.
template <class Req, class R>
flow_run<R> first_attempt(flow_fn<Req, R> flow_table::*fn, const Req& req,
                          std::vector<http_response> replies) {
  replies.insert(replies.begin(), no_orders());
  auto run = drive(fn, req, std::move(replies));
  if (!run.requests.empty()) {
    EXPECT_TRUE(run.requests.front().target.starts_with("/v1/orders?receipt="))
        << run.requests.front().target;
    run.requests.erase(run.requests.begin());
  }
  return run;
}

}  // namespace razorpay_test
