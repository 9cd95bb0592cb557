// Retries of one idempotency key while the first request is in flight, concurrently, and after
// reset-after-apply: one charge, the saved reply, and the processors' "in progress" errors.

#include "stripe_fixture.hpp"

#include <chrono>
#include <future>
#include <set>
#include <thread>

namespace processor_sim::testing {
namespace {

using namespace std::chrono_literals;

class concurrent_idempotency : public stripe_test {
 protected:
  std::unique_ptr<tls_client> new_client() {
    return std::make_unique<tls_client>(app_->tls().ca_cert_pem, app_->port());
  }
  std::string stripe_body() {
    return encode({{"amount", "1000"},
                   {"currency", "usd"},
                   {"confirm", "true"},
                   {"payment_method", "pm_card_visa"}});
  }
  http_reply stripe_on(tls_client& c, const std::string& key, const std::string& fault = {}) {
    std::map<std::string, std::string> h{{"Authorization", "Bearer " + stripe_key},
                                         {"Content-Type", "application/x-www-form-urlencoded"},
                                         {"Idempotency-Key", key}};
    if (!fault.empty()) h["X-Sim-Fault"] = fault;
    return c.request("POST", "/stripe/v1/payment_intents", stripe_body(), h);
  }
  http_reply adyen_on(tls_client& c, const std::string& key, const std::string& fault = {}) {
    std::map<std::string, std::string> h{{"X-API-Key", api_key}, {"Idempotency-Key", key}};
    if (!fault.empty()) h["X-Sim-Fault"] = fault;
    return c.request("POST", "/adyen/v71/payments",
                     boost::json::serialize(payment_body("APPROVED")), h);
  }
  boost::json::value stats() { return get("/_sim/stats").json(); }
};

TEST_F(concurrent_idempotency, stripe_retry_while_the_first_is_in_flight_gets_409_then_replay) {
  auto slow = new_client();
  auto first =
      std::async(std::launch::async, [&] { return stripe_on(*slow, "k-1", "latency:400"); });
  std::this_thread::sleep_for(100ms);
  auto c = new_client();
  auto busy = stripe_on(*c, "k-1");
  EXPECT_EQ(busy.status, 409) << busy.body;
  EXPECT_EQ(error_of(busy).at("type"), "idempotency_error");
  EXPECT_EQ(error_of(busy).at("code"), "idempotency_key_in_use");
  EXPECT_EQ(busy.header("stripe-should-retry"), "true");

  auto original = first.get();
  ASSERT_EQ(original.status, 200) << original.body;
  auto replay = stripe_on(*c, "k-1");
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(replay.header("idempotent-replayed"), "true");
  EXPECT_EQ(replay.json().at("id"), original.json().at("id"));
  auto st = stats();
  EXPECT_EQ(st.at("stripe").at("charges").as_int64(), 1);
  EXPECT_EQ(st.at("double_charges").as_int64(), 0);
  EXPECT_EQ(st.at("idempotency_in_progress").as_int64(), 1);
  // Another key is never blocked by an in-flight one.
  EXPECT_EQ(stripe_on(*c, "k-2").status, 200);
}

TEST_F(concurrent_idempotency, adyen_retry_while_the_first_is_in_flight_gets_transient_704) {
  auto slow = new_client();
  auto first =
      std::async(std::launch::async, [&] { return adyen_on(*slow, "a-1", "latency:400"); });
  std::this_thread::sleep_for(100ms);
  auto c = new_client();
  auto busy = adyen_on(*c, "a-1");
  EXPECT_EQ(busy.status, 422) << busy.body;
  EXPECT_EQ(busy.json().at("errorCode"), "704");
  EXPECT_EQ(busy.header("transient-error"), "true");

  auto original = first.get();
  ASSERT_EQ(original.status, 200);
  auto replay = adyen_on(*c, "a-1");
  EXPECT_EQ(replay.header("idempotent-replay"), "true");
  EXPECT_EQ(replay.json().at("pspReference"), original.json().at("pspReference"));
  EXPECT_EQ(stats().at("adyen").at("charges").as_int64(), 1);
}

TEST_F(concurrent_idempotency, stripe_reset_after_apply_then_retry_replays_without_charging) {
  auto c = new_client();
  auto lost = stripe_on(*c, "k-reset", "reset-after-apply");
  EXPECT_TRUE(lost.error);
  EXPECT_EQ(stats().at("stripe").at("charges").as_int64(), 1);
  auto retry = stripe_on(*c, "k-reset");  // not refused as in flight: the reset released the key
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.header("idempotent-replayed"), "true");
  auto st = stats();
  EXPECT_EQ(st.at("stripe").at("charges").as_int64(), 1);
  EXPECT_EQ(st.at("double_charges").as_int64(), 0);
}

// Many clients retrying one key at once, some of their attempts lost after apply: whatever the
// interleaving, one charge, and every success carries the same object.
TEST_F(concurrent_idempotency, a_storm_of_retries_on_one_key_charges_once_per_processor) {
  constexpr int clients = 8;
  auto storm = [&](auto send) {
    std::vector<std::future<std::vector<http_reply>>> runs;
    for (int i = 0; i < clients; ++i) {
      runs.push_back(std::async(std::launch::async, [&, i] {
        auto c = new_client();
        std::vector<http_reply> replies;
        for (int attempt = 0; attempt < 3; ++attempt) {
          const char* fault = (i + attempt) % 3 == 0   ? "reset-after-apply"
                              : (i + attempt) % 3 == 1 ? "latency:30"
                                                       : "";
          replies.push_back(send(*c, fault));
        }
        return replies;
      }));
    }
    std::vector<http_reply> all;
    for (auto& r : runs) {
      auto replies = r.get();
      all.insert(all.end(), replies.begin(), replies.end());
    }
    return all;
  };

  auto stripe_replies =
      storm([&](tls_client& c, const char* f) { return stripe_on(c, "storm", f); });
  std::set<std::string> ids;
  for (const auto& r : stripe_replies) {
    if (r.error) continue;  // reset-after-apply
    ASSERT_TRUE(r.status == 200 || r.status == 409) << r.status << " " << r.body;
    if (r.status == 200) ids.insert(s(r.json().at("id")));
  }
  EXPECT_EQ(ids.size(), 1u);

  auto adyen_replies = storm([&](tls_client& c, const char* f) { return adyen_on(c, "storm", f); });
  std::set<std::string> psps;
  for (const auto& r : adyen_replies) {
    if (r.error) continue;
    ASSERT_TRUE(r.status == 200 || r.status == 422) << r.status << " " << r.body;
    if (r.status == 200) psps.insert(s(r.json().at("pspReference")));
  }
  EXPECT_EQ(psps.size(), 1u);

  auto st = stats();
  EXPECT_EQ(st.at("stripe").at("charges").as_int64(), 1);
  EXPECT_EQ(st.at("adyen").at("charges").as_int64(), 1);
  EXPECT_EQ(st.at("double_charges").as_int64(), 0);
}

}  // namespace
}  // namespace processor_sim::testing
