// The listener's HTTP/2 side (ALPN h2): the same answers as on HTTP/1.1, many delayed streams on
// one connection, wire faults per stream, the body limit, and --http1-only for clients' fallback.

#include "h2_test_client.hpp"
#include "sim_process.hpp"
#include "stripe_fixture.hpp"

#include <nghttp2/nghttp2.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace processor_sim::testing {
namespace {

using namespace std::chrono_literals;

struct command_result {
  int exit_code = -1;
  std::string out;
};

command_result run_command(const std::string& cmd) {
  command_result r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class http2_test : public stripe_test {
 protected:
  void SetUp() override {
    stripe_test::SetUp();
    ca_file_ = ::testing::TempDir() + "/h2_ca_" + std::to_string(::getpid()) + ".pem";
    std::ofstream(ca_file_) << app_->tls().ca_cert_pem;
  }
  void TearDown() override {
    std::remove(ca_file_.c_str());
    stripe_test::TearDown();
  }
  std::unique_ptr<h2_test_client> h2() {
    return std::make_unique<h2_test_client>(app_->tls().ca_cert_pem, app_->port());
  }
  std::map<std::string, std::string> adyen_headers(const std::string& fault = {}) {
    std::map<std::string, std::string> h{{"X-API-Key", api_key},
                                         {"Content-Type", "application/json"}};
    if (!fault.empty()) h["X-Sim-Fault"] = fault;
    return h;
  }
  std::int32_t adyen_on(h2_test_client& c, const std::string& fault = {},
                        const std::string& holder = "APPROVED") {
    return c.submit("POST", "/adyen/v71/payments", boost::json::serialize(payment_body(holder)),
                    adyen_headers(fault));
  }
  std::int64_t charges() { return get("/_sim/stats").json().at("charges").as_int64(); }
  std::string curl(const std::string& args) {
    return "curl -sS --cacert " + ca_file_ + " " + args + " 2>/dev/null";
  }
  std::string url(const std::string& path) { return app_->base_url() + path; }

  std::string ca_file_;
};

boost::json::value without_psp(const std::string& body) {
  auto v = boost::json::parse(body);
  v.as_object().erase("pspReference");
  return v;
}

TEST_F(http2_test, alpn_selects_h2_and_the_server_allows_1000_streams) {
  auto c = h2();
  EXPECT_EQ(c->alpn(), "h2");
  const auto id = c->submit("GET", "/_sim/health");
  ASSERT_TRUE(c->run(5s));
  const auto& r = c->reply(id);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(boost::json::parse(r.body), boost::json::parse(R"({"status":"ok"})"));
  EXPECT_EQ(r.header("server"), "processor-sim");
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("content-length"), std::to_string(r.body.size()));
  EXPECT_EQ(c->server_max_concurrent_streams(), 1000u);
}

TEST_F(http2_test, curl_negotiates_http2) {
  auto r = run_command(
      curl("--http2 -o /dev/null -w '%{http_version} %{http_code}' " + url("/_sim/health")));
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "2 200");
}

