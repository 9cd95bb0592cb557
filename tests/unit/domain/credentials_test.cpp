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

namespace {
struct bare_connector : connector {
  std::string_view name() const noexcept override { return "bare"; }
  std::vector<std::string_view> credential_keys() const override { return {}; }
  std::vector<base_url> base_urls() const override { return {}; }
};
}  // namespace

TEST(Connector, UnsupportedFlowNamesConnectorAndFlow) {
  bare_connector c;
  credentials creds;
  auto r = c.capture(capture_request{}, flow_context{creds, {}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::unimplemented);
  EXPECT_EQ(r.err().message, "connector 'bare' does not support the capture flow");
}
