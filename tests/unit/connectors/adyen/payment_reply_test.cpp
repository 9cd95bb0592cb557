// /payments replies (golden Adyen answers) → payment_result, and /payments/details.
#include "test_support.hpp"

namespace adyen_test {
namespace {

result<payment_result> answer(const authorize_request& r, int status, const std::string& body) {
  return run(&cs::domain::flow_table::authorize, r, status, body);
}

TEST(AdyenPaymentReply, AuthorisedManualIsAuthorized) {
  auto p = answer(authorize_manual(), 200, golden("authorize_authorised.response.json"));
  ASSERT_TRUE(p.ok()) << p.err().message;
  EXPECT_EQ(p->status, payment_status::authorized);
  EXPECT_EQ(p->connector_payment_id, "QFQTPCQ8HXSKGK82");
  EXPECT_EQ(p->processor_status, "Authorised");
  EXPECT_EQ(p->amount, (money{1000, "EUR"}));
  EXPECT_EQ(p->merchant_reference, "order-1001");
  EXPECT_FALSE(p->error);
  EXPECT_FALSE(p->captured_amount);
}

TEST(AdyenPaymentReply, AuthorisedAutomaticIsCharged) {
  auto p = answer(authorize_automatic(), 200, golden("authorize_authorised.response.json"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::charged);
  EXPECT_EQ(p->captured_amount, (money{1000, "EUR"}));
}

TEST(AdyenPaymentReply, RefusedCarriesProcessorError) {
  auto p = answer(authorize_manual(), 200, golden("authorize_refused.response.json"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::failure);
  ASSERT_TRUE(p->error);
  EXPECT_EQ(p->error->code, decline_code::insufficient_funds);
  EXPECT_EQ(p->error->processor_code, "12");
  EXPECT_EQ(p->error->processor_message, "Not enough balance");
  EXPECT_EQ(p->error->decline_code_raw, "51 : Insufficient funds");
  EXPECT_FALSE(p->error->retryable);
  EXPECT_EQ(p->connector_payment_id, "V4HZ4RBFJGXXGN82");
}

TEST(AdyenPaymentReply, ErrorResultIsRetryableFailure) {
  auto p = answer(authorize_manual(), 200, golden("authorize_error.response.json"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::failure);
  ASSERT_TRUE(p->error);
  EXPECT_EQ(p->error->code, decline_code::processing_error);
  EXPECT_TRUE(p->error->retryable);
  EXPECT_EQ(p->amount, (money{1000, "EUR"})) << "the requested amount is echoed";
}

TEST(AdyenPaymentReply, RedirectShopperGivesRedirectData) {
  auto p = answer(authorize_manual(), 200, golden("authorize_redirect.response.json"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::authentication_pending);
  ASSERT_TRUE(p->redirect);
  EXPECT_EQ(p->redirect->url,
            "https://checkoutshopper-test.adyen.com/checkoutshopper/threeDS/redirect?MD=M2RzZGs");
  EXPECT_EQ(p->redirect->method, "POST");
  EXPECT_EQ(p->redirect->form_fields.size(), 3u);
  EXPECT_EQ(p->redirect->form_fields.at("PaReq"), "BQABAgCW5sxB");
  EXPECT_EQ(p->connector_payment_id, "ZR4BS7GHGSKGK82F");
}

TEST(AdyenPaymentReply, ReceivedIsPending) {
  auto p = answer(authorize_manual(), 200, golden("authorize_pending.response.json"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::pending);
}

TEST(AdyenPaymentReply, UnknownResultCodeIsUnrecognizedNeverSuccess) {
  auto p = answer(authorize_manual(), 200,
                  R"({"resultCode":"AuthorisedMaybe","pspReference":"AAAA1111BBBB2222"})");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::unrecognized);
  EXPECT_EQ(p->processor_status, "AuthorisedMaybe");
}

TEST(AdyenPaymentReply, MissingResultCodeIsBadReply) {
  auto p = answer(authorize_manual(), 200, R"({"pspReference":"AAAA1111BBBB2222"})");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().reason, reason::bad_processor_reply);
}

TEST(AdyenPaymentReply, UnparsableSuccessBodyIsBadProcessorReply) {
  auto p = answer(authorize_manual(), 200, "<html>gateway</html>");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.err().code, error_code::unavailable);
  EXPECT_EQ(p.err().reason, reason::bad_processor_reply);
}

complete_authorize_request details_request() {
  complete_authorize_request r;
  r.idempotency_key = "idem-details-1";
  r.connector_payment_id = "ZR4BS7GHGSKGK82F";
  r.redirect_payload["redirectResult"] = "X6XtfGC3!Y...";
  r.capture = capture_method::manual;
  return r;
}

TEST(AdyenCompleteAuthorize, DetailsRequestMatchesGolden) {
  auto c = creds();
  auto s = cs::connectors::adyen::descriptor().flows.complete_authorize(details_request(),
                                                                        flow_context{c, {}});
  expect_golden_request(request_of(s), "complete_authorize");
}

TEST(AdyenCompleteAuthorize, UsesTheRequestsCaptureMethod) {
  auto r = details_request();
  auto p = run(&cs::domain::flow_table::complete_authorize, r, 200,
               golden("authorize_authorised.response.json"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::authorized);
  r.capture = capture_method::automatic;
  p = run(&cs::domain::flow_table::complete_authorize, r, 200,
          golden("authorize_authorised.response.json"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::charged);
}

TEST(AdyenCompleteAuthorize, RequiresRedirectPayload) {
  auto r = details_request();
  r.redirect_payload.clear();
  auto c = creds();
  auto e = error_of(
      cs::connectors::adyen::descriptor().flows.complete_authorize(r, flow_context{c, {}}));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "redirect_payload");
}

}  // namespace
}  // namespace adyen_test
