// Retries: only retryable errors, RetryInfo honoured, and one idempotency key for every attempt,
// both in with_retry and in the client's own retries (against an in-process fake server).

#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <mutex>
#include <regex>

#include "cs/sdk/sdk.hpp"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace {

namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

sdk::error retryable_error(bool retryable, std::optional<int> retry_ms = std::nullopt) {
  google::rpc::Status st;
  st.set_code(grpc::StatusCode::RESOURCE_EXHAUSTED);
  st.set_message("overloaded");
  google::rpc::ErrorInfo info;
  info.set_reason("OVERLOADED");
  (*info.mutable_metadata())["retryable"] = retryable ? "true" : "false";
  st.add_details()->PackFrom(info);
  if (retry_ms) {
    google::rpc::RetryInfo ri;
    ri.mutable_retry_delay()->set_nanos(*retry_ms * 1000000);
    st.add_details()->PackFrom(ri);
  }
  return sdk::error::from_rpc_status(st);
}

TEST(WithRetry, SameKeyOnEveryAttemptAndRetryInfoHonoured) {
  std::vector<std::string> keys;
  std::vector<std::chrono::milliseconds> sleeps;
  sdk::retry_policy policy{
      .max_attempts = 4, .initial_backoff = std::chrono::milliseconds(10), .jitter = 0};
  auto r = sdk::with_retry(
      [&](const std::string& key) -> sdk::result<int> {
        keys.push_back(key);
        if (keys.size() < 3) return retryable_error(true, 700);
        return 42;
      },
      policy, {}, [&](std::chrono::milliseconds d) { sleeps.push_back(d); });
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 42);
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0], keys[1]);
  EXPECT_EQ(keys[1], keys[2]);
  EXPECT_TRUE(std::regex_match(
      keys[0], std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << keys[0];
  ASSERT_EQ(sleeps.size(), 2u);
  EXPECT_EQ(sleeps[0].count(), 700);  // the server's RetryInfo beats the 10 ms backoff
}

TEST(WithRetry, StopsOnNonRetryableAndAfterMaxAttempts) {
  int calls = 0;
  auto noop = [](std::chrono::milliseconds) {};
  auto r = sdk::with_retry(
      [&](const std::string&) -> sdk::result<int> {
        ++calls;
        return retryable_error(false);
      },
      {}, "my-key", noop);
  EXPECT_FALSE(r);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r.error().attempts, 1);
  calls = 0;
  r = sdk::with_retry(
      [&](const std::string& key) -> sdk::result<int> {
        EXPECT_EQ(key, "my-key");
        ++calls;
        return retryable_error(true);
      },
      {.max_attempts = 3}, "my-key", noop);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(r.error().attempts, 3);
}

TEST(RetryPolicy, BackoffGrowsAndIsCapped) {
  sdk::retry_policy p{.initial_backoff = std::chrono::milliseconds(100),
                      .max_backoff = std::chrono::milliseconds(300),
                      .jitter = 0};
  auto e = retryable_error(true);
  EXPECT_EQ(p.delay(e, 1).count(), 100);
  EXPECT_EQ(p.delay(e, 2).count(), 200);
  EXPECT_EQ(p.delay(e, 3).count(), 300);
}

// Answers Authorize with a retryable OVERLOADED until `failures` calls have failed, recording the
// idempotency key and metadata of each.
class fake_payments final : public v1::PaymentService::Service {
 public:
  int failures = 2;
  bool echo_request = false;  // a misbehaving server: its error texts repeat the whole request
  std::mutex mu;
  std::vector<std::string> keys;
  std::vector<std::multimap<std::string, std::string>> metadata;

  grpc::Status Authorize(grpc::ServerContext* ctx, const v1::AuthorizeRequest* req,
                         v1::Payment* res) override {
    std::lock_guard lock(mu);
    keys.push_back(req->idempotency_key());
    std::multimap<std::string, std::string> md;
    for (const auto& [k, v] : ctx->client_metadata())
      md.emplace(std::string(k.data(), k.size()), std::string(v.data(), v.size()));
    metadata.push_back(md);
    ctx->AddInitialMetadata("x-request-id", "srv-" + std::to_string(keys.size()));
    if (static_cast<int>(keys.size()) <= failures) {
      google::rpc::Status st;
      st.set_code(grpc::StatusCode::RESOURCE_EXHAUSTED);
      st.set_message(echo_request ? "overloaded " + req->ShortDebugString() : "overloaded");
      google::rpc::ErrorInfo info;
      info.set_reason("OVERLOADED");
      info.set_domain("connectorservice.v1");
      (*info.mutable_metadata())["retryable"] = "true";
      if (echo_request) (*info.mutable_metadata())["processorMessage"] = req->ShortDebugString();
      st.add_details()->PackFrom(info);
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "overloaded",
                          st.SerializeAsString());
    }
    res->set_status(v1::PAYMENT_STATUS_AUTHORIZED);
    res->set_connector_payment_id("PSP" + req->idempotency_key());
    return grpc::Status::OK;
  }
};

