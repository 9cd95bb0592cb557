#pragma once
// Starts the simulator in-process on an ephemeral port with a local webhook receiver.

#include "sim_app.hpp"
#include "test_client.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

namespace processor_sim::testing {

inline const std::string api_key = "sim_adyen_api_key";
inline const std::string merchant = "TestMerchantECOM";

class sim_test : public ::testing::Test {
 protected:
  void SetUp() override { start({}); }
  void TearDown() override {
    client_.reset();
    if (app_) app_->stop();
  }

  void start(sim_config cfg, unsigned webhook_failures = 0) {
    if (app_) app_->stop();
    client_.reset();
    app_.reset();
    hooks_ = std::make_unique<webhook_listener>(webhook_failures);
    cfg.adyen.webhook_url = hooks_->url();
    if (cfg.stripe.webhook_url.empty())
      cfg.stripe.webhook_url = hooks_->url_for("/webhooks/stripe");
    if (cfg.razorpay.webhook_url.empty())
      cfg.razorpay.webhook_url = hooks_->url_for("/webhooks/razorpay");
    if (cfg.paypal.webhook_url.empty())
      cfg.paypal.webhook_url = hooks_->url_for("/webhooks/paypal");
    if (cfg.checkout_com.webhook_url.empty())
      cfg.checkout_com.webhook_url = hooks_->url_for("/webhooks/checkout_com");
    if (cfg.braintree.webhook_url.empty())
      cfg.braintree.webhook_url = hooks_->url_for("/webhooks/braintree");
    cfg.webhooks.initial_delay_ms = 5;
    if (cfg.webhooks.backoff_base_ms == 100) cfg.webhooks.backoff_base_ms = 10;
    app_ = std::make_unique<sim_app>(cfg);
    app_->start();
    client_ = std::make_unique<tls_client>(app_->tls().ca_cert_pem, app_->port());
  }

  http_reply adyen(const std::string& path, const boost::json::object& body,
                   std::map<std::string, std::string> headers = {}) {
    headers.emplace("X-API-Key", api_key);
    return client_->request("POST", "/adyen" + path, boost::json::serialize(body), headers);
  }

  static std::string app_config_key() { return adyen::config{}.hmac_key_hex; }

  // Authorises a payment and returns its pspReference.
  std::string authorise(bool manual, std::int64_t value = 1000) {
    auto r = adyen("/v71/payments", payment_body("APPROVED", manual, value));
    EXPECT_EQ(r.status, 200) << r.body;
    return std::string(r.json().at("pspReference").as_string());
  }

  http_reply get(const std::string& target) { return client_->request("GET", target); }

  static boost::json::object payment_body(const std::string& holder, bool manual = false,
                                          std::int64_t value = 1000) {
    boost::json::object body{{"merchantAccount", merchant},
                             {"reference", "order-" + holder},
                             {"amount", {{"currency", "EUR"}, {"value", value}}},
                             {"paymentMethod",
                              {{"type", "scheme"},
                               {"number", "4111111111111111"},
                               {"expiryMonth", "03"},
                               {"expiryYear", "2030"},
                               {"cvc", "737"},
                               {"holderName", holder}}},
                             {"returnUrl", "https://shop.example/return"}};
    if (manual) body["additionalData"] = {{"manualCapture", "true"}};
    return body;
  }

  static const boost::json::object& item(const received_webhook& w) {
    return w.body.at("notificationItems").at(0).at("NotificationRequestItem").as_object();
  }

  // First received notification item with this event code and reference, or nullptr.
  const boost::json::object* find_event(const std::vector<received_webhook>& hooks,
                                        const std::string& event, const std::string& psp) {
    for (const auto& w : hooks) {
      const auto& i = item(w);
      if (i.at("eventCode") == event.c_str() && i.at("pspReference") == psp.c_str()) return &i;
    }
    return nullptr;
  }

  std::unique_ptr<webhook_listener> hooks_;
  std::unique_ptr<sim_app> app_;
  std::unique_ptr<tls_client> client_;
};

inline std::string s(const boost::json::value& v) {
  return std::string(v.as_string());
}

}  // namespace processor_sim::testing
