// Charge markers (actors/charge_marker.hpp) against a real redis-server: the key, the ttl, the
// take script (SET NX PX, or the other run's remaining ttl) and the compare-and-delete release
// (only the token that set the marker removes it), and the claim a call gets.

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "actors/charge_marker.hpp"
#include "connectors/registry.hpp"
#include "tests/support/redis_server.hpp"

using namespace cs;
using namespace std::chrono_literals;

namespace {

class ChargeMarker : public ::testing::Test {
 protected:
  void SetUp() override {
    net::redis_options o;
    o.port = redis_.port();
    client_ = net::redis_client::create(io_, o);
    thread_ = std::thread([this] { io_.run(); });
    shared_ = {client_, "m:"};
  }
  void TearDown() override {
    client_->stop();
    work_.reset();
    thread_.join();
  }

  net::redis_outcome eval(const net::redis_script& s, std::vector<std::string> keys,
                          std::vector<std::string> args) {
    std::promise<net::redis_outcome> p;
    client_->eval(s, std::move(keys), std::move(args),
                  [&p](net::redis_outcome o) { p.set_value(std::move(o)); });
    return p.get_future().get();
  }

  actors::take_answer take(const actors::charge_marker_claim& c) {
    std::promise<actors::take_answer> p;
    actors::take_charge_marker(c, [&p](actors::take_answer a) { p.set_value(a); });
    return p.get_future().get();
  }

  actors::charge_marker_claim claim(std::string token) {
    actors::charge_marker_claim c;
    c.shared = shared_;
    c.key = "m:charge:{braintree}:acct:order-1";
    c.token = std::move(token);
    c.ttl = 30s;
    return c;
  }

  test_support::redis_server redis_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_{
      io_.get_executor()};
  std::shared_ptr<net::redis_client> client_;
  actors::shared_state shared_;
  std::thread thread_;
};

}  // namespace

TEST_F(ChargeMarker, TheSecondTakerIsToldHowLongTheFirstHoldsIt) {
  auto first = take(claim("t1"));
  EXPECT_EQ(first.what, actors::take_answer::state::held);
  EXPECT_TRUE(first.may_hold);
  EXPECT_EQ(redis_.run("GET m:charge:{braintree}:acct:order-1"), "t1");
  auto second = take(claim("t2"));
  EXPECT_EQ(second.what, actors::take_answer::state::busy);
  EXPECT_FALSE(second.may_hold);
  EXPECT_GT(second.left, 29s);
  EXPECT_LE(second.left, 30s);
}

TEST_F(ChargeMarker, OnlyTheTokenThatSetTheMarkerDeletesIt) {
  const std::string key = "m:charge:{razorpay}:acct:rcpt";
  ASSERT_EQ(redis_.run("SET " + key + " mine PX 30000"), "OK");
  auto other = eval(actors::release_script(), {key}, {"theirs"});
  ASSERT_TRUE(other);
  EXPECT_EQ(other.reply.integer, 0);
  EXPECT_EQ(redis_.run("GET " + key), "mine");
  auto mine = eval(actors::release_script(), {key}, {"mine"});
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine.reply.integer, 1);
  EXPECT_EQ(redis_.run("EXISTS " + key), "0");
  // Gone already (expired, or released): nothing to do.
  EXPECT_EQ(eval(actors::release_script(), {key}, {"mine"}).reply.integer, 0);
}

TEST_F(ChargeMarker, ReleasedThenTakenAgain) {
  auto c = claim("t1");
  ASSERT_EQ(take(c).what, actors::take_answer::state::held);
  // The answer to the client waits for `then`: by then the marker must be gone.
  std::promise<void> released;
  actors::release_charge_marker(c, [&] { released.set_value(); });
  ASSERT_EQ(released.get_future().wait_for(5s), std::future_status::ready);
  EXPECT_EQ(redis_.run("EXISTS " + c.key), "0");
  EXPECT_EQ(take(claim("t2")).what, actors::take_answer::state::held);
}

