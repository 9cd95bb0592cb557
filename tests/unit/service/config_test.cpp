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
  // 0.0.0.0 without TLS needs the explicit opt-in; a boolean from the environment is a string.
  std::string insecure = "CS_SERVER__ALLOW_INSECURE=true";
  char* env[] = {a.data(),         b.data(),        c.data(), d.data(),
                 unrelated.data(), insecure.data(), nullptr};
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
  auto r = parse_config(
      std::string(minimal) + "[log]\nformat = \"json\"\n[log.components]\nactors = \"debug\"\n",
      "t.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->log_format, "json");
  EXPECT_EQ(r->log_components.at("actors"), "debug");
  EXPECT_EQ(error_field(std::string(minimal) + "[log]\nformat = \"xml\"\n"), "log.format");
  EXPECT_EQ(error_field(std::string(minimal) + "[log]\ncomponents = 3\n"), "log.components");
}

TEST(Config, ResilienceSettingsAndTheirDefaults) {
  auto r = parse_config(std::string(minimal) + R"(
[connectors.stripe]
max_in_flight = 500
max_connections = 64
[connectors.stripe.retry]
max_attempts = 4
backoff_ms = 50
backoff_max_ms = 800
budget_percent = 10
[connectors.stripe.rate_limit]
per_second = 25
queue = 10
[connectors.stripe.circuit_breaker]
failure_percent = 60
open_ms = 2000
[merchant_accounts.small]
connector = "stripe"
api_key = "sk_test_x"
rate_limit = { per_second = 2.5, burst = 2 }
)",
                        "test.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().field << ": " << r.err().message;
  auto& adyen = r->runtime.connectors.at("adyen").pool;
  EXPECT_EQ(adyen.max_in_flight, 2048u);
  EXPECT_EQ(adyen.retry.max_attempts, 3);
  EXPECT_EQ(adyen.rate_limit.per_second, 0);  // no limit unless configured
  EXPECT_EQ(adyen.breaker.failure_percent, 50);
  auto& stripe = r->runtime.connectors.at("stripe").pool;
  EXPECT_EQ(stripe.max_in_flight, 500u);
  EXPECT_EQ(stripe.client.max_connections, 64u);
  EXPECT_EQ(adyen.client.max_connections, 64u);
  EXPECT_EQ(stripe.retry.max_attempts, 4);
  EXPECT_EQ(stripe.retry.backoff.count(), 50);
  EXPECT_EQ(stripe.retry.backoff_max.count(), 800);
  EXPECT_EQ(stripe.retry.budget_percent, 10);
  EXPECT_EQ(stripe.rate_limit.per_second, 25);
  EXPECT_EQ(stripe.rate_limit.burst, 25);  // defaults to one second's worth
  EXPECT_EQ(stripe.rate_limit.queue, 10u);
  EXPECT_EQ(stripe.breaker.failure_percent, 60);
  EXPECT_EQ(stripe.breaker.open_for.count(), 2000);
  auto& small = stripe.account_rate_limits.at("small");
  EXPECT_EQ(small.per_second, 2.5);
  EXPECT_EQ(small.burst, 2);
}

