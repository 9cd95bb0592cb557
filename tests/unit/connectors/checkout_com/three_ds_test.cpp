// 3-D Secure: an authorization with a return URL asks for it (3ds.enabled, success_url and
// failure_url), a 202 Pending with _links.redirect waits for the shopper, and CompleteAuthorize
// reads the payment back (by payment id, else by the cko-session-id of the return URL).
#include "test_support.hpp"

namespace cko_test {
namespace {

using connector_testing::read_golden;

constexpr const char* return_url = "https://shop.example/return?order=1001";
constexpr const char* session_id = "sid_ubfj2q76miwundwlk72vxt2i7q";

http_response golden_reply(int status, const std::string& name) {
  return reply(status, read_golden("checkout_com", name + ".response.json"));
}

complete_authorize_request completion() {
  complete_authorize_request r;
  r.idempotency_key = "idem-complete-1";
  r.merchant_reference = "order-1001";
  r.connector_payment_id = payment_id;
  r.redirect_payload = {{"cko-session-id", session_id}};
  return r;
}

TEST(CheckoutComThreeDs, ReturnUrlAsksForThreeDsAndComesBackThere) {
  auto req = card_authorize(capture_method::automatic);
  req.return_url = return_url;
  auto run = drive(&flow_table::authorize, req, {golden_reply(202, "payment_3ds_pending")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "authorize_3ds");
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authentication_pending);
  EXPECT_EQ(p.connector_payment_id, payment_id);
  ASSERT_TRUE(p.redirect);
  EXPECT_EQ(p.redirect->method, "GET");
  EXPECT_TRUE(p.redirect->form_fields.empty());
}

TEST(CheckoutComThreeDs, WithoutReturnUrlNoThreeDsIsAskedFor) {
  auto run = drive(&flow_table::authorize, card_authorize(), {});
  ASSERT_EQ(run.requests.size(), 1u);
  auto body = boost::json::parse(run.requests[0].body).as_object();
  EXPECT_FALSE(body.contains("3ds"));
  EXPECT_FALSE(body.contains("success_url"));
  EXPECT_FALSE(body.contains("failure_url"));
}

TEST(CheckoutComThreeDs, ReturnUrlMustBeAWebUrlTheSpecTakes) {
  for (std::string bad :
       {std::string("shop.example/return"), std::string("ftp://shop.example/r"),
        "https://shop.example/" + std::string(250, 'a'), std::string("https://shop.example/a b")}) {
    auto req = card_authorize();
    req.return_url = bad;
    auto run = drive(&flow_table::authorize, req, {});
    EXPECT_TRUE(run.requests.empty()) << bad;
    EXPECT_EQ(run.err().field, "return_url") << bad;
  }
}

TEST(CheckoutComCompleteAuthorize, GetsThePaymentByItsId) {
  auto run = drive(&flow_table::complete_authorize, completion(),
                   {golden_reply(200, "payment_authorized")});
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "complete_authorize");
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::authorized);
  EXPECT_EQ(p.connector_payment_id, payment_id);
  EXPECT_EQ(p.merchant_reference, "order-1001");
  // The card the payment stored, as the mandate a 3-D Secure SetupMandate ends with.
  ASSERT_TRUE(p.mandate);
  EXPECT_EQ(p.mandate->mandate_id, std::string("src_nq6m5dqvxmsunhtzf7adymbq3i.") + payment_id);
  EXPECT_EQ(p.mandate->status, mandate_status::active);
}

TEST(CheckoutComCompleteAuthorize, SessionIdFindsThePaymentWhenNoIdIsGiven) {
  auto req = completion();
  req.connector_payment_id.clear();
  auto run = drive(&flow_table::complete_authorize, req, {});
  ASSERT_EQ(run.requests.size(), 1u);
  EXPECT_EQ(run.requests[0].target, std::string("/payments/") + session_id);
  EXPECT_EQ(run.requests[0].method, http_method::get);
}

TEST(CheckoutComCompleteAuthorize, CapturedIsCharged) {
  std::string captured = read_golden("checkout_com", "payment_authorized.response.json");
  captured.replace(captured.find("\"Authorized\""), 12, "\"Captured\"");
  auto run = drive(&flow_table::complete_authorize, completion(), {reply(200, captured)});
  EXPECT_EQ(run.value().status, payment_status::charged);
}

TEST(CheckoutComCompleteAuthorize, FailedChallengeIsAFailureWithTheResponseCode) {
  auto run = drive(&flow_table::complete_authorize, completion(),
                   {golden_reply(200, "payment_3ds_declined")});
  const auto& p = run.value();
  EXPECT_EQ(p.status, payment_status::failure);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->processor_code, "20154");
  EXPECT_EQ(p.error->code, decline_code::authentication_required);
  EXPECT_EQ(p.error->processor_message, "3D Secure authentication required");
  EXPECT_FALSE(p.mandate);
}

TEST(CheckoutComCompleteAuthorize, StillPendingIsAuthenticationPending) {
  auto with_link = drive(&flow_table::complete_authorize, completion(),
                         {golden_reply(200, "payment_3ds_pending")});
  EXPECT_EQ(with_link.value().status, payment_status::authentication_pending);
  EXPECT_TRUE(with_link.value().redirect);
  auto without_link = drive(&flow_table::complete_authorize, completion(),
                            {reply(200, std::string(R"({"id":")") + payment_id +
                                            R"(","status":"Pending","amount":1050,)"
                                            R"("currency":"USD"})")});
  EXPECT_EQ(without_link.value().status, payment_status::authentication_pending);
  EXPECT_FALSE(without_link.value().redirect);
  EXPECT_FALSE(without_link.value().mandate);
}

TEST(CheckoutComCompleteAuthorize, IdsAreCheckedBeforeAnyCall) {
  auto none = completion();
  none.connector_payment_id.clear();
  none.redirect_payload.clear();
  auto e = drive(&flow_table::complete_authorize, none, {}).err();
  EXPECT_EQ(e.field, "connector_payment_id");
  EXPECT_EQ(e.reason, reason::missing_field);
  auto bad_session = none;
  bad_session.redirect_payload = {{"cko-session-id", "sid_../../disputes"}};
  EXPECT_EQ(drive(&flow_table::complete_authorize, bad_session, {}).err().field,
            "redirect_payload.cko-session-id");
  auto bad_id = completion();
  bad_id.connector_payment_id = "act_y3oqhf46pyzuxjbcn2giaqnb44";
  EXPECT_EQ(drive(&flow_table::complete_authorize, bad_id, {}).err().field, "connector_payment_id");
}

TEST(CheckoutComCompleteAuthorize, UnknownPaymentIsNotFound) {
  auto run = drive(&flow_table::complete_authorize, completion(), {reply(404, "")});
  EXPECT_EQ(run.err().code, error_code::not_found);
}

}  // namespace
}  // namespace cko_test