struct fake_server {
  fake_payments service;
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  fake_server() {
    grpc::ServerBuilder b;
    b.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    b.RegisterService(&service);
    server = b.BuildAndStart();
  }
  ~fake_server() { server->Shutdown(); }
  std::string target() const { return "127.0.0.1:" + std::to_string(port); }
};

sdk::retry_policy fast_retries{.max_attempts = 3,
                               .initial_backoff = std::chrono::milliseconds(1),
                               .max_backoff = std::chrono::milliseconds(5),
                               .jitter = 0};

TEST(ClientRetry, OneAutomaticKeyForEveryAttempt) {
  fake_server fake;
  sdk::client c({.target = fake.target(),
                 .api_key = "k1",
                 .merchant_account = "adyen_demo",
                 .credentials = {{"api_key", "ignored"}},
                 .retry = fast_retries});
  v1::AuthorizeRequest req;
  req.set_connector("adyen");
  auto r = c.authorize(req, {.request_id = "rid-1"});
  ASSERT_TRUE(r) << r.error().to_string();
  ASSERT_EQ(fake.service.keys.size(), 3u);
  EXPECT_FALSE(fake.service.keys[0].empty());
  EXPECT_EQ(fake.service.keys[0], fake.service.keys[1]);
  EXPECT_EQ(fake.service.keys[1], fake.service.keys[2]);
  EXPECT_TRUE(req.idempotency_key().empty());  // the caller's request is never changed
  const auto& md = fake.service.metadata[0];
  EXPECT_EQ(md.find("authorization")->second, "Bearer k1");
  EXPECT_EQ(md.find("x-merchant-account")->second, "adyen_demo");
  EXPECT_EQ(md.find("x-request-id")->second, "rid-1");
  EXPECT_EQ(md.count("x-auth-api-key"), 0u);  // an account wins over call credentials

  // A second logical call gets a new key.
  fake.service.failures = 0;
  ASSERT_TRUE(c.authorize(req));
  EXPECT_NE(fake.service.keys.back(), fake.service.keys[0]);
}

TEST(ClientRetry, GivesUpWithTheKeyAndServerRequestId) {
  fake_server fake;
  fake.service.failures = 100;
  std::vector<std::string> lines;
  sdk::client c({.target = fake.target(),
                 .credentials = {{"api_key", "sk_secret"}, {"merchant_account", "M"}},
                 .retry = fast_retries,
                 .log = [&](std::string_view l) { lines.emplace_back(l); }});
  v1::AuthorizeRequest req;
  req.set_connector("stripe");
  req.mutable_payment_method()->mutable_card()->set_number("4242424242424242");
  auto r = c.authorize(req, {.idempotency_key = "order-7"});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().reason, "OVERLOADED");
  EXPECT_EQ(r.error().attempts, 3);
  EXPECT_EQ(r.error().idempotency_key, "order-7");
  EXPECT_EQ(r.error().request_id, "srv-3");
  for (const auto& k : fake.service.keys) EXPECT_EQ(k, "order-7");
  const auto& md = fake.service.metadata[0];
  EXPECT_EQ(md.find("x-auth-api-key")->second, "sk_secret");
  EXPECT_EQ(md.find("x-auth-merchant-account")->second, "M");
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& l : lines) {
    EXPECT_EQ(l.find("4242424242424242"), std::string::npos) << l;
    EXPECT_EQ(l.find("sk_secret"), std::string::npos) << l;
  }
}

TEST(ClientRetry, ErrorTextsNeverCarryTheRequestsSecrets) {
  fake_server fake;
  fake.service.failures = 100;
  fake.service.echo_request = true;
  sdk::client c({.target = fake.target()});
  const std::string iban = "NL91ABNA0417164300", dpan = "4895370012003478",
                    cryptogram = "AgAAAAAAAIR8CQrXcIhbQAAAAAA=";
  v1::AuthorizeRequest sepa;
  sepa.set_connector("adyen");
  sepa.mutable_payment_method()->mutable_sepa_debit()->set_iban(iban);
  v1::AuthorizeRequest apple;
  apple.set_connector("adyen");
  auto* token = apple.mutable_payment_method()->mutable_apple_pay()->mutable_decrypted();
  token->set_number(dpan);
  token->set_cryptogram(cryptogram);
  for (const auto* req : {&sepa, &apple}) {
    auto r = c.authorize(*req);
    ASSERT_FALSE(r);
    const auto& e = r.error();
    EXPECT_NE(e.message.find("payment_method {"), std::string::npos) << e.message;  // echoed
    for (const auto& text : {e.message, e.processor_message, e.meta("processorMessage")})
      for (const auto& secret : {iban, dpan, cryptogram})
        EXPECT_EQ(text.find(secret), std::string::npos) << text;
  }
}

TEST(ClientRetry, ReadsTakeNoKeyAndBadRequestIdsAreRefused) {
  fake_server fake;
  sdk::client c({.target = fake.target()});
  auto read = c.get_payment({}, {.idempotency_key = "k"});
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().field, "idempotency_key");
  auto bad = c.authorize({}, {.request_id = "has spaces"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "request_id");
  EXPECT_TRUE(fake.service.keys.empty());  // nothing was sent
}

}  // namespace
