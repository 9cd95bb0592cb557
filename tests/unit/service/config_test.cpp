#include "service/config.hpp"

#include <gtest/gtest.h>

using cs::service::parse_config;

namespace {

constexpr const char* minimal = R"(
[connectors.adyen]
pool_size = 3
[merchant_accounts.demo]
connector = "adyen"
api_key = "AQEkey"
merchant_account = "TestMerchant"
webhook_secret = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056"
)";

std::string error_field(std::string_view text, char** env = nullptr) {
  auto r = parse_config(text, "test.toml", env);
  EXPECT_FALSE(r.ok());
  return r.ok() ? std::string() : r.err().field;
}

}  // namespace

TEST(Config, MinimalFileGetsDefaults) {
  auto r = parse_config(minimal, "test.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->grpc_address, "127.0.0.1:50051");
  auto& adyen = r->runtime.connectors.at("adyen");
  EXPECT_EQ(adyen.pool.workers, 3u);
  EXPECT_EQ(adyen.request_timeout.count(), 10000);
  EXPECT_EQ(adyen.pool.base_urls.at("default").host, "checkout-test.adyen.com");
  EXPECT_EQ(adyen.pool.base_urls.at("default").base_path, "/v71");
  EXPECT_EQ(adyen.pool.base_urls.at("disputes").base_path, "/ca/services/DisputeService/v30");
  auto& acct = r->runtime.accounts.at("demo");
  EXPECT_EQ(acct.creds.find("api_key")->reveal(), "AQEkey");
}

TEST(Config, UnknownKeysAreNamed) {
  EXPECT_EQ(error_field(std::string(minimal) + "[server]\ngrpc_adress = \"x:1\"\n"),
            "server.grpc_adress");
  EXPECT_EQ(error_field(std::string(minimal) + "[extra]\n"), "extra");
  EXPECT_EQ(error_field("[connectors.adyen]\npoolsize = 2\n"), "connectors.adyen.poolsize");
  EXPECT_EQ(error_field("[connectors.stripy]\n"), "connectors.stripy");
  EXPECT_EQ(error_field("[connectors.adyen.base_urls]\nchekout = \"https://a\"\n"),
            "connectors.adyen.base_urls.chekout");
}

TEST(Config, BadValuesAreNamed) {
  EXPECT_EQ(error_field("[connectors.adyen]\npool_size = 0\n"), "connectors.adyen.pool_size");
  EXPECT_EQ(error_field("[connectors.adyen]\npool_size = \"two\"\n"), "connectors.adyen.pool_size");
  EXPECT_EQ(
      error_field("[connectors.adyen]\nconnect_timeout_ms = 5000\nrequest_timeout_ms = 100\n"),
      "connectors.adyen.request_timeout_ms");
  EXPECT_EQ(error_field("[connectors.adyen.base_urls]\ndefault = \"ftp://x\"\n"),
            "connectors.adyen.base_urls.default");
  EXPECT_EQ(error_field("[log]\nlevel = \"loud\"\n[connectors.adyen]\n"), "log.level");
  EXPECT_EQ(error_field("[tls]\nca_file = \"/nonexistent/ca.pem\"\n[connectors.adyen]\n"),
            "tls.ca_file");
  EXPECT_EQ(error_field("[server]\n"), "connectors");
  EXPECT_EQ(error_field("[connectors.adyen]\n[merchant_accounts.m]\nconnector = \"adyen\"\n"
                        "api_key = \"k\"\n"),
            "merchant_accounts.m.merchant_account");
  EXPECT_EQ(error_field("[connectors.adyen]\n[merchant_accounts.m]\nconnector = \"adyen\"\n"
                        "api_key = \"k\"\nmerchant_account = \"m\"\npassword = \"x\"\n"),
            "merchant_accounts.m.password");
}

TEST(Config, SyntaxErrorsNameFileAndLine) {
  auto r = parse_config("[server\n", "broken.toml", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "broken.toml");
  EXPECT_NE(r.err().message.find("line 1"), std::string::npos);
}

TEST(Config, EnvironmentOverridesSingleKeys) {
  std::string a = "CS_SERVER__GRPC_ADDRESS=0.0.0.0:6000";
  std::string b = "CS_CONNECTORS__ADYEN__POOL_SIZE=7";
  std::string c = "CS_MERCHANT_ACCOUNTS__DEMO__API_KEY=fromenv";
  std::string d = "CS_CONNECTORS__ADYEN__BASE_URLS__DEFAULT=https://127.0.0.1:8443/adyen/v71";
  std::string unrelated = "CS_BUILD_JOBS=4";
  char* env[] = {a.data(), b.data(), c.data(), d.data(), unrelated.data(), nullptr};
  auto r = parse_config(minimal, "test.toml", env);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->grpc_address, "0.0.0.0:6000");
  EXPECT_EQ(r->runtime.connectors.at("adyen").pool.workers, 7u);
  EXPECT_EQ(r->runtime.accounts.at("demo").creds.find("api_key")->reveal(), "fromenv");
  EXPECT_EQ(r->runtime.connectors.at("adyen").pool.base_urls.at("default").port, "8443");
}

TEST(Config, BadEnvironmentOverridesAreNamed) {
  std::string bad = "CS_CONNECTORS__ADYEN__POOL_SIZE=lots";
  char* env1[] = {bad.data(), nullptr};
  EXPECT_EQ(error_field(minimal, env1), "connectors.adyen.pool_size");
  std::string unknown = "CS_SERVER__GRPC_PORT=1";
  char* env2[] = {unknown.data(), nullptr};
  EXPECT_EQ(error_field(minimal, env2), "server.grpc_port");
}

TEST(Config, ErrorsNeverEchoSecrets) {
  auto r = parse_config(
      "[connectors.adyen]\n[merchant_accounts.m]\nconnector = \"adyen\"\n"
      "api_key = \"AQEverysecret\"\nmerchant_account = 7\n",
      "t.toml", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "merchant_accounts.m.merchant_account");
  EXPECT_EQ(r.err().message.find("AQEverysecret"), std::string::npos);
}

TEST(Config, LogFormatAndComponents) {
  auto r = parse_config(std::string(minimal) +
                            "[log]\nformat = \"json\"\n[log.components]\nactors = \"debug\"\n",
                        "t.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->log_format, "json");
  EXPECT_EQ(r->log_components.at("actors"), "debug");
  EXPECT_EQ(error_field(std::string(minimal) + "[log]\nformat = \"xml\"\n"), "log.format");
  EXPECT_EQ(error_field(std::string(minimal) + "[log]\ncomponents = 3\n"), "log.components");
}
