#include "domain/credentials.hpp"

#include <gtest/gtest.h>

#include "domain/connector.hpp"

using namespace cs::domain;

TEST(Credentials, MissingKeyNamesMetadataWithoutValues) {
  credentials c;
  c.set("api_key", "AQEsecretvalue");
  c.set("merchant_account", "");
  ASSERT_TRUE(c.require("adyen", "api_key").ok());
  auto r = c.require("adyen", "merchant_account");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::unauthenticated);
  EXPECT_NE(r.err().message.find("x-auth-merchant-account"), std::string::npos);
  EXPECT_EQ(r.err().message.find("AQEsecretvalue"), std::string::npos);
}

TEST(Connector, FlowAbsentFromTheTableNamesConnectorAndFlow) {
  connector c;
  c.name = "bare";
  EXPECT_FALSE(offers(c, flow::capture));
  auto e = flow_not_offered(c, flow::capture);
  EXPECT_EQ(e.code, error_code::unimplemented);
  EXPECT_EQ(e.reason, reason::unsupported_flow);
  EXPECT_EQ(e.message, "connector 'bare' does not support the capture flow");
}

TEST(Connector, NoteSaysWhatToDoInstead) {
  connector c;
  c.name = "bare";
  c.notes = {{flow::void_payment, "Bare has no void: refund instead"}};
  auto e = flow_not_offered(c, flow::void_payment);
  EXPECT_EQ(e.code, error_code::failed_precondition);
  EXPECT_EQ(e.reason, reason::not_supported_by_processor);
  EXPECT_EQ(e.message, "Bare has no void: refund instead");
  EXPECT_EQ(flow_not_offered(c, flow::refund).code, error_code::unimplemented);
}

TEST(Connector, NamedStepsAreFoundByName) {
  credentials creds;
  std::vector<exchange> done(2);
  done[0].request.step = "order";
  done[0].response.body = "order reply";
  done[1].request.step = "payment";
  done[1].response.body = "payment reply";
  flow_context ctx{creds, done};
  EXPECT_FALSE(ctx.first());
  EXPECT_EQ(ctx.last_step(), "payment");
  EXPECT_EQ(ctx.last_reply()->body, "payment reply");
  ASSERT_NE(ctx.reply_to("order"), nullptr);
  EXPECT_EQ(ctx.reply_to("order")->body, "order reply");
  EXPECT_EQ(ctx.reply_to("customer"), nullptr);
  flow_context start{creds, {}};
  EXPECT_TRUE(start.first());
  EXPECT_EQ(start.last_step(), "");
  EXPECT_EQ(start.last_reply(), nullptr);
}

TEST(Connector, FlowOfATableEntry) {
  EXPECT_EQ(flow_of(&flow_table::authorize), flow::authorize);
  EXPECT_EQ(flow_of(&flow_table::void_payment), flow::void_payment);
  EXPECT_EQ(flow_of(&flow_table::accept_dispute), flow::accept_dispute);
  EXPECT_EQ(flow_of(&flow_table::get_dispute), flow::get_dispute);
  EXPECT_EQ(flow_of(&flow_table::defend_dispute), flow::defend_dispute);
}