TEST(Config, NonsensicalResilienceSettingsAreNamed) {
  auto with = [](std::string extra) { return "[connectors.stripe]\n" + extra; };
  EXPECT_EQ(error_field(with("[connectors.stripe.retry]\nmax_attempts = 0\n")),
            "connectors.stripe.retry.max_attempts");
  EXPECT_EQ(error_field(with("[connectors.stripe.retry]\nbackoff_ms = -5\n")),
            "connectors.stripe.retry.backoff_ms");
  EXPECT_EQ(
      error_field(with("[connectors.stripe.retry]\nbackoff_ms = 500\nbackoff_max_ms = 100\n")),
      "connectors.stripe.retry.backoff_max_ms");
  EXPECT_EQ(error_field(with("[connectors.stripe.retry]\nbudget_percent = 150\n")),
            "connectors.stripe.retry.budget_percent");
  EXPECT_EQ(error_field(with("[connectors.stripe.rate_limit]\nper_second = 0\n")),
            "connectors.stripe.rate_limit.per_second");
  EXPECT_EQ(error_field(with("[connectors.stripe.rate_limit]\nper_second = -1\n")),
            "connectors.stripe.rate_limit.per_second");
  EXPECT_EQ(error_field(with("[connectors.stripe.rate_limit]\nburst = 5\n")),
            "connectors.stripe.rate_limit.per_second");
  EXPECT_EQ(error_field(with("[connectors.stripe.rate_limit]\nper_second = 10\nburst = 0\n")),
            "connectors.stripe.rate_limit.burst");
  EXPECT_EQ(error_field(with("[connectors.stripe.rate_limit]\nper_second = 10\nqueue = -1\n")),
            "connectors.stripe.rate_limit.queue");
  EXPECT_EQ(error_field(with("[connectors.stripe.circuit_breaker]\nfailure_percent = 0\n")),
            "connectors.stripe.circuit_breaker.failure_percent");
  EXPECT_EQ(error_field(with("[connectors.stripe.circuit_breaker]\nprobes = 0\n")),
            "connectors.stripe.circuit_breaker.probes");
  EXPECT_EQ(error_field(with("max_in_flight = 0\n")), "connectors.stripe.max_in_flight");
  EXPECT_EQ(error_field(with("max_connections = 0\n")), "connectors.stripe.max_connections");
  EXPECT_EQ(error_field(with("retry = 3\n")), "connectors.stripe.retry");
  EXPECT_EQ(error_field(with("[connectors.stripe.retry]\nmax_atempts = 2\n")),
            "connectors.stripe.retry.max_atempts");
  EXPECT_EQ(error_field("[server]\ndefault_deadline_ms = 500\n" +
                        with("connect_timeout_ms = 1000\nrequest_timeout_ms = 2000\n")),
            "server.default_deadline_ms");
}

TEST(Config, ResilienceSettingsFromTheEnvironment) {
  std::string a = "CS_CONNECTORS__STRIPE__RETRY__MAX_ATTEMPTS=5";
  std::string b = "CS_CONNECTORS__STRIPE__RATE_LIMIT__PER_SECOND=12.5";
  char* env[] = {a.data(), b.data(), nullptr};
  auto r = parse_config("[connectors.stripe]\n", "test.toml", env);
  ASSERT_TRUE(r.ok()) << r.err().field << ": " << r.err().message;
  auto& stripe = r->runtime.connectors.at("stripe").pool;
  EXPECT_EQ(stripe.retry.max_attempts, 5);
  EXPECT_EQ(stripe.rate_limit.per_second, 12.5);
}

TEST(Config, PlainHttpProcessorOrSinkIsRefusedUnlessForTests) {
  auto base = std::string("[connectors.adyen.base_urls]\ndefault = \"http://127.0.0.1:9/v71\"\n");
  auto r = parse_config("[connectors.adyen]\n" + base, "test.toml", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "connectors.adyen.base_urls.default");
  EXPECT_NE(r.err().message.find("https://"), std::string::npos) << r.err().message;
  auto allowed =
      parse_config("[tls]\nallow_plain_http_for_tests = true\n[connectors.adyen]\n" + base,
                   "test.toml", nullptr);
  ASSERT_TRUE(allowed.ok()) << allowed.err().message;
  EXPECT_FALSE(allowed->runtime.connectors.at("adyen").pool.base_urls.at("default").tls);
  EXPECT_EQ(error_field("[connectors.adyen]\n[webhooks]\nsink_url = \"http://127.0.0.1:9/h\"\n"
                        "sink_signing_key = \"0123456789abcdef\"\n"),
            "webhooks.sink_url");
  EXPECT_EQ(error_field("[tls]\nallow_plain_http_for_tests = 1\n[connectors.adyen]\n"),
            "tls.allow_plain_http_for_tests");
}

