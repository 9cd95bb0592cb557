#pragma once
// Shared pieces of the Stripe connector tests: golden files, credentials, fixed requests and a
// driver that runs a flow's steps against canned replies.

#include <gtest/gtest.h>
#include "../common/flow_driver.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "connectors/stripe/descriptor.hpp"

namespace stripe_test {

using namespace cs::domain;
using cs::connectors::stripe::descriptor;
using cs::domain::flow_fn;
using cs::domain::flow_table;

inline constexpr const char* api_key = "sk_test_51TestKey0123456789abcdefXYZ";
inline constexpr const char* card_number = "4242424242424242";
inline constexpr const char* cvc = "314";
inline constexpr const char* webhook_secret = "whsec_test_secret_0123456789abcdef";

std::string golden(const std::string& name);  // contents of tests/golden/stripe/<name>
credentials creds();

// Compares method, base, target, headers (and which are sensitive), idempotency key, content
// type and the form body — decoded into key → value(s), order-insensitive — with
// tests/golden/stripe/<name>.request.json.
void expect_golden_request(const http_request& r, const std::string& name);

// The form body decoded (application/x-www-form-urlencoded, '+' as space), in order.
std::vector<std::pair<std::string, std::string>> decode_form(const std::string& body);
std::string form_value(const http_request& r, const std::string& key);  // "" when absent
bool has_form_key(const http_request& r, const std::string& key);
std::string header_value(const http_request& r, const std::string& name);

card test_card();
authorize_request authorize_card_manual();
authorize_request authorize_token_automatic();
setup_mandate_request setup_card();

http_response reply(int status, const std::string& golden_name,
                    std::vector<http_header> headers = {});
http_response json_reply(int status, std::string body, std::vector<http_header> headers = {});

template <class R>
const http_request& request_of(const step_result<R>& s) {
  if (!s.ok()) ADD_FAILURE() << "expected a request, got error: " << s.err().message;
  return std::get<http_request>(s.value());
}

template <class R>
error error_of(const step_result<R>& s) {
  if (s.ok()) {
    ADD_FAILURE() << "expected an error";
    return {};
  }
  return s.err();
}

using connector_testing::flow_run;

template <class Req, class R>
flow_run<R> drive(flow_fn<Req, R> flow_table::*fn, const Req& req,
                  std::vector<http_response> replies, const credentials& cr = creds()) {
  static const auto& c = cs::connectors::stripe::descriptor();
  return connector_testing::drive(c, fn, req, replies, cr);
}

}  // namespace stripe_test
