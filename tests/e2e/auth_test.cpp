// An authenticated API: TLS on the gRPC port, API keys per client checked from
// `authorization: Bearer …`, each client limited to its merchant accounts and, unless allowed,
// to credentials by account name; mutual TLS. A service of its own, in front of the shared
// simulator, with a throw-away CA made here.

#include <grpcpp/security/credentials.h>

#include <openssl/evp.h>

#include <cstdio>
#include <filesystem>

#include "harness.hpp"
#include "tls_ca.hpp"

namespace e2e {
namespace {

using processor_sim::client::child;
using processor_sim::client::free_port;
using processor_sim::client::read_file;
using processor_sim::client::spawn;
using processor_sim::client::write_file;

const std::string shop_key = "cs_live_shop_4f1c2e9a7b6d5e3f";  // may use account "demo" only
const std::string ops_key = "cs_live_ops_0a9b8c7d6e5f4a3b";    // any account, x-auth-* allowed
const std::string wrong_key = "cs_live_guess_1111222233334444";

std::string sha256_hex(const std::string& s) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(s.data(), s.size(), d, &n, EVP_sha256(), nullptr);
  std::string out;
  char hex[3];
  for (unsigned i = 0; i < n; ++i) {
    std::snprintf(hex, sizeof hex, "%02x", d[i]);
    out += hex;
  }
  return out;
}

class Auth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = env().dir + "/auth";
    std::filesystem::create_directories(dir_);
    tls_ = processor_sim::generate_tls_material({"localhost"}, {"127.0.0.1"}, 60L * 60 * 24 * 365,
                                                true);
    write_file(dir_ + "/cert.pem", tls_.server_cert_pem + tls_.ca_cert_pem);
    write_file(dir_ + "/key.pem", tls_.server_key_pem);
    write_file(dir_ + "/ca.pem", tls_.ca_cert_pem);
    tls_port_ = start("auth-tls", "");
    mtls_port_ = start("auth-mtls", "grpc_tls_client_ca_file = \"" + dir_ + "/ca.pem\"\n");
  }
  static void TearDownTestSuite() {
    for (auto& c : children_) EXPECT_EQ(c.stop(), 0) << c.name;
    children_.clear();
  }

  // A service with TLS and two API clients; `server_extra` goes into its [server] table.
  static unsigned short start(const std::string& name, const std::string& server_extra) {
    auto port = free_port();
    auto cfg = dir_ + "/" + name + ".toml";
    write_file(cfg, "[server]\ngrpc_address = \"127.0.0.1:" + std::to_string(port) +
                        "\"\nhttp_address = \"127.0.0.1:" + std::to_string(free_port()) +
                        "\"\ngrpc_tls_cert_file = \"" + dir_ + "/cert.pem\"\n" +
                        "grpc_tls_key_file = \"" + dir_ + "/key.pem\"\n" + server_extra +
                        "[log]\nlevel = \"debug\"\n[tls]\nca_file = \"" + env().ca_file +
                        "\"\n[webhooks]\nmode = \"log_only\"\n"
                        "[connectors.adyen]\n[connectors.adyen.base_urls]\ndefault = \"" +
                        env().adyen_base() + "\"\ndisputes = \"" + env().disputes_base() +
                        "\"\n[merchant_accounts.demo]\nconnector = \"adyen\"\napi_key = \"" +
                        api_key + "\"\nmerchant_account = \"" + merchant +
                        "\"\n[merchant_accounts.other]\nconnector = \"adyen\"\napi_key = \"" +
                        api_key + "\"\nmerchant_account = \"" + merchant +
                        "\"\n[clients.shop]\nkey_sha256 = \"" + sha256_hex(shop_key) +
                        "\"\nmerchant_accounts = [\"demo\"]\n[clients.ops]\nkey_sha256 = \"" +
                        sha256_hex(ops_key) +
                        "\"\nmerchant_accounts = [\"*\"]\nallow_call_credentials = true\n");
    auto log = dir_ + "/" + name + ".log";
    children_.push_back(spawn(name, {CS_SERVICE_BIN, "serve", "--config", cfg}, log));
    env().extra_logs.push_back(log);
    EXPECT_TRUE(
        eventually([&] { return read_file(log).find("serving gRPC on port") != std::string::npos; },
                   std::chrono::seconds(15)))
        << read_file(log);
    return port;
  }

  static std::unique_ptr<v1::PaymentService::Stub> stub(unsigned short port, bool client_cert) {
    grpc::SslCredentialsOptions o;
    o.pem_root_certs = tls_.ca_cert_pem;
    if (client_cert) {
      o.pem_private_key = tls_.server_key_pem;
      o.pem_cert_chain = tls_.server_cert_pem;
    }
    auto ch = grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::SslCredentials(o));
    return v1::PaymentService::NewStub(ch);
  }

  static std::unique_ptr<grpc::ClientContext> call(const std::string& key,
                                                   const std::string& account) {
    auto c = std::make_unique<grpc::ClientContext>();
    c->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    if (!key.empty()) c->AddMetadata("authorization", "Bearer " + key);
    if (!account.empty()) c->AddMetadata("x-merchant-account", account);
    return c;
  }

  static grpc::Status authorize(v1::PaymentService::Stub& s, std::unique_ptr<grpc::ClientContext> c,
                                const std::string& ref) {
    v1::Payment res;
    return s.Authorize(c.get(), authorize_request(ref, "APPROVED", 1000, false), &res);
  }

  static inline std::string dir_;
  static inline processor_sim::tls_material tls_;
  static inline unsigned short tls_port_ = 0, mtls_port_ = 0;
  static inline std::vector<child> children_;
};

