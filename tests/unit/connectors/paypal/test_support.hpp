#pragma once
// Shared by the PayPal connector tests: credentials with an access token (as the pool provides
// it), a card authorization, and a driver over the descriptor's flow table.

#include <boost/json.hpp>

#include "../common/flow_driver.hpp"
#include "connectors/paypal/descriptor.hpp"
#include "domain/connector.hpp"

namespace paypal_test {

using namespace cs::domain;
using connector_testing::flow_run;

inline constexpr const char* token = "A21AAFtestAccessToken0123456789";

inline credentials creds() {
  credentials c;
  c.set("client_id", "AbCdClientId");
  c.set("client_secret", "EfGhClientSecret");
  c.set("access_token", token);
  return c;
}

inline authorize_request card_authorize(capture_method capture = capture_method::manual) {
  authorize_request r;
  r.idempotency_key = "idem-1";
  r.merchant_reference = "order-1001";
  r.amount = money{1050, "USD"};
  r.capture = capture;
  r.method = card{secret<std::string>("4012888888881881"), 3, 2030, secret<std::string>("123"),
                  "Asha Rao"};
  r.return_url = "https://shop.example/return";
  return r;
}

inline http_response json_reply(int status, std::string body) {
  return http_response{status, {}, std::move(body)};
}

template <class Req, class R>
flow_run<R> drive(flow_fn<Req, R> flow_table::*entry, const Req& req,
                  std::vector<http_response> replies, const credentials& cr = creds()) {
  return connector_testing::drive(cs::connectors::paypal::descriptor(), entry, req, replies, cr);
}

inline std::string_view header(const http_request& r, std::string_view name) {
  for (auto& h : r.headers)
    if (h.name == name) return h.value;
  return {};
}

inline bool sensitive(const http_request& r, std::string_view name) {
  for (auto& h : r.headers)
    if (h.name == name) return h.sensitive;
  return false;
}

inline boost::json::value body_of(const http_request& r) {
  return boost::json::parse(r.body);
}

}  // namespace paypal_test
