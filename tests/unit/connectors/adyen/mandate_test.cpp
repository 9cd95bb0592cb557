// setup_mandate, recurring_charge and revoke_mandate.
#include "test_support.hpp"

namespace adyen_test {
namespace {

setup_mandate_request mandate_req() {
  setup_mandate_request r;
  r.idempotency_key = "idem-mandate-1";
  r.merchant_reference = "mandate-1";
  r.method = test_card();
  r.shopper.id = "cust-42";
  r.shopper.email = "jane@example.com";
  r.amount = money{0, "EUR"};
  r.model = recurring_model::subscription;
  r.return_url = "https://shop.example/return";
  return r;
}

recurring_charge_request recurring_req() {
  recurring_charge_request r;
  r.idempotency_key = "idem-rec-1";
  r.merchant_reference = "sub-2024-07";
  r.mandate_id = "8415995487234100";
  r.customer_id = "cust-42";
  r.amount = money{2500, "EUR"};
  r.capture = capture_method::manual;
  r.model = recurring_model::subscription;
  r.return_url = "https://shop.example/return";
  return r;
}

revoke_mandate_request revoke_req() {
  return {{}, "8415995487234100", "cust 42"};
}

TEST(AdyenMandate, SetupRequestMatchesGolden) {
  auto c = creds();
  expect_golden_request(request_of(cs::connectors::adyen::descriptor().flows.setup_mandate(
                            mandate_req(), flow_context{c, {}})),
                        "setup_mandate");
}

TEST(AdyenMandate, RecurringModelNames) {
  auto c = creds();
  auto r = mandate_req();
  const std::pair<recurring_model, const char*> cases[] = {
      {recurring_model::unscheduled, "UnscheduledCardOnFile"},
      {recurring_model::subscription, "Subscription"},
      {recurring_model::card_on_file, "CardOnFile"}};
  for (auto [model, name] : cases) {
    r.model = model;
    auto s = cs::connectors::adyen::descriptor().flows.setup_mandate(r, flow_context{c, {}});
    EXPECT_NE(request_of(s).body.find(std::string("\"recurringProcessingModel\":\"") + name + "\""),
              std::string::npos)
        << name;
  }
}

TEST(AdyenMandate, CustomerIdIsRequired) {
  auto r = mandate_req();
  r.shopper.id.clear();
  auto c = creds();
  auto e =
      error_of(cs::connectors::adyen::descriptor().flows.setup_mandate(r, flow_context{c, {}}));
  EXPECT_EQ(e.code, error_code::invalid_argument);
  EXPECT_EQ(e.field, "customer.id");
}

TEST(AdyenMandate, AuthorisedWithTokenIsActive) {
  auto m = run(&cs::domain::flow_table::setup_mandate, mandate_req(), 200,
               golden("setup_mandate_authorised.response.json"));
  ASSERT_TRUE(m.ok()) << m.err().message;
  EXPECT_EQ(m->status, mandate_status::active);
  ASSERT_TRUE(m->mandate);
  EXPECT_EQ(m->mandate->mandate_id, "8415995487234100");
  EXPECT_EQ(m->mandate->customer_id, "cust-42");
  EXPECT_EQ(m->payment, payment_status::authorized) << "zero-value check captures nothing";
  EXPECT_EQ(m->connector_payment_id, "MND8HXSKGK82QFQT");
}

TEST(AdyenMandate, AuthorisedWithoutTokenIsPending) {
  auto m = run(&cs::domain::flow_table::setup_mandate, mandate_req(), 200,
               golden("authorize_authorised.response.json"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status, mandate_status::pending);
  EXPECT_FALSE(m->mandate);
}

TEST(AdyenMandate, RefusedIsFailedWithError) {
  auto m = run(&cs::domain::flow_table::setup_mandate, mandate_req(), 200,
               golden("authorize_refused.response.json"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status, mandate_status::failed);
  ASSERT_TRUE(m->error);
  EXPECT_EQ(m->error->code, decline_code::insufficient_funds);
}

TEST(AdyenMandate, RedirectIsPendingWithRedirect) {
  auto m = run(&cs::domain::flow_table::setup_mandate, mandate_req(), 200,
               golden("authorize_redirect.response.json"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->status, mandate_status::pending);
  EXPECT_EQ(m->payment, payment_status::authentication_pending);
  EXPECT_TRUE(m->redirect);
}

TEST(AdyenRecurring, RequestMatchesGolden) {
  auto c = creds();
  expect_golden_request(request_of(cs::connectors::adyen::descriptor().flows.recurring_charge(
                            recurring_req(), flow_context{c, {}})),
                        "recurring_charge");
}

TEST(AdyenRecurring, RequiresMandateAndCustomer) {
  auto c = creds();
  auto r = recurring_req();
  r.customer_id.clear();
  EXPECT_EQ(
      error_of(cs::connectors::adyen::descriptor().flows.recurring_charge(r, flow_context{c, {}}))
          .field,
      "customer_id");
  r = recurring_req();
  r.mandate_id.clear();
  EXPECT_EQ(
      error_of(cs::connectors::adyen::descriptor().flows.recurring_charge(r, flow_context{c, {}}))
          .field,
      "connector_mandate_id");
}

TEST(AdyenRecurring, AuthorisedManualIsAuthorizedWithMandate) {
  auto p = run(&cs::domain::flow_table::recurring_charge, recurring_req(), 200,
               golden("authorize_authorised.response.json"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, payment_status::authorized);
  ASSERT_TRUE(p->mandate);
  EXPECT_EQ(p->mandate->mandate_id, "8415995487234100");
}

TEST(AdyenRevoke, RequestMatchesGoldenWithEncodedQuery) {
  auto c = creds();
  expect_golden_request(request_of(cs::connectors::adyen::descriptor().flows.revoke_mandate(
                            revoke_req(), flow_context{c, {}})),
                        "revoke_mandate");
}

TEST(AdyenRevoke, NoContentIsRevoked) {
  auto r = run(&cs::domain::flow_table::revoke_mandate, revoke_req(), 204, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, mandate_status::revoked);
}

TEST(AdyenRevoke, UnknownTokenIsAnError) {
  auto r = run(
      &cs::domain::flow_table::revoke_mandate, revoke_req(), 422,
      R"({"status":422,"errorCode":"800","message":"Contract not found","errorType":"validation"})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().processor_code, "800");
}

TEST(AdyenRevoke, MandateIdCannotEscapeThePath) {
  auto c = creds();
  auto r = revoke_req();
  r.mandate_id = "abc/../../payments";
  EXPECT_EQ(
      error_of(cs::connectors::adyen::descriptor().flows.revoke_mandate(r, flow_context{c, {}}))
          .field,
      "connector_mandate_id");
}

}  // namespace
}  // namespace adyen_test