TEST(Config, SecretsWithTheWrongShapeStopTheStartWithoutEchoingThem) {
  auto account = [](std::string connector, std::string fields) {
    return "[connectors." + connector + "]\n[merchant_accounts.x]\nconnector = \"" + connector +
           "\"\n" + fields;
  };
  // Adyen's HMAC key is 64 hex characters.
  auto r = parse_config(account("adyen",
                                "api_key = \"AQEkey\"\nmerchant_account = \"M\"\n"
                                "webhook_secret = \"not-a-hex-key-secret-123\"\n"),
                        "test.toml", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "merchant_accounts.x.webhook_secret");
  EXPECT_EQ(r.err().message.find("not-a-hex-key-secret-123"), std::string::npos);
  EXPECT_EQ(error_field(account("adyen", "api_key = \"AQE key\"\nmerchant_account = \"M\"\n")),
            "merchant_accounts.x.api_key");  // a space pasted into a header value
  // Stripe: sk_/rk_ keys and whsec_ endpoint secrets; a publishable key cannot charge.
  EXPECT_EQ(error_field(account("stripe", "api_key = \"pk_test_abc\"\n")),
            "merchant_accounts.x.api_key");
  EXPECT_EQ(error_field(account("stripe", "api_key = \"sk_test_abc\"\nwebhook_secret = \"abc\"\n")),
            "merchant_accounts.x.webhook_secret");
  EXPECT_TRUE(parse_config(account("stripe",
                                   "api_key = \"rk_live_abc\"\n"
                                   "webhook_secret = \"whsec_abc\"\n"),
                           "test.toml", nullptr)
                  .ok());
  // Razorpay key ids name their mode.
  EXPECT_EQ(error_field(account("razorpay", "key_id = \"abc\"\nkey_secret = \"s\"\n")),
            "merchant_accounts.x.key_id");
  EXPECT_TRUE(parse_config(account("razorpay", "key_id = \"rzp_test_abc\"\nkey_secret = \"s\"\n"),
                           "test.toml", nullptr)
                  .ok());
}

TEST(Config, WebhookModeIsRelayOrLogOnly) {
  auto r = parse_config(std::string(minimal), "test.toml", nullptr);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->runtime.webhooks.log_only);  // and no sink: the receiver stays off
  EXPECT_FALSE(r->runtime.webhooks.sink);
  auto log_only = parse_config(std::string(minimal) + "[webhooks]\nmode = \"log_only\"\n",
                               "test.toml", nullptr);
  ASSERT_TRUE(log_only.ok());
  EXPECT_TRUE(log_only->runtime.webhooks.log_only);
  EXPECT_EQ(error_field(std::string(minimal) + "[webhooks]\nmode = \"drop\"\n"), "webhooks.mode");
  EXPECT_EQ(error_field(std::string(minimal) +
                        "[webhooks]\nmode = \"log_only\"\nsink_url = \"https://h.example/x\"\n"
                        "sink_signing_key = \"0123456789abcdef\"\n"),
            "webhooks.mode");
}

