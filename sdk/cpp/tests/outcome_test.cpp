// An unknown outcome, made with the simulator's fault injection: Stripe creates the PaymentIntent,
// then the connection resets before the answer, on every attempt the service makes
// (retry.max_attempts = 3). The call ends UNKNOWN / OUTCOME_UNKNOWN; resending with the error's
// idempotency key gets the payment that exists, and never makes a second (the simulator counts).

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "stack.hpp"

namespace {

namespace ex = cs::examples;
namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

boost::json::value control(const ex::stack& s, const std::string& method, const std::string& path,
                           const std::string& body = {}) {
  auto r = ex::sim_control(s, method, path, body);
  EXPECT_EQ(r.status, 200) << method << " " << path << ": " << r.error << r.body;
  boost::system::error_code ec;
  auto v = boost::json::parse(r.body, ec);
  return ec ? boost::json::value{} : v;
}

std::int64_t stat(const boost::json::value& stats, const char* name) {
  return stats.at("stripe").at(name).to_number<std::int64_t>();
}

TEST(Outcome, UnknownThenTheSameKeyIsOnePayment) {
  const auto* s = cs::sdk_tests::test_stack();
  ASSERT_NE(s, nullptr) << "the stack did not start (see stderr)";
  auto before = control(*s, "GET", "/_sim/stats");
  ASSERT_TRUE(before.is_object());

  v1::AuthorizeRequest req;
  req.set_connector("stripe");
  req.set_merchant_reference("cpp-unknown-" + sdk::new_idempotency_key().substr(0, 12));
  req.mutable_amount()->set_minor_amount(2500);
  req.mutable_amount()->set_currency_code("EUR");
  req.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  req.set_return_url(ex::return_url);
  *req.mutable_payment_method() = ex::card("stripe", "ok");
  // No client retries: the caller sees the error.
  sdk::client c({.target = s->target(),
                 .merchant_account = s->get("CS_STRIPE_ACCOUNT"),
                 .default_deadline = std::chrono::seconds(20)});

  auto queued = control(
      *s, "POST", "/_sim/faults",
      R"({"fault":"reset-after-apply","path_prefix":"/stripe/v1/payment_intents","count":3})");
  ASSERT_GE(queued.at("queued").to_number<int>(), 3);
  auto first = c.authorize(req);
  control(*s, "DELETE", "/_sim/faults");
  ASSERT_FALSE(first) << first->DebugString();
  const auto& e = first.error();
  EXPECT_TRUE(e.outcome_unknown()) << e.to_string();
  EXPECT_EQ(e.code, grpc::StatusCode::UNKNOWN);
  EXPECT_EQ(e.reason, "OUTCOME_UNKNOWN");
  EXPECT_EQ(e.reason_enum, v1::ERROR_REASON_OUTCOME_UNKNOWN);
  EXPECT_TRUE(e.retryable);
  EXPECT_EQ(e.attempts, 1);
  ASSERT_FALSE(e.idempotency_key.empty());

  auto again = c.authorize(req, {.idempotency_key = e.idempotency_key});
  ASSERT_TRUE(again) << again.error().to_string();
  EXPECT_EQ(again->status(), v1::PAYMENT_STATUS_AUTHORIZED);
  auto replay = c.authorize(req, {.idempotency_key = e.idempotency_key});
  ASSERT_TRUE(replay) << replay.error().to_string();
  EXPECT_EQ(replay->connector_payment_id(), again->connector_payment_id());

  auto intent = control(*s, "GET", "/_sim/stripe/payment_intents/" + again->connector_payment_id());
  EXPECT_EQ(intent.at("status").as_string(), "requires_capture");
  EXPECT_EQ(intent.at("chargesForIdempotencyKey").to_number<int>(), 1);
  auto after = control(*s, "GET", "/_sim/stats");
  EXPECT_EQ(stat(after, "payment_intents"), stat(before, "payment_intents") + 1)
      << "one payment, not two";
  EXPECT_EQ(stat(after, "double_charges"), stat(before, "double_charges"));
}

}  // namespace
