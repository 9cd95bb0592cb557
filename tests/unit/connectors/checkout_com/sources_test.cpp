// Token and stored-card sources (payment_method.token tok_… / src_…), the optional
// processing_channel_id credential, and what the descriptor offers.
#include "test_support.hpp"

namespace cko_test {
namespace {

constexpr const char* channel = "pc_q4dbxom5jbgudnjzjpz7j2z6uq";

authorize_request token_authorize(std::string token) {
  auto r = card_authorize();
  r.method = processor_token{std::move(token)};
  return r;
}

credentials with_channel(std::string value) {
  auto c = creds();
  c.set("processing_channel_id", std::move(value));
  return c;
}

boost::json::object body_of(const http_request& r) {
  return boost::json::parse(r.body).as_object();
}

TEST(CheckoutComSources, TokenIsATokenSourceAndTheChannelIsSent) {
  auto run = drive(&flow_table::authorize, token_authorize("tok_ubfj2q76miwundwlk72vxt2i7q"), {},
                   with_channel(channel));
  ASSERT_EQ(run.requests.size(), 1u);
  expect_golden_request(run.requests[0], "authorize_token_channel");
}

TEST(CheckoutComSources, StoredSourceIsAnIdSource) {
  auto run = drive(&flow_table::authorize, token_authorize("src_nq6m5dqvxmsunhtzf7adymbq3i"), {});
  ASSERT_EQ(run.requests.size(), 1u);
  auto body = body_of(run.requests[0]);
  EXPECT_EQ(body["source"],
            (boost::json::object{{"type", "id"}, {"id", "src_nq6m5dqvxmsunhtzf7adymbq3i"}}));
  EXPECT_FALSE(body.contains("processing_channel_id"));
}

TEST(CheckoutComSources, OtherTokensAreRefusedNamingTheToken) {
  for (const char* bad :
       {"pm_1Nxyz", "tok_short", "src_nq6m5dqvxmsunhtzf7adymbq3", "tok_ubfj2q76miwundwlk72vxt2i7q7",
        "src_nq6m5dqvxmsunhtzf7adym-q3i", "TOK_ubfj2q76miwundwlk72vxt2i7q", ""}) {
    auto run = drive(&flow_table::authorize, token_authorize(bad), {});
    EXPECT_TRUE(run.requests.empty()) << bad;
    EXPECT_EQ(run.err().field, "payment_method.token") << bad;
    EXPECT_EQ(run.err().code, error_code::invalid_argument) << bad;
  }
}

TEST(CheckoutComSources, MalformedChannelIsRefusedBeforeAnyCall) {
  for (const char* bad : {"mer_q4dbxom5jbgudnjzjpz7j2z6uq", "pc_Q4DBXOM5JBGUDNJZJPZ7J2Z6UQ",
                          "pc_short", "pc_q4dbxom5jbgudnjzjpz7j2z6uq1"}) {
    auto run = drive(&flow_table::authorize, card_authorize(), {}, with_channel(bad));
    EXPECT_TRUE(run.requests.empty()) << bad;
    EXPECT_EQ(run.err().field, "processing_channel_id") << bad;
  }
}

TEST(CheckoutComSources, ChannelGoesOnPaymentsOnlyNotOnActions) {
  capture_request capture;
  capture.idempotency_key = "idem-capture-1";
  capture.connector_payment_id = payment_id;
  auto run = drive(&flow_table::capture, capture, {}, with_channel(channel));
  ASSERT_EQ(run.requests.size(), 1u);
  // CaptureRequest has no processing_channel_id.
  EXPECT_FALSE(body_of(run.requests[0]).contains("processing_channel_id"));
}

TEST(CheckoutComSources, ConfigShapeOfTheChannel) {
  const auto& c = cs::connectors::checkout_com::descriptor();
  ASSERT_TRUE(c.secret_shape);
  EXPECT_TRUE(c.secret_shape("processing_channel_id", channel).ok());
  auto e = c.secret_shape("merchant_accounts.cko.processing_channel_id", "pc_nope");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.err().field, "merchant_accounts.cko.processing_channel_id");
  EXPECT_EQ(e.err().message.find("pc_nope"), std::string::npos);
  EXPECT_FALSE(c.secret_shape("secret_key", "pk_sbox_abc").ok());
}

TEST(CheckoutComDescriptor, OffersEveryFlowButDefendWhichSaysWhatToDo) {
  const auto& c = cs::connectors::checkout_com::descriptor();
  for (auto f : {flow::authorize, flow::capture, flow::void_payment, flow::get_payment,
                 flow::refund, flow::get_refund, flow::setup_mandate, flow::complete_authorize,
                 flow::recurring_charge, flow::revoke_mandate, flow::accept_dispute,
                 flow::submit_evidence, flow::get_dispute, flow::webhook})
    EXPECT_TRUE(offers(c, f)) << to_string(f);
  EXPECT_FALSE(offers(c, flow::defend_dispute));
  defend_dispute_request req;
  req.dispute_id = "dsp_3dc29c89ce075g46136d7df7fa";
  req.reason_code = "x";
  auto e = drive(&flow_table::defend_dispute, req, {}).err();
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_EQ(e.reason, reason::not_supported_by_processor);
  EXPECT_NE(e.message.find("SubmitEvidence"), std::string::npos);
  EXPECT_EQ(c.credential_keys, std::vector<std::string_view>{"secret_key"});
  EXPECT_TRUE(supports_method(c, method_kind::processor_token));
}

}  // namespace
}  // namespace cko_test