TEST_F(ChargeMarker, RedisDownIsAFallbackNotAFailure) {
  redis_.stop();
  auto a = take(claim("t1"));
  EXPECT_EQ(a.what, actors::take_answer::state::fallback);
  EXPECT_FALSE(a.may_hold);  // refused: the SET never ran
}

TEST(ChargeMarkerKey, NamesConnectorAccountAndTheProcessorsNameWithoutSecrets) {
  actors::shared_state s{nullptr, "cs:"};
  const auto& conn = *connectors::builtin().find("razorpay");
  domain::credentials a, b;
  a.set("key_id", "rzp_test_a");
  a.set("key_secret", "secret-a-very-private");
  b.set("key_id", "rzp_test_a");
  b.set("key_secret", "secret-b-very-private");
  auto tag = actors::credentials_tag(conn, a);
  EXPECT_EQ(tag.size(), 16u);
  EXPECT_EQ(tag, actors::credentials_tag(conn, a));
  EXPECT_NE(tag, actors::credentials_tag(conn, b));
  EXPECT_EQ(tag.find("secret"), std::string::npos);
  EXPECT_EQ(actors::charge_marker_key(s, "razorpay", tag, "order-7"),
            "cs:charge:{razorpay}:" + tag + ":order-7");
}

TEST(ChargeMarkerKey, TtlCoversTheDeadlineAndAtLeastThirtySeconds) {
  auto now = std::chrono::steady_clock::now();
  EXPECT_EQ(actors::charge_marker_ttl(now + 2s, now), 30s);
  EXPECT_EQ(actors::charge_marker_ttl(now + 60s, now), 65s);
  EXPECT_EQ(actors::charge_marker_ttl(now - 1s, now), 30s);
  EXPECT_EQ(actors::charge_marker_ttl(std::chrono::steady_clock::time_point::max(), now),
            std::chrono::milliseconds(24h + 5s));
}

TEST(ChargeMarkerKey, TheConnectorsDeclareTheirChargesAndTheirNames) {
  const domain::charge_marker *rzp = nullptr, *bt = nullptr;
  for (auto* m : connectors::charge_markers()) {
    if (m->connector == "razorpay") rzp = m;
    if (m->connector == "braintree") bt = m;
    EXPECT_NE(m->connector, "adyen");  // Adyen takes an Idempotency-Key: no marker
  }
  ASSERT_TRUE(rzp && bt);
  EXPECT_TRUE(rzp->covers(domain::flow::authorize));
  EXPECT_TRUE(rzp->covers(domain::flow::recurring_charge));
  EXPECT_TRUE(rzp->covers(domain::flow::setup_mandate));
  EXPECT_FALSE(rzp->covers(domain::flow::refund));  // Razorpay's refunds take a key
  EXPECT_TRUE(bt->covers(domain::flow::authorize));
  EXPECT_TRUE(bt->covers(domain::flow::recurring_charge));
  // The names the flows use: the reference when given, else the key (Razorpay: ≤ 40 chars).
  EXPECT_EQ(*rzp->name("ref-1", "key-1"), "ref-1");
  EXPECT_EQ(*rzp->name("", "key-1"), "key-1");
  EXPECT_EQ(rzp->name("", std::string(60, 'k'))->size(), 40u);
  EXPECT_EQ(*bt->name("", "key-2"), "key-2");
  EXPECT_FALSE(bt->name("", ""));
}

TEST(ChargeMarkerKey, OnlyAnUnknownOutcomeKeepsTheMarker) {
  EXPECT_FALSE(actors::outcome_settled(domain::outcome_unknown("lost")));
  EXPECT_FALSE(actors::outcome_settled(
      domain::make_error(domain::error_code::internal, domain::reason::flow_lost, "x")));
  EXPECT_TRUE(actors::outcome_settled(domain::missing_field("idempotency_key")));
  EXPECT_TRUE(actors::outcome_settled(domain::make_error(
      domain::error_code::unavailable, domain::reason::processor_unreachable, "refused")));
  auto busy = actors::concurrent_attempt("braintree", 20s);
  EXPECT_EQ(busy.code, domain::error_code::unavailable);
  EXPECT_TRUE(busy.retryable);
  EXPECT_EQ(busy.retry_after, 1s);
}
