// Pure parts: fault specs and plans, log masking, notification bodies.

#include "adyen/adyen_notifications.hpp"
#include "faults.hpp"
#include "log_mask.hpp"
#include "test_client.hpp"

#include <gtest/gtest.h>

namespace processor_sim {
namespace {

TEST(faults, parses_every_spec_and_rejects_junk) {
  EXPECT_EQ(parse_fault("latency:250")->value, 250u);
  EXPECT_EQ(parse_fault("status:429")->kind, fault_kind::status);
  EXPECT_EQ(parse_fault("reset")->kind, fault_kind::reset);
  EXPECT_EQ(parse_fault("reset-after-apply")->kind, fault_kind::reset_after_apply);
  EXPECT_EQ(parse_fault("truncate")->kind, fault_kind::truncate);
  EXPECT_EQ(parse_fault("garble")->kind, fault_kind::garble);
  auto applied = parse_fault("status-after-apply:500");
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->kind, fault_kind::status_after_apply);
  EXPECT_EQ(applied->value, 500u);
  EXPECT_EQ(to_string(*applied), "status-after-apply:500");
  EXPECT_FALSE(parse_fault("status-after-apply:200"));
  EXPECT_FALSE(parse_fault("status:200"));
  EXPECT_FALSE(parse_fault("latency:abc"));
  EXPECT_FALSE(parse_fault("explode"));
  auto scoped = parse_scoped_fault("/adyen/v71/payments=status:503");
  ASSERT_TRUE(scoped);
  EXPECT_EQ(scoped->path_prefix, "/adyen/v71/payments");
  EXPECT_EQ(scoped->what.value, 503u);
}

TEST(faults, status_options_slow_loris_tls_fail_and_scoped_specs_with_equals) {
  auto f = parse_fault("status:429:retry-after=1");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->value, 429u);
  EXPECT_EQ(f->retry_after_s, 1u);
  EXPECT_FALSE(f->should_retry);
  f = parse_fault("status:409:should-retry=false:retry-after=0");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->should_retry, false);
  EXPECT_EQ(f->retry_after_s, 0u);
  EXPECT_EQ(to_string(*f), "status:409:retry-after=0:should-retry=false");
  EXPECT_EQ(to_string(*parse_fault("status:503")), "status:503");
  for (const char* junk :
       {"status:429:retry-after=x", "status:429:retry-after", "status:429:", "status:429:foo=1",
        "status:429:retry-after=1:retry-after=2", "status:409:should-retry=yes", "slow-loris:0",
        "slow-loris:", "tls-fail:1"}) {
    EXPECT_FALSE(parse_fault(junk)) << junk;
  }
  EXPECT_EQ(parse_fault("slow-loris:100")->kind, fault_kind::slow_loris);
  EXPECT_EQ(parse_fault("tls-fail")->kind, fault_kind::tls_fail);

  // The '=' inside an option is not a prefix separator: prefixes are paths.
  auto bare = parse_scoped_fault("status:429:retry-after=1");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->path_prefix, "");
  EXPECT_EQ(bare->what.retry_after_s, 1u);
  auto scoped = parse_scoped_fault("/stripe=status:429:retry-after=2");
  ASSERT_TRUE(scoped);
  EXPECT_EQ(scoped->path_prefix, "/stripe");
  EXPECT_EQ(scoped->what.retry_after_s, 2u);
  EXPECT_FALSE(parse_scoped_fault("/adyen=tls-fail"));
  EXPECT_FALSE(parse_scoped_fault("/adyen"));
}

TEST(faults, tls_fail_is_taken_per_connection_never_per_request) {
  fault_plan plan({}, 0);
  EXPECT_FALSE(plan.take_tls_failure());
  plan.enqueue({"", {fault_kind::tls_fail, 0}}, 2);
  EXPECT_EQ(plan.queued(), 2u);
  EXPECT_FALSE(plan.choose("/adyen/v71/payments", ""));
  EXPECT_FALSE(plan.choose("/adyen/v71/payments", "tls-fail"));
  EXPECT_TRUE(plan.take_tls_failure());
  EXPECT_TRUE(plan.take_tls_failure());
  EXPECT_FALSE(plan.take_tls_failure());
  EXPECT_EQ(plan.tls_failures(), 2u);

  fault_plan always({{"", {fault_kind::tls_fail, 0}}}, 0);
  EXPECT_TRUE(always.take_tls_failure());
  EXPECT_TRUE(always.take_tls_failure());
  EXPECT_FALSE(always.choose("/adyen/v71/payments", ""));
}