// Who checks an account's webhooks: this service (the default) or the processor (PayPal's
// verify-webhook-signature); the error names the account and the allowed values.
TEST(Config, WebhookVerificationIsLocalOrApiWhereTheConnectorHasTheCall) {
  auto paypal = [](std::string line) {
    return "[connectors.paypal]\n[merchant_accounts.pp_shop]\nconnector = \"paypal\"\n"
           "client_id = \"AbCdClientId\"\nclient_secret = \"EfGhClientSecret\"\n"
           "webhook_secret = \"1JE4291016473214C\"\n" +
           line;
  };
  using cs::actors::webhook_verification;
  auto by_default = parse_config(paypal(""), "test.toml", nullptr);
  ASSERT_TRUE(by_default.ok()) << by_default.err().message;
  EXPECT_EQ(by_default->runtime.accounts.at("pp_shop").webhooks, webhook_verification::local);
  auto api = parse_config(paypal("webhook_verification = \"api\"\n"), "test.toml", nullptr);
  ASSERT_TRUE(api.ok()) << api.err().message;
  EXPECT_EQ(api->runtime.accounts.at("pp_shop").webhooks, webhook_verification::api);
  auto local = parse_config(paypal("webhook_verification = \"local\"\n"), "test.toml", nullptr);
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(local->runtime.accounts.at("pp_shop").webhooks, webhook_verification::local);

  auto bad = parse_config(paypal("webhook_verification = \"remote\"\n"), "test.toml", nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.err().field, "merchant_accounts.pp_shop.webhook_verification");
  EXPECT_NE(bad.err().message.find("local"), std::string::npos) << bad.err().message;
  EXPECT_NE(bad.err().message.find("api"), std::string::npos) << bad.err().message;
  EXPECT_EQ(error_field(paypal("webhook_verification = \"API\"\n")),
            "merchant_accounts.pp_shop.webhook_verification");
  EXPECT_EQ(error_field(paypal("webhook_verification = true\n")),
            "merchant_accounts.pp_shop.webhook_verification");

  // From the environment, as every key.
  std::string env_api = "CS_MERCHANT_ACCOUNTS__PP_SHOP__WEBHOOK_VERIFICATION=api";
  char* env[] = {env_api.data(), nullptr};
  auto from_env = parse_config(paypal(""), "test.toml", env);
  ASSERT_TRUE(from_env.ok()) << from_env.err().message;
  EXPECT_EQ(from_env->runtime.accounts.at("pp_shop").webhooks, webhook_verification::api);

  // Adyen has no verification call: "api" stops the start, naming the account and the connector.
  auto adyen =
      parse_config(std::string(minimal) + "webhook_verification = \"api\"\n", "test.toml", nullptr);
  ASSERT_FALSE(adyen.ok());
  EXPECT_EQ(adyen.err().field, "merchant_accounts.demo.webhook_verification");
  EXPECT_NE(adyen.err().message.find("adyen"), std::string::npos) << adyen.err().message;
  EXPECT_TRUE(parse_config(std::string(minimal) + "webhook_verification = \"local\"\n", "test.toml",
                           nullptr)
                  .ok());
}

TEST(Config, ListeningBeyondLoopbackNeedsTlsAndClientAuthentication) {
  auto with_server = [](std::string server) {
    return "[server]\n" + server + std::string(minimal);
  };
  auto open = parse_config(with_server("grpc_address = \"0.0.0.0:50051\"\n"), "t.toml", nullptr);
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.err().field, "server.grpc_address");
  EXPECT_NE(open.err().message.find("no TLS"), std::string::npos) << open.err().message;
  auto insecure = parse_config(
      with_server("grpc_address = \"0.0.0.0:50051\"\nallow_insecure = true\n"), "t.toml", nullptr);
  ASSERT_TRUE(insecure.ok()) << insecure.err().message;
  EXPECT_FALSE(insecure->security.loopback);
  EXPECT_TRUE(insecure->security.allow_insecure);
  EXPECT_TRUE(
      parse_config(with_server("grpc_address = \"127.0.0.1:50051\"\n"), "t.toml", nullptr).ok());
  EXPECT_TRUE(
      parse_config(with_server("grpc_address = \"[::1]:50051\"\n"), "t.toml", nullptr).ok());
  EXPECT_EQ(error_field(with_server("grpc_tls_cert_file = \"/etc/hostname\"\n")),
            "server.grpc_tls_key_file");
  EXPECT_EQ(error_field(with_server("grpc_tls_cert_file = \"/nonexistent/c.pem\"\n"
                                    "grpc_tls_key_file = \"/nonexistent/k.pem\"\n")),
            "server.grpc_tls_cert_file");
  // TLS but nobody is asked who they are: still refused beyond loopback.
  auto tls_only = parse_config(with_server("grpc_address = \"0.0.0.0:50051\"\n"
                                           "grpc_tls_cert_file = \"/etc/hostname\"\n"
                                           "grpc_tls_key_file = \"/etc/hostname\"\n"),
                               "t.toml", nullptr);
  ASSERT_FALSE(tls_only.ok());
  EXPECT_NE(tls_only.err().message.find("no client authentication"), std::string::npos);
  auto full = parse_config(with_server("grpc_address = \"0.0.0.0:50051\"\n"
                                       "grpc_tls_cert_file = \"/etc/hostname\"\n"
                                       "grpc_tls_key_file = \"/etc/hostname\"\n") +
                               "[clients.shop]\nkey_sha256 = \"" + std::string(64, 'a') +
                               "\"\nmerchant_accounts = [\"demo\"]\n",
                           "t.toml", nullptr);
  ASSERT_TRUE(full.ok()) << full.err().message;
  ASSERT_EQ(full->security.grpc.clients.size(), 1u);
  EXPECT_EQ(full->security.grpc.clients[0].key_sha256[0], 0xaa);
  EXPECT_TRUE(full->security.grpc.clients[0].merchant_accounts.contains("demo"));
  EXPECT_FALSE(full->security.grpc.clients[0].allow_call_credentials);
}

