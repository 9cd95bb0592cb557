// Stripe helpers for the e2e tests: simulator state, requests, 3DS page visits and
// Stripe-Signature computed with OpenSSL (independently of the connector).

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "harness.hpp"

namespace e2e {

std::string stack::stripe_base() const {
  return "https://127.0.0.1:" + std::to_string(sim_port) + "/stripe";
}

json stack::stripe_intent(const std::string& pi) {
  auto r = sim_get("/_sim/stripe/payment_intents/" + pi);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : json{};
}

json stack::stats() {
  auto r = sim_get("/_sim/stats");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : json{};
}

v1::AuthorizeRequest stripe_authorize(const std::string& reference, const std::string& number,
                                      std::int64_t minor, bool manual,
                                      const std::string& currency) {
  v1::AuthorizeRequest r;
  r.set_connector("stripe");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(minor, currency);
  if (number.rfind("pm_", 0) == 0) {
    r.mutable_payment_method()->mutable_token()->set_token(number);
  } else {
    auto* card = r.mutable_payment_method()->mutable_card();
    card->set_number(number);
    card->set_expiry_month(4);
    card->set_expiry_year(2031);
    card->set_cvc(cvc_stripe);
    card->set_holder_name("Jenny Rosen");
  }
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url(return_url);
  return r;
}

std::string follow_stripe_3ds(const v1::RedirectData& redirect) {
  const std::string prefix = "https://127.0.0.1:" + std::to_string(env().sim_port) + "/stripe/3ds/";
  EXPECT_TRUE(starts_with(redirect.url(), prefix)) << redirect.url();
  EXPECT_EQ(redirect.method(), v1::HTTP_METHOD_GET);
  if (!starts_with(redirect.url(), prefix)) return {};
  auto page = env().sim_get(redirect.url().substr(prefix.size() - 12));
  EXPECT_EQ(page.status, 302) << page.body;
  return page.header("location");
}

v1::Payment stripe_get(const std::string& pi) {
  v1::GetPaymentRequest req;
  req.set_connector("stripe");
  req.set_connector_payment_id(pi);
  v1::Payment res;
  auto s = env().svc.payments->Get(stripe_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

void stripe_settle(const std::string& pi, const std::string& outcome) {
  boost::json::object body;
  if (!outcome.empty()) body["outcome"] = outcome;
  auto r = env().sim_post("/_sim/stripe/payment_intents/" + pi + "/settle", body);
  EXPECT_EQ(r.status, 200) << r.body;
}

grpc::Status expect_stripe_refused(const v1::AuthorizeRequest& r, const std::string& field,
                                   const std::string& words) {
  const auto before = env().stats().at("requests");
  v1::Payment out;
  auto s = env().svc.payments->Authorize(stripe_ctx().get(), r, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), field) << describe(s);
  EXPECT_NE(s.error_message().find(words), std::string::npos) << s.error_message();
  EXPECT_EQ(env().stats().at("requests"), before);
  return s;
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string stripe_signature(const std::string& secret, std::int64_t t, const std::string& body) {
  return "t=" + std::to_string(t) + ",v1=" + hmac_hex(secret, std::to_string(t) + "." + body);
}

}  // namespace e2e
