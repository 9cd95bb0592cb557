// TLS is proven: a processor that presents a certificate from a CA the service does not trust,
// an expired certificate, or one for another host name gets no request at all, and the call
// fails with PROCESSOR_UNREACHABLE (verification is never switched off, only a test CA added).

#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <boost/asio.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "net/http_client.hpp"
#include "server.hpp"
#include "tls_ca.hpp"

using namespace cs;
using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace sim = processor_sim;

namespace {

class TlsVerification : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           fmt::format("cs-tls-test-{}-{}", ::getpid(), counter_++);
    std::filesystem::create_directories(dir_);
    thread_ = std::thread([this] { io_.run(); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    client_.reset();
    work_.reset();
    io_.stop();
    thread_.join();
    std::filesystem::remove_all(dir_);
  }

  // Serves `presented`; the client trusts `trusted_ca_pem` (plus the system store).
  domain::result<domain::http_response> call(const sim::tls_material& presented,
                                             const std::string& trusted_ca_pem) {
    server_ = std::make_unique<sim::https_server>(presented, [this](sim::sim_request&&) {
      ++requests_;
      return sim::sim_response{200, {}, "application/json", "{}"};
    });
    auto port = server_->listen("127.0.0.1", 0);
    server_->start(1);
    auto ca = dir_ / "ca.pem";
    std::ofstream(ca) << trusted_ca_pem;
    net::http_client_options opts;
    opts.name = "tls_test";
    opts.ca_file = ca.string();
    auto client = net::http_client::create(io_, opts);
    EXPECT_TRUE(client.ok());
    client_ = std::move(client.value());
    auto ep = net::parse_endpoint(fmt::format("https://127.0.0.1:{}", port), "base_url");
    EXPECT_TRUE(ep.ok());
    domain::http_request req;
    req.target = "/v1/payment_intents";
    req.body = "amount=100&currency=usd";
    req.headers.push_back({"Authorization", "Bearer sk_test_secret", true});
    std::promise<domain::result<domain::http_response>> p;
    client_->send(*ep, req, 3s, [&p](auto r) { p.set_value(std::move(r)); });
    return p.get_future().get();
  }

  void expect_refused(const domain::result<domain::http_response>& r) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.err().reason, domain::reason::processor_unreachable) << r.err().message;
    EXPECT_EQ(r.err().code, domain::error_code::unavailable);
    EXPECT_FALSE(r.err().retryable);  // another attempt meets the same certificate
    EXPECT_NE(r.err().message.find("TLS handshake"), std::string::npos) << r.err().message;
    EXPECT_EQ(r.err().message.find("sk_test_secret"), std::string::npos);
    EXPECT_EQ(requests_.load(), 0) << "a request reached a processor that failed verification";
  }

  static inline int counter_ = 0;
  std::filesystem::path dir_;
  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_ = asio::make_work_guard(io_);
  std::thread thread_;
  std::unique_ptr<sim::https_server> server_;
  std::unique_ptr<net::http_client> client_;
  std::atomic<int> requests_{0};
};

}  // namespace

TEST_F(TlsVerification, TrustedValidCertificateForTheHostIsAccepted) {
  auto tls = sim::generate_tls_material();
  auto r = call(tls, tls.ca_cert_pem);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(requests_.load(), 1);
}

TEST_F(TlsVerification, CertificateFromAnUntrustedCaSendsNothing) {
  auto presented = sim::generate_tls_material();
  auto other = sim::generate_tls_material();  // same names, another CA
  expect_refused(call(presented, other.ca_cert_pem));
}

TEST_F(TlsVerification, ExpiredCertificateSendsNothing) {
  auto expired = sim::generate_tls_material({"localhost"}, {"127.0.0.1"}, -3600);
  expect_refused(call(expired, expired.ca_cert_pem));
}

TEST_F(TlsVerification, CertificateForAnotherHostSendsNothing) {
  auto elsewhere = sim::generate_tls_material({"api.example.com"}, {"127.0.0.2"});
  expect_refused(call(elsewhere, elsewhere.ca_cert_pem));
}
