// Identity, status tables and the flows Adyen has no API for.
#include "connectors/adyen/status_map.hpp"
#include "connectors/registry.hpp"
#include "test_support.hpp"

namespace adyen_test {
namespace {

namespace adyen = cs::connectors::adyen;

TEST(AdyenIdentity, NameKeysAndBaseUrls) {
  const auto& c = cs::connectors::adyen::descriptor();
  EXPECT_EQ(c.name, "adyen");
  EXPECT_EQ(c.credential_keys, (std::vector<std::string_view>{"api_key", "merchant_account"}));
  auto urls = c.base_urls;
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(urls[0].name, "default");
  EXPECT_EQ(urls[0].test_default, "https://checkout-test.adyen.com/v71");
  EXPECT_EQ(urls[1].name, "disputes");
  EXPECT_EQ(urls[1].test_default, "https://ca-test.adyen.com/ca/services/DisputeService/v30");
  EXPECT_EQ(cs::connectors::builtin().find("adyen"), &c);
}

TEST(AdyenStatusMap, ResultCodes) {
  using adyen::map_result_code;
  auto manual = capture_method::manual, automatic = capture_method::automatic;
  EXPECT_EQ(map_result_code("Authorised", manual), payment_status::authorized);
  EXPECT_EQ(map_result_code("Authorised", automatic), payment_status::charged);
  EXPECT_EQ(map_result_code("Refused", automatic), payment_status::failure);
  EXPECT_EQ(map_result_code("Error", automatic), payment_status::failure);
  for (auto rc : {"RedirectShopper", "ChallengeShopper", "IdentifyShopper", "PresentToShopper"})
    EXPECT_EQ(map_result_code(rc, manual), payment_status::authentication_pending) << rc;
  EXPECT_EQ(map_result_code("Pending", manual), payment_status::pending);
  EXPECT_EQ(map_result_code("Received", manual), payment_status::pending);
  EXPECT_EQ(map_result_code("Cancelled", manual), payment_status::voided);
  EXPECT_EQ(map_result_code("PartiallyAuthorised", manual), payment_status::partially_authorized);
  EXPECT_EQ(map_result_code("authorised", manual), payment_status::unrecognized);
  EXPECT_EQ(map_result_code("", manual), payment_status::unrecognized);
}

TEST(AdyenStatusMap, RefusalCodesByNumber) {
  const std::pair<const char*, decline_code> cases[] = {{"2", decline_code::generic},
                                                        {"3", decline_code::referral},
                                                        {"4", decline_code::processing_error},
                                                        {"5", decline_code::blocked},
                                                        {"6", decline_code::expired_card},
                                                        {"7", decline_code::invalid_amount},
                                                        {"8", decline_code::invalid_card},
                                                        {"9", decline_code::issuer_unavailable},
                                                        {"10", decline_code::not_supported},
                                                        {"11", decline_code::authentication_failed},
                                                        {"12", decline_code::insufficient_funds},
                                                        {"14", decline_code::fraud_suspected},
                                                        {"15", decline_code::cancelled},
                                                        {"16", decline_code::cancelled},
                                                        {"20", decline_code::fraud_suspected},
                                                        {"22", decline_code::fraud_suspected},
                                                        {"24", decline_code::incorrect_cvc},
                                                        {"25", decline_code::blocked},
                                                        {"28", decline_code::limit_exceeded}};
  for (auto [code, decline] : cases) EXPECT_EQ(adyen::map_refusal(code, ""), decline) << code;
  EXPECT_EQ(adyen::map_refusal("999", ""), decline_code::generic);
}

TEST(AdyenStatusMap, RefusalByReasonTextWhenNoCode) {
  EXPECT_EQ(adyen::map_refusal("", "CVC Declined"), decline_code::incorrect_cvc);
  EXPECT_EQ(adyen::map_refusal("", "expired card"), decline_code::expired_card);
  EXPECT_EQ(adyen::map_refusal("", "FRAUD-CANCELLED"), decline_code::fraud_suspected);
  EXPECT_EQ(adyen::map_refusal("6", "CVC Declined"), decline_code::expired_card)
      << "the code wins over the text";
}

TEST(AdyenStatusMap, RetryableRefusals) {
  EXPECT_TRUE(adyen::refusal_error("Refused", "9", "Issuer Unavailable", "").retryable);
  EXPECT_TRUE(adyen::refusal_error("Refused", "4", "Acquirer Error", "").retryable);
  EXPECT_FALSE(adyen::refusal_error("Refused", "12", "Not enough balance", "").retryable);
  EXPECT_FALSE(adyen::refusal_error("Refused", "2", "Refused", "").retryable);
  EXPECT_TRUE(adyen::refusal_error("Error", "", "", "").retryable);
}

TEST(AdyenNoGet, PaymentAndRefundLookupsExplainTheAlternative) {
  const auto& a = cs::connectors::adyen::descriptor();
  EXPECT_EQ(a.flows.get_payment, nullptr);
  EXPECT_EQ(a.flows.get_refund, nullptr);
  EXPECT_EQ(a.flows.get_dispute, nullptr);
  auto p = flow_not_offered(a, flow::get_payment);
  EXPECT_EQ(p.code, error_code::failed_precondition);
  EXPECT_EQ(p.reason, reason::not_supported_by_processor);
  EXPECT_NE(p.message.find("HandleWebhook"), std::string::npos) << p.message;
  EXPECT_NE(p.message.find("CompleteAuthorize"), std::string::npos) << p.message;
  auto r = flow_not_offered(a, flow::get_refund);
  EXPECT_EQ(r.reason, reason::not_supported_by_processor);
  EXPECT_NE(r.message.find("REFUND"), std::string::npos);
}

TEST(AdyenMissingIdempotencyKey, MutatingFlowsRequireIt) {
  auto r = authorize_manual();
  r.idempotency_key.clear();
  auto c = creds();
  EXPECT_EQ(
      error_of(cs::connectors::adyen::descriptor().flows.authorize(r, flow_context{c, {}})).field,
      "idempotency_key");
}

}  // namespace
}  // namespace adyen_test
