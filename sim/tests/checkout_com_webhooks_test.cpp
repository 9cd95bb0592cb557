// Webhooks: the Event shape, Cko-Signature checked with an independent HMAC, the configurable
// signature key and static Authorization header, and the shared sender's retries.
#include "checkout_com_fixture.hpp"

#include <thread>

namespace processor_sim::testing {
namespace {

class CheckoutComWebhooks : public checkout_com_test {
 protected:
  boost::json::array deliveries() { return get("/_sim/webhooks").json().as_array(); }
};

// The verifier itself, against processors-next.md §2.6's vector (made with Python's hmac).
TEST_F(CheckoutComWebhooks, the_test_verifier_matches_a_known_vector) {
  EXPECT_EQ(cko_signature("test-signature-key", R"({"id":"evt_test","type":"payment_captured"})"),
            "9f8e993cb91b2f68354e3e34b598e33152e4d2162165c4ef10ca4f06b5f0c44e");
}

TEST_F(CheckoutComWebhooks, events_are_shaped_and_signed_over_the_raw_body) {
  const auto id = sale(1050);
  auto approved = wait_event("payment_approved", id);
  auto captured = wait_event("payment_captured", id);
  ASSERT_TRUE(approved);
  ASSERT_TRUE(captured);
  for (const auto* w : {&*approved, &*captured}) {
    const std::string sig = w->header("cko-signature");
    EXPECT_EQ(sig.size(), 64u);
    EXPECT_EQ(sig, cko_signature(cko_defaults.signature_key, w->raw_body));
    EXPECT_NE(sig, cko_signature(cko_defaults.signature_key, w->raw_body + " "));
    EXPECT_NE(sig, cko_signature("another-key", w->raw_body));
    EXPECT_TRUE(w->header("authorization").empty());  // none configured
    EXPECT_EQ(w->content_type.rfind("application/json", 0), 0u);
    const auto& e = w->body.as_object();
    const std::string event_id = s(e.at("id"));
    EXPECT_EQ(event_id.rfind("evt_", 0), 0u);
    EXPECT_EQ(event_id.size(), 30u);
    EXPECT_EQ(e.at("version"), "1.0.0");
    EXPECT_FALSE(s(e.at("created_on")).empty());
    EXPECT_EQ(e.at("_links").at("payment").at("href"),
              (app_->base_url() + "/checkout_com/payments/" + id).c_str());
    const auto& data = e.at("data").as_object();
    EXPECT_EQ(data.at("id"), id.c_str());
    EXPECT_EQ(data.at("amount"), 1050);
    EXPECT_EQ(data.at("currency"), "USD");
    EXPECT_EQ(data.at("reference"), "order-1001");
    EXPECT_EQ(data.at("response_code"), "10000");
    EXPECT_EQ(s(data.at("action_id")).rfind("act_", 0), 0u);
  }
  EXPECT_NE(approved->body.at("id"), captured->body.at("id"));
  EXPECT_EQ(event_types(id), (std::vector<std::string>{"payment_approved", "payment_captured"}));

  bool listed = false;
  for (const auto& d : deliveries()) {
    if (d.at("processor") == "checkout_com" && d.at("eventCode") == "payment_captured") {
      listed = true;
      EXPECT_EQ(d.at("pspReference"), id.c_str());
      EXPECT_EQ(d.at("originalReference"), captured->body.at("id"));
    }
  }
  EXPECT_TRUE(listed);
}

TEST_F(CheckoutComWebhooks, configured_key_and_authorization_header_are_used) {
  sim_config cfg;
  cfg.checkout_com.signature_key = "merchant-workflow-key-42";
  cfg.checkout_com.webhook_authorization = "Bearer receiver-token";
  start(cfg);
  const auto id = authorize();
  auto hook = wait_event("payment_approved", id);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->header("cko-signature"),
            cko_signature("merchant-workflow-key-42", hook->raw_body));
  EXPECT_NE(hook->header("cko-signature"),
            cko_signature(cko_defaults.signature_key, hook->raw_body));
  EXPECT_EQ(hook->header("authorization"), "Bearer receiver-token");
}

TEST_F(CheckoutComWebhooks, a_failing_receiver_gets_retries_of_the_same_signed_event) {
  start({}, 2);  // the receiver answers 500 twice
  const auto id = authorize();
  auto hook = wait_event("payment_approved", id);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->header("cko-signature"),
            cko_signature(cko_defaults.signature_key, hook->raw_body));
  EXPECT_GE(hooks_->requests_seen(), 3u);
  bool delivered = false;
  for (int i = 0; i < 100 && !delivered; ++i) {
    for (const auto& d : deliveries()) {
      if (d.at("eventCode") == "payment_approved" && d.at("state") == "delivered") {
        delivered = true;
        EXPECT_EQ(d.at("attempts"), 3);
      }
    }
    if (!delivered) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(delivered);
}

TEST_F(CheckoutComWebhooks, without_a_webhook_url_nothing_is_sent) {
  // The fixture gives every processor a receiver, so this one is started by hand.
  sim_app bare(sim_config{});
  bare.start();
  tls_client c(bare.tls().ca_cert_pem, bare.port());
  auto r = c.request("POST", "/checkout_com/payments", boost::json::serialize(payment_body()),
                     {{"Authorization", "Bearer " + cko_defaults.secret_key},
                      {"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 201);
  auto stats = c.request("GET", "/_sim/stats").json();
  EXPECT_EQ(stats.at("checkout_com").at("webhooks"), 0);
  EXPECT_TRUE(c.request("GET", "/_sim/webhooks").json().as_array().empty());
  bare.stop();
}

}  // namespace
}  // namespace processor_sim::testing