TEST_F(http2_test, adyen_and_stripe_answer_the_same_over_h1_and_h2) {
  auto c = h2();
  const auto body = boost::json::serialize(payment_body("APPROVED"));
  auto h1_pay = adyen("/v71/payments", payment_body("APPROVED"));
  const auto pay = c->submit("POST", "/adyen/v71/payments", body, adyen_headers());
  auto bad_key = adyen_headers();
  bad_key["X-API-Key"] = "wrong";
  auto h1_401 = client_->request("POST", "/adyen/v71/payments", body, bad_key);
  const auto unauthorized = c->submit("POST", "/adyen/v71/payments", body, bad_key);
  ASSERT_TRUE(c->run(5s));
  EXPECT_EQ(c->reply(pay).status, h1_pay.status);
  EXPECT_EQ(without_psp(c->reply(pay).body), without_psp(h1_pay.body));
  EXPECT_EQ(c->reply(unauthorized).status, 401);
  EXPECT_EQ(c->reply(unauthorized).status, h1_401.status);
  EXPECT_EQ(c->reply(unauthorized).body, h1_401.body);

  // A Stripe object created over h2 reads back identically over both (query string included).
  const auto create = c->submit(
      "POST", "/stripe/v1/payment_intents",
      encode({{"amount", "2000"}, {"currency", "usd"}, {"payment_method", "pm_card_visa"}}),
      {{"Authorization", "Bearer " + stripe_key},
       {"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_TRUE(c->run(5s));
  ASSERT_EQ(c->reply(create).status, 200) << c->reply(create).body;
  const std::string id(boost::json::parse(c->reply(create).body).at("id").as_string());
  const std::string target = "/stripe/v1/payment_intents/" + id + "?expand[]=latest_charge";
  const auto read = c->submit("GET", target, {}, {{"Authorization", "Bearer " + stripe_key}});
  ASSERT_TRUE(c->run(5s));
  auto h1_read = client_->request("GET", target, {}, {{"Authorization", "Bearer " + stripe_key}});
  EXPECT_EQ(c->reply(read).status, 200);
  EXPECT_EQ(c->reply(read).status, h1_read.status);
  EXPECT_EQ(c->reply(read).body, h1_read.body);
  EXPECT_EQ(c->reply(read).header("request-id").empty(), h1_read.header("request-id").empty());
}

TEST_F(http2_test, twenty_delayed_streams_on_one_connection_wait_in_parallel) {
  auto c = h2();
  std::vector<std::int32_t> ids;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) ids.push_back(adyen_on(*c, "latency:200"));
  ASSERT_TRUE(c->run(10s));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  for (auto id : ids) {
    EXPECT_EQ(c->reply(id).status, 200) << c->reply(id).body;
    EXPECT_EQ(boost::json::parse(c->reply(id).body).at("resultCode"), "Authorised");
  }
  EXPECT_GE(elapsed, 200ms);
  EXPECT_LT(elapsed, 1500ms);  // one after the other would take 4 s
  EXPECT_EQ(charges(), 20);
}

TEST_F(http2_test, curl_parallel_transfers_share_one_connection) {
  std::string urls;
  for (int i = 0; i < 20; ++i) urls += " " + url("/adyen/v71/payments");
  const auto started = std::chrono::steady_clock::now();
  auto r =
      run_command(curl("--http2 --parallel --parallel-max 20 -H 'X-API-Key: " + api_key +
                       "' -H 'X-Sim-Fault: latency:200' -H 'Content-Type: application/json' -d '" +
                       boost::json::serialize(payment_body("APPROVED")) +
                       "' -w '\\nRESULT %{http_version} %{http_code} %{num_connects}\\n'" + urls));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(r.exit_code, 0) << r.out;
  int results = 0, connects = 0;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("RESULT ", 0) != 0) continue;
    ++results;
    EXPECT_EQ(line.substr(0, 13), "RESULT 2 200 ") << line;
    connects += std::stoi(line.substr(13));
  }
  EXPECT_EQ(results, 20);
  EXPECT_EQ(connects, 1);
  EXPECT_LT(elapsed, 2000ms);
}

TEST_F(http2_test, reset_fault_resets_only_its_stream) {
  auto c = h2();
  const auto reset = adyen_on(*c, "reset");
  const auto normal = adyen_on(*c);
  ASSERT_TRUE(c->run(5s));
  EXPECT_EQ(c->reply(reset).status, 0);
  EXPECT_EQ(c->reply(reset).error_code, static_cast<std::uint32_t>(NGHTTP2_INTERNAL_ERROR));
  EXPECT_EQ(c->reply(normal).status, 200);
  EXPECT_EQ(c->reply(normal).error_code, 0u);
  EXPECT_EQ(charges(), 1);
  // The connection goes on.
  const auto after = adyen_on(*c);
  ASSERT_TRUE(c->run(5s));
  EXPECT_EQ(c->reply(after).status, 200);
}

TEST_F(http2_test, curl_sees_a_stream_error_on_reset_and_truncate) {
  for (const std::string fault : {"reset", "truncate"}) {
    auto r = run_command(curl("--http2 -o /dev/null -H 'X-API-Key: " + api_key +
                              "' -H 'X-Sim-Fault: " + fault + "' -d '" +
                              boost::json::serialize(payment_body("APPROVED")) + "' " +
                              url("/adyen/v71/payments")));
    EXPECT_EQ(r.exit_code, 92) << fault;  // CURLE_HTTP2_STREAM
  }
}