TEST(faults, header_beats_queue_beats_config_and_queue_counts_down) {
  fault_plan plan({{"/adyen/", {fault_kind::garble, 0}}}, 0);
  plan.enqueue({"/adyen/v71/payments", {fault_kind::status, 503}}, 2);
  EXPECT_EQ(plan.choose("/adyen/v71/payments", "reset")->kind, fault_kind::reset);
  EXPECT_EQ(plan.choose("/adyen/v71/payments", "")->value, 503u);
  EXPECT_EQ(plan.choose("/adyen/v71/payments", "")->value, 503u);
  EXPECT_EQ(plan.choose("/adyen/v71/payments", "")->kind, fault_kind::garble);
  EXPECT_FALSE(plan.choose("/stripe/v1/charges", ""));
  plan.enqueue({"/adyen/v71/payments", {fault_kind::truncate, 0}}, 5);
  EXPECT_EQ(plan.queued(), 5u);
  plan.clear_queue();
  EXPECT_EQ(plan.queued(), 0u);
}

TEST(log_mask, masks_card_numbers_and_drops_cvc_at_any_depth) {
  const std::string masked = mask_for_log(
      R"({"paymentMethod":{"number":"4111111111111111","cvc":"737","holderName":"APPROVED"},)"
      R"("items":[{"cardNumber":"5555444433331111","cvv":"123"}]})");
  EXPECT_EQ(masked.find("4111111111111111"), std::string::npos);
  EXPECT_EQ(masked.find("737"), std::string::npos);
  EXPECT_EQ(masked.find("123"), std::string::npos);
  EXPECT_NE(masked.find("411111...1111"), std::string::npos);
  EXPECT_NE(masked.find("555544...1111"), std::string::npos);
  EXPECT_NE(masked.find("APPROVED"), std::string::npos);
  EXPECT_EQ(mask_for_log("number=4111111111111111"), "<23 bytes, not JSON>");
}

TEST(log_mask, masks_paypal_card_number_and_drops_security_code) {
  const std::string masked = mask_for_log(
      R"({"payment_source":{"card":{"number":"4012888888881881","security_code":"987",)"
      R"("expiry":"2030-12"}}})");
  EXPECT_EQ(masked.find("4012888888881881"), std::string::npos);
  EXPECT_EQ(masked.find("987"), std::string::npos);
  EXPECT_NE(masked.find("401288...1881"), std::string::npos);
}

TEST(log_mask, drops_wallet_tokens_and_cryptograms_and_masks_network_tokens) {
  const std::string masked = mask_for_log(
      R"({"paymentMethod":{"type":"applepay","applePayToken":"eyJTOKEN"},)"
      R"("mpiData":{"cavv":"CAVVVALUE","tokenAuthenticationVerificationValue":"TAVVVALUE"},)"
      R"("source":{"type":"network_token","token":"4242424242424242","cryptogram":"CRYPTO"},)"
      R"("token_data":{"data":"APPLEDATA"},"paymentMethod2":{"googlePayToken":"GOOGLE"}})");
  for (const char* secret : {"eyJTOKEN", "CAVVVALUE", "TAVVVALUE", "4242424242424242", "CRYPTO",
                             "APPLEDATA", "GOOGLE"}) {
    EXPECT_EQ(masked.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(masked.find("424242...4242"), std::string::npos);
  EXPECT_NE(masked.find("applepay"), std::string::npos);
}

TEST(adyen_notification, body_shape_and_signature_match_an_independent_computation) {
  adyen::notification n;
  n.event_code = "CAPTURE";
  n.psp_reference = "ABCDEFGHIJ123456";
  n.original_reference = "ZYXWVUTSRQ654321";
  n.merchant_account = "TestMerchantECOM";
  n.merchant_reference = "order-1";
  n.value = {"EUR", 1000};
  n.success = false;
  n.reason = "Insufficient balance on payment";
  const std::string key = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
  auto body = adyen::notification_body(n, key);
  EXPECT_EQ(body.at("live"), "false");
  const auto& item = body.at("notificationItems").at(0).at("NotificationRequestItem").as_object();
  EXPECT_EQ(item.at("success"), "false");
  EXPECT_EQ(item.at("originalReference"), "ZYXWVUTSRQ654321");
  EXPECT_EQ(item.at("additionalData").at("hmacSignature").as_string(),
            testing::adyen_signature(key, item).c_str());
  // Changing any signed field changes the signature.
  n.value.value = 1001;
  EXPECT_NE(adyen::hmac_signature(key, n),
            std::string(item.at("additionalData").at("hmacSignature").as_string()));
  EXPECT_FALSE(adyen::is_hex_key("xyz"));
}

}  // namespace
}  // namespace processor_sim
