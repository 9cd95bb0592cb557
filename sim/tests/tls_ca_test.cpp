#include "tls_ca.hpp"
#include "sim_fixture.hpp"

#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <fstream>
#include <sstream>

namespace processor_sim::testing {
namespace {

X509* read_cert(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  return cert;
}

// Verifies the server certificate against the CA alone, for a DNS name or an IP address.
bool verifies_for(const tls_material& tls, const std::string& host, bool is_ip) {
  X509* ca = read_cert(tls.ca_cert_pem);
  X509* leaf = read_cert(tls.server_cert_pem);
  X509_STORE* store = X509_STORE_new();
  X509_STORE_add_cert(store, ca);
  X509_STORE_CTX* ctx = X509_STORE_CTX_new();
  X509_STORE_CTX_init(ctx, store, leaf, nullptr);
  X509_VERIFY_PARAM* param = X509_STORE_CTX_get0_param(ctx);
  if (is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_host(param, host.c_str(), 0);
  }
  const bool ok = X509_verify_cert(ctx) == 1;
  X509_STORE_CTX_free(ctx);
  X509_STORE_free(store);
  X509_free(leaf);
  X509_free(ca);
  return ok;
}

TEST(tls_ca, chain_verifies_for_localhost_and_loopback_only) {
  auto tls = generate_tls_material();
  EXPECT_TRUE(verifies_for(tls, "localhost", false));
  EXPECT_TRUE(verifies_for(tls, "127.0.0.1", true));
  EXPECT_FALSE(verifies_for(tls, "example.com", false));
  EXPECT_FALSE(verifies_for(tls, "10.1.2.3", true));
}

TEST(tls_ca, ca_is_a_ca_and_leaf_is_not) {
  auto tls = generate_tls_material();
  X509* ca = read_cert(tls.ca_cert_pem);
  X509* leaf = read_cert(tls.server_cert_pem);
  ASSERT_NE(ca, nullptr);
  ASSERT_NE(leaf, nullptr);
  EXPECT_EQ(X509_check_ca(ca), 1);
  EXPECT_EQ(X509_check_ca(leaf), 0);
  X509_free(ca);
  X509_free(leaf);
}

TEST(tls_ca, every_start_has_a_fresh_ca) {
  EXPECT_NE(generate_tls_material().ca_cert_pem, generate_tls_material().ca_cert_pem);
}

class tls_server_test : public sim_test {};

TEST_F(tls_server_test, handshake_verifies_for_both_names) {
  tls_client by_ip(app_->tls().ca_cert_pem, app_->port(), "127.0.0.1");
  tls_client by_name(app_->tls().ca_cert_pem, app_->port(), "localhost");
  EXPECT_FALSE(by_ip.handshake()) << by_ip.handshake().message();
  EXPECT_FALSE(by_name.handshake());
  EXPECT_EQ(by_name.request("GET", "/_sim/health").status, 200);
}

TEST_F(tls_server_test, handshake_fails_for_wrong_name_or_foreign_ca) {
  tls_client wrong_name(app_->tls().ca_cert_pem, app_->port(), "example.com");
  EXPECT_TRUE(wrong_name.handshake());
  tls_client foreign_ca(generate_tls_material().ca_cert_pem, app_->port());
  EXPECT_TRUE(foreign_ca.handshake());
}

TEST(tls_state_dir, writes_ca_pem_and_port) {
  auto dir =
      std::filesystem::temp_directory_path() / ("processor-sim-test-" + std::to_string(::getpid()));
  sim_config cfg;
  cfg.state_dir = dir.string();
  sim_app app(cfg);
  app.start();
  std::ifstream ca(dir / "ca.pem"), port(dir / "port");
  std::stringstream ca_text;
  ca_text << ca.rdbuf();
  unsigned port_number = 0;
  port >> port_number;
  EXPECT_EQ(ca_text.str(), app.tls().ca_cert_pem);
  EXPECT_EQ(port_number, app.port());
  EXPECT_NE(port_number, 0u);
  app.stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace processor_sim::testing