TEST_F(http2_test, truncate_sends_headers_and_half_the_body_then_resets) {
  auto c = h2();
  const auto id = adyen_on(*c, "truncate");
  ASSERT_TRUE(c->run(5s));
  const auto& r = c->reply(id);
  EXPECT_EQ(r.status, 200);
  const auto promised = std::stoul(r.header("content-length"));
  EXPECT_GT(promised, 0u);
  EXPECT_EQ(r.body.size(), promised / 2);
  EXPECT_EQ(r.error_code, static_cast<std::uint32_t>(NGHTTP2_INTERNAL_ERROR));
}

TEST_F(http2_test, slow_loris_drips_until_the_client_resets_the_stream) {
  auto c = h2();
  const auto id = adyen_on(*c, "slow-loris:20");
  EXPECT_FALSE(c->run(300ms));  // still dripping
  EXPECT_EQ(c->reply(id).status, 500);
  EXPECT_GE(c->reply(id).body.size(), 5u);
  EXPECT_LT(c->reply(id).body.size(), std::stoul(c->reply(id).header("content-length")));
  c->cancel(id);
  const auto frames_at_cancel = c->reply(id).data_frames;
  // 400 ms more on the same connection: an unstopped drip would send some 20 more frames.
  const auto other = adyen_on(*c, "latency:400");
  ASSERT_TRUE(c->run(5s));
  EXPECT_EQ(c->reply(other).status, 200);
  EXPECT_LE(c->reply(id).data_frames, frames_at_cancel + 2);
}

TEST_F(http2_test, a_retry_on_another_stream_while_the_first_is_delayed_is_in_flight) {
  auto c = h2();
  const std::map<std::string, std::string> first{
      {"Authorization", "Bearer " + stripe_key},
      {"Content-Type", "application/x-www-form-urlencoded"},
      {"Idempotency-Key", "h2-key"},
      {"X-Sim-Fault", "latency:300"}};
  auto retry = first;
  retry.erase("X-Sim-Fault");
  const auto body = encode({{"amount", "1000"},
                            {"currency", "usd"},
                            {"confirm", "true"},
                            {"payment_method", "pm_card_visa"}});
  const auto a = c->submit("POST", "/stripe/v1/payment_intents", body, first);
  const auto b = c->submit("POST", "/stripe/v1/payment_intents", body, retry);
  ASSERT_TRUE(c->run(5s));
  EXPECT_EQ(c->reply(a).status, 200);
  EXPECT_EQ(c->reply(b).status, 409) << c->reply(b).body;
  const auto replay = c->submit("POST", "/stripe/v1/payment_intents", body, retry);
  ASSERT_TRUE(c->run(5s));
  EXPECT_EQ(c->reply(replay).status, 200);
  EXPECT_EQ(c->reply(replay).header("idempotent-replayed"), "true");
  EXPECT_EQ(get("/_sim/stats").json().at("stripe").at("charges").as_int64(), 1);
}

TEST_F(http2_test, a_body_over_16_mib_is_refused_with_413_and_the_connection_goes_on) {
  auto c = h2();
  const auto big = c->submit("POST", "/adyen/v71/payments", std::string(16 * 1024 * 1024 + 1, 'x'),
                             adyen_headers());
  ASSERT_TRUE(c->run(20s));
  EXPECT_EQ(c->reply(big).status, 413);
  const auto next = adyen_on(*c);
  ASSERT_TRUE(c->run(5s));
  EXPECT_EQ(c->reply(next).status, 200);
}

TEST_F(http2_test, http2_off_selects_http_1_1) {
  sim_config cfg;
  cfg.http2 = false;
  start(cfg);
  auto c = h2();
  EXPECT_EQ(c->alpn(), "http/1.1");
  EXPECT_EQ(client_->request("GET", "/_sim/health").status, 200);
}

TEST_F(http2_test, processor_sim_http1_only_flag_keeps_curl_on_http_1_1) {
  client::sim_process sim;
  const std::string dir = ::testing::TempDir() + "/h2_sim_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);  // a port file left from an earlier run would be read at once
  std::string why;
  ASSERT_TRUE(client::start_sim(sim, PROCESSOR_SIM_BIN, dir, {"--http1-only"}, dir + ".log", why))
      << why;
  auto r = run_command("curl -sS --http2 --cacert " + sim.ca_file +
                       " -o /dev/null -w '%{http_version} %{http_code}' " + sim.base_url() +
                       "/_sim/health");
  sim.proc.stop();
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "1.1 200");
}

}  // namespace
}  // namespace processor_sim::testing
