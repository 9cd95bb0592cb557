#pragma once
// Shared pieces of the Adyen connector tests: golden files, credentials, fixed requests and a
// driver that runs a flow's two steps (build the request, then parse a canned reply).

#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "connectors/adyen/descriptor.hpp"

namespace adyen_test {

using namespace cs::domain;
using cs::connectors::adyen::descriptor;
using cs::domain::flow_fn;
using cs::domain::flow_table;

inline constexpr const char* api_key = "AQEtestKey0123456789abcdef";
inline constexpr const char* merchant = "TestMerchantECOM";
inline constexpr const char* card_number = "4111111111111111";
inline constexpr const char* webhook_key =
    "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

std::string golden(const std::string& name);  // contents of tests/golden/adyen/<name>
credentials creds();

// Compares method, base, target, headers (and which are sensitive), idempotency key and the
// body (as JSON values) with tests/golden/adyen/<name>.request.json.
void expect_golden_request(const http_request& r, const std::string& name);

authorize_request authorize_manual();
authorize_request authorize_automatic();
card test_card();

template <class R>
const http_request& request_of(const step_result<R>& s) {
  if (!s.ok()) ADD_FAILURE() << "expected a request, got error: " << s.err().message;
  return std::get<http_request>(s.value());
}

// By value: callers pass temporaries.
template <class R>
error error_of(const step_result<R>& s) {
  if (s.ok()) {
    ADD_FAILURE() << "expected an error";
    return {};
  }
  return s.err();
}

// Runs step one (must build a request), feeds it `status`/`body`, returns step two.
template <class Req, class R>
result<R> run(flow_fn<Req, R> flow_table::*fn, const Req& req, int status, std::string body,
              std::vector<http_header> headers = {}) {
  auto flow = cs::connectors::adyen::descriptor().flows.*fn;
  auto cr = creds();
  auto first = flow(req, flow_context{cr, {}});
  if (!first.ok()) return first.err();
  exchange ex{std::get<http_request>(first.value()),
              http_response{status, std::move(headers), std::move(body)}};
  auto second = flow(req, flow_context{cr, std::span<const exchange>(&ex, 1)});
  if (!second.ok()) return second.err();
  return std::get<R>(std::move(second).value());
}

}  // namespace adyen_test