TEST_F(Auth, KnownKeyAndAllowedAccountCharge) {
  auto s = stub(tls_port_, false);
  EXPECT_TRUE(authorize(*s, call(shop_key, "demo"), "e2e-auth-ok").ok());
  EXPECT_TRUE(authorize(*s, call(ops_key, "other"), "e2e-auth-ops").ok());
}

TEST_F(Auth, MissingOrUnknownKeyIsUnauthenticatedWithoutEcho) {
  auto s = stub(tls_port_, false);
  auto none = authorize(*s, call("", "demo"), "e2e-auth-none");
  EXPECT_EQ(none.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(none);
  EXPECT_NE(none.error_message().find("Bearer"), std::string::npos);
  auto wrong = authorize(*s, call(wrong_key, "demo"), "e2e-auth-wrong");
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(wrong);
  EXPECT_EQ(describe(wrong).find(wrong_key), std::string::npos);
  // Nothing about the request is looked at first: an unknown caller learns no field names.
  v1::AuthorizeRequest empty;
  v1::Payment res;
  auto c = call(wrong_key, "");
  auto blank = s->Authorize(c.get(), empty, &res);
  EXPECT_EQ(blank.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  for (auto& log : {dir_ + "/auth-tls.log", dir_ + "/auth-mtls.log"})
    EXPECT_EQ(read_file(log).find(wrong_key), std::string::npos) << log;
}

TEST_F(Auth, AnAccountOutsideTheClientsListIsPermissionDenied) {
  auto s = stub(tls_port_, false);
  auto st = authorize(*s, call(shop_key, "other"), "e2e-auth-other");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED) << describe(st);
  EXPECT_EQ(error_info(st).reason(), "ACCOUNT_NOT_ALLOWED");
}

TEST_F(Auth, CallCredentialsAreForbiddenUnlessAllowedForTheClient) {
  auto s = stub(tls_port_, false);
  auto with_keys = [&](const std::string& key) {
    auto c = call(key, "");
    c->AddMetadata("x-auth-api-key", api_key);
    c->AddMetadata("x-auth-merchant-account", merchant);
    return c;
  };
  auto shop = authorize(*s, with_keys(shop_key), "e2e-auth-inline-shop");
  EXPECT_EQ(shop.error_code(), grpc::StatusCode::PERMISSION_DENIED) << describe(shop);
  EXPECT_EQ(error_info(shop).reason(), "CALL_CREDENTIALS_NOT_ALLOWED");
  EXPECT_TRUE(authorize(*s, with_keys(ops_key), "e2e-auth-inline-ops").ok());
}

TEST_F(Auth, PlaintextClientsCannotTalkToTheTlsPort) {
  auto ch = grpc::CreateChannel("127.0.0.1:" + std::to_string(tls_port_),
                                grpc::InsecureChannelCredentials());
  auto s = v1::PaymentService::NewStub(ch);
  auto st = authorize(*s, call(shop_key, "demo"), "e2e-auth-plain");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(st);
}

TEST_F(Auth, MutualTlsNeedsAClientCertificateFromTheConfiguredCa) {
  auto without = stub(mtls_port_, false);
  auto st = authorize(*without, call(shop_key, "demo"), "e2e-auth-mtls-none");
  EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAVAILABLE) << describe(st);
  auto with = stub(mtls_port_, true);
  EXPECT_TRUE(authorize(*with, call(shop_key, "demo"), "e2e-auth-mtls").ok());
}

}  // namespace
}  // namespace e2e