TEST(Config, ClientTablesAreChecked) {
  auto client = [](std::string body) { return std::string(minimal) + "[clients.c]\n" + body; };
  EXPECT_EQ(error_field(client("key_sha256 = \"abc\"\n")), "clients.c.key_sha256");
  EXPECT_EQ(error_field(client("key_sha256 = \"" + std::string(64, 'g') + "\"\n")),
            "clients.c.key_sha256");
  auto unknown =
      client("key_sha256 = \"" + std::string(64, '0') + "\"\nmerchant_accounts = [\"nope\"]\n");
  EXPECT_EQ(error_field(unknown), "clients.c.merchant_accounts");
  EXPECT_EQ(error_field(client("key_sha256 = \"" + std::string(64, '0') + "\"\nkey = \"x\"\n")),
            "clients.c.key");
}

TEST(Config, RedisIsOptionalAndLocalWithoutIt) {
  auto r = parse_config(minimal, "test.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_FALSE(r->runtime.redis.has_value());
}

TEST(Config, RedisTableAndItsDefaults) {
  auto r = parse_config(std::string(minimal) + "[redis]\naddress = \"redis.internal:6380\"\n",
                        "test.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().message;
  ASSERT_TRUE(r->runtime.redis.has_value());
  EXPECT_EQ(r->runtime.redis->host, "redis.internal");
  EXPECT_EQ(r->runtime.redis->port, 6380);
  EXPECT_EQ(r->runtime.redis->command_timeout.count(), 250);
  EXPECT_EQ(r->runtime.redis->connect_timeout.count(), 500);
  EXPECT_EQ(r->runtime.redis->reconnect_max.count(), 5000);
  EXPECT_EQ(r->runtime.redis_key_prefix, "cs:");
  std::string pw = "CS_REDIS__PASSWORD=from-env-secret";
  char* env[] = {pw.data(), nullptr};
  auto v6 = parse_config(std::string(minimal) +
                             "[redis]\naddress = \"[::1]:6379\"\nkey_prefix = \"eu:\"\n"
                             "command_timeout_ms = 50\n",
                         "test.toml", env);
  ASSERT_TRUE(v6.ok()) << v6.err().message;
  EXPECT_EQ(v6->runtime.redis->host, "::1");
  EXPECT_EQ(v6->runtime.redis->password, "from-env-secret");
  EXPECT_EQ(v6->runtime.redis->command_timeout.count(), 50);
  EXPECT_EQ(v6->runtime.redis_key_prefix, "eu:");
}

TEST(Config, BadRedisSettingsAreNamed) {
  std::string m(minimal);
  EXPECT_EQ(error_field(m + "[redis]\n"), "redis.address");
  EXPECT_EQ(error_field(m + "[redis]\naddress = \"localhost\"\n"), "redis.address");
  EXPECT_EQ(error_field(m + "[redis]\naddress = \"localhost:0\"\n"), "redis.address");
  EXPECT_EQ(error_field(m + "[redis]\naddress = \"localhost:70000\"\n"), "redis.address");
  EXPECT_EQ(error_field(m + "[redis]\naddress = \":6379\"\n"), "redis.address");
  EXPECT_EQ(error_field(m + "[redis]\naddress = \"h:6379\"\ncommand_timeout_ms = 0\n"),
            "redis.command_timeout_ms");
  EXPECT_EQ(error_field(m + "[redis]\naddress = \"h:6379\"\nkey_prefix = \"a{b}\"\n"),
            "redis.key_prefix");
  EXPECT_EQ(error_field(m + "[redis]\naddress = \"h:6379\"\nurl = \"redis://h\"\n"), "redis.url");
  auto r = parse_config(m + "[redis]\naddress = \"h:6379\"\npassword = 12\n", "t.toml", nullptr);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().field, "redis.password");
}
