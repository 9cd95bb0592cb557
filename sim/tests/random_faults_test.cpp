// Random faults for soak tests: the draw itself, the --fault-rate config and the run-time route.

#include "random_faults.hpp"
#include "sim_fixture.hpp"

#include <algorithm>
#include <stdexcept>

namespace processor_sim::testing {
namespace {

random_fault_config config_of(double rate, const std::string& mix, std::uint64_t seed) {
  random_fault_config cfg;
  cfg.rate = rate;
  cfg.mix = *parse_fault_mix(mix);
  cfg.seed = seed;
  return cfg;
}

std::vector<std::string> draws(random_faults& faults, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) {
    auto f = faults.draw("/adyen/v71/payments");
    out.push_back(f ? to_string(*f) : "-");
  }
  return out;
}

TEST(random_fault_draws, same_seed_same_sequence_and_the_rate_holds) {
  const auto cfg = config_of(0.3, "status:500,status:429:retry-after=0,reset,latency:300", 7);
  random_faults a, b;
  a.configure(cfg);
  b.configure(cfg);
  const auto seq = draws(a, 10'000);
  EXPECT_EQ(seq, draws(b, 10'000));
  b.configure(config_of(0.3, "status:500,status:429:retry-after=0,reset,latency:300", 8));
  EXPECT_NE(seq, draws(b, 10'000));

  std::uint64_t faulted = 0;
  for (const auto& [spec, n] : a.injected()) faulted += n;
  EXPECT_EQ(faulted, static_cast<std::uint64_t>(std::count_if(
                         seq.begin(), seq.end(), [](const std::string& s) { return s != "-"; })));
  EXPECT_NEAR(static_cast<double>(faulted) / 10'000, 0.3, 0.03);
  EXPECT_EQ(a.injected().size(), 4u);  // every kind of the mix was drawn
  EXPECT_GT(a.injected().at("status:429:retry-after=0"), 500u);
}

TEST(random_fault_draws, zero_one_prefix_and_bad_configs) {
  random_faults f;
  f.configure(config_of(0, "garble", 1));
  EXPECT_FALSE(f.draw("/adyen/v71/payments"));
  f.configure(config_of(1, "garble", 1));
  EXPECT_TRUE(f.draw("/adyen/v71/payments"));
  auto scoped = config_of(1, "garble", 1);
  scoped.path_prefix = "/stripe";
  f.configure(scoped);
  EXPECT_FALSE(f.draw("/adyen/v71/payments"));
  EXPECT_TRUE(f.draw("/stripe/v1/payment_intents"));
  f.disable();
  EXPECT_FALSE(f.draw("/stripe/v1/payment_intents"));

  EXPECT_THROW(f.configure(config_of(1.5, "garble", 1)), std::invalid_argument);
  random_fault_config empty;
  empty.rate = 0.5;
  EXPECT_THROW(f.configure(empty), std::invalid_argument);
  EXPECT_FALSE(parse_fault_mix("status:500,tls-fail"));
  EXPECT_FALSE(parse_fault_mix("status:500,,reset"));
  EXPECT_FALSE(parse_fault_mix(""));
}

class random_faults_route : public sim_test {
 protected:
  http_reply set_rate(const std::string& body) {
    return client_->request("POST", "/_sim/fault-rate", body);
  }
  // Status of n sequential payments ("0" = transport error).
  std::vector<int> pay_n(int n) {
    std::vector<int> out;
    for (int i = 0; i < n; ++i)
      out.push_back(adyen("/v71/payments", payment_body("APPROVED")).status);
    return out;
  }
};

TEST_F(random_faults_route, configured_rate_faults_processor_requests_but_not_control_routes) {
  sim_config cfg;
  cfg.random_faults = config_of(1, "status:503", 1);
  start(cfg);
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 503);
  auto stats = get("/_sim/stats");
  ASSERT_EQ(stats.status, 200);
  EXPECT_EQ(stats.json().at("random_faults").at("status:503").as_int64(), 1);
  EXPECT_EQ(stats.json().at("random_faults_total").as_int64(), 1);
  EXPECT_EQ(stats.json().at("faults_injected").as_int64(), 1);
  EXPECT_EQ(stats.json().at("charges").as_int64(), 0);
}

TEST_F(random_faults_route, turned_on_after_warm_up_then_off_and_reproducible_by_seed) {
  EXPECT_EQ(pay_n(5), std::vector<int>(5, 200));  // warm-up: off by default
  auto on = set_rate(
      R"({"rate":0.5,"mix":["status:500","status:429:retry-after=0","garble"],"seed":42})");
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(on.json().at("mix").as_array().size(), 3u);
  const auto first = pay_n(40);
  const auto faulted = std::count_if(first.begin(), first.end(), [](int s) { return s != 200; });
  EXPECT_GT(faulted, 5);
  EXPECT_LT(faulted, 35);
  // garble answers 200 with a broken body, so count from the stats, not the statuses.
  auto stats = get("/_sim/stats").json();
  const auto total = stats.at("random_faults_total").as_int64();
  EXPECT_GE(total, faulted);
  std::int64_t sum = 0;
  for (const auto& [spec, n] : stats.at("random_faults").as_object()) sum += n.as_int64();
  EXPECT_EQ(sum, total);
  EXPECT_EQ(stats.at("adyen").at("payments").as_int64(), 5 + 40 - total);

  // The same seed again gives the same outcomes for the same request sequence.
  ASSERT_EQ(set_rate(R"({"seed":42})").status, 200);
  EXPECT_EQ(pay_n(40), first);

  ASSERT_EQ(client_->request("DELETE", "/_sim/fault-rate").status, 200);
  EXPECT_EQ(pay_n(5), std::vector<int>(5, 200));
  auto off = get("/_sim/fault-rate").json();
  EXPECT_EQ(off.at("rate").as_double(), 0.0);
  EXPECT_EQ(off.at("seed").to_number<std::uint64_t>(), 42u);
  EXPECT_EQ(set_rate(R"({"rate":0})").status, 200);
}

TEST_F(random_faults_route, prefix_scopes_and_bad_bodies_are_refused) {
  ASSERT_EQ(set_rate(R"({"rate":1,"mix":"status:500","path_prefix":"/stripe"})").status, 200);
  EXPECT_EQ(adyen("/v71/payments", payment_body("APPROVED")).status, 200);
  EXPECT_EQ(
      client_->request("POST", "/stripe/v1/customers", "", {{"Authorization", "Bearer x"}}).status,
      500);
  EXPECT_EQ(set_rate(R"({"rate":2})").status, 400);
  EXPECT_EQ(set_rate(R"({"rate":0.1,"mix":["tls-fail"]})").status, 400);
  EXPECT_EQ(set_rate(R"({"rate":0.1,"mix":["boom"]})").status, 400);
  EXPECT_EQ(set_rate("nope").status, 400);
  // A refused body changes nothing.
  EXPECT_EQ(get("/_sim/fault-rate").json().at("rate").as_double(), 1.0);
}

}  // namespace
}  // namespace processor_sim::testing
