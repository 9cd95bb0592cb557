// Sale + partial refunds, and void: asynchronous outcomes confirmed through the simulator.

#include "harness.hpp"

namespace e2e {
namespace {

v1::Refund refund(const std::string& psp, const std::string& reference, std::int64_t amount) {
  v1::RefundRequest req;
  req.set_connector("adyen");
  req.set_connector_payment_id(psp);
  req.set_merchant_reference(reference);
  *req.mutable_amount() = money(amount);
  *req.mutable_payment_amount() = money(1000);
  req.set_reason("customer request");
  v1::Refund res;
  auto s = env().svc.payments->Refund(ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

const boost::json::object* modification(const json& state, const std::string& psp) {
  for (const auto& m : state.at("modifications").as_array())
    if (m.at("pspReference") == psp.c_str()) return &m.as_object();
  return nullptr;
}

TEST(Modifications, SaleThenPartialRefunds) {
  v1::Payment sale;
  auto s = env().svc.payments->Authorize(
      ctx().get(), authorize_request("e2e-mod-sale", "APPROVED", 1000, false), &sale);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(sale.status(), v1::PAYMENT_STATUS_CHARGED) << sale.DebugString();
  const auto psp = sale.connector_payment_id();
  ASSERT_FALSE(psp.empty());
  EXPECT_EQ(env().payment_state(psp).at("captured"), 1000);

  auto r1 = refund(psp, "e2e-mod-refund-1", 300);
  auto r2 = refund(psp, "e2e-mod-refund-2", 400);
  EXPECT_EQ(r1.status(), v1::REFUND_STATUS_PENDING);
  EXPECT_EQ(r2.status(), v1::REFUND_STATUS_PENDING);
  ASSERT_FALSE(r1.connector_refund_id().empty());
  ASSERT_FALSE(r2.connector_refund_id().empty());
  EXPECT_NE(r1.connector_refund_id(), r2.connector_refund_id());
  EXPECT_EQ(r1.connector_payment_id(), psp);
  EXPECT_EQ(r1.amount().minor_amount(), 300);
  EXPECT_EQ(r2.amount().minor_amount(), 400);

  for (const auto* r : {&r1, &r2}) {
    auto hook = env().wait_webhook("REFUND", r->connector_refund_id());
    ASSERT_TRUE(hook.is_object()) << "no REFUND webhook for " << r->connector_refund_id();
    EXPECT_EQ(hook.at("finalStatus"), 200);
  }
  auto state = env().payment_state(psp);
  EXPECT_EQ(state.at("refunded"), 700);
  EXPECT_EQ(state.at("status"), "partially_refunded");

  // Beyond what is left: accepted (Adyen answers asynchronously), refused by webhook.
  auto r3 = refund(psp, "e2e-mod-refund-3", 500);
  EXPECT_EQ(r3.status(), v1::REFUND_STATUS_PENDING);
  ASSERT_FALSE(r3.connector_refund_id().empty());
  auto hook = env().wait_webhook("REFUND", r3.connector_refund_id());
  ASSERT_TRUE(hook.is_object());
  EXPECT_EQ(hook.at("finalStatus"), 200);
  state = env().payment_state(psp);
  EXPECT_EQ(state.at("refunded"), 700);
  const auto* mod = modification(state, r3.connector_refund_id());
  ASSERT_NE(mod, nullptr) << state;
  EXPECT_EQ(mod->at("success"), false);
  EXPECT_EQ(mod->at("kind"), "refund");
  const auto* ok = modification(state, r1.connector_refund_id());
  ASSERT_NE(ok, nullptr);
  EXPECT_EQ(ok->at("success"), true);
}

TEST(Modifications, VoidAnAuthorization) {
  v1::Payment auth;
  auto s = env().svc.payments->Authorize(
      ctx().get(), authorize_request("e2e-mod-void", "APPROVED", 1000, true), &auth);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(auth.status(), v1::PAYMENT_STATUS_AUTHORIZED);

  v1::VoidRequest req;
  req.set_connector("adyen");
  req.set_connector_payment_id(auth.connector_payment_id());
  req.set_merchant_reference("e2e-mod-void-1");
  req.set_reason("order cancelled");
  v1::Payment res;
  s = env().svc.payments->Void(ctx().get(), req, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_VOID_PENDING);
  EXPECT_EQ(res.connector_payment_id(), auth.connector_payment_id());
  ASSERT_FALSE(res.connector_operation_id().empty());

  auto hook = env().wait_webhook("CANCELLATION", res.connector_operation_id());
  ASSERT_TRUE(hook.is_object()) << "no CANCELLATION webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);
  EXPECT_EQ(hook.at("originalReference"), auth.connector_payment_id().c_str());
  auto state = env().payment_state(auth.connector_payment_id());
  EXPECT_EQ(state.at("cancelled"), true);
  EXPECT_EQ(state.at("status"), "cancelled");
}

// Derived keys never merge two operations: two partial captures and two partial refunds of one
// payment, all under the order's merchant_reference and without idempotency keys, all happen;
// the same capture sent again (same fields) is a retry and replays the first.
TEST(Modifications, PartialCapturesAndRefundsWithoutKeysAreNeverMerged) {
  v1::Payment auth;
  auto s = env().svc.payments->Authorize(
      ctx().get(), authorize_request("e2e-mod-keys", "APPROVED", 1000, true), &auth);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(auth.status(), v1::PAYMENT_STATUS_AUTHORIZED);
  const auto psp = auth.connector_payment_id();
  auto capture = [&](std::int64_t amount) {
    v1::CaptureRequest cap;
    cap.set_connector("adyen");
    cap.set_connector_payment_id(psp);
    cap.set_merchant_reference("e2e-mod-keys");  // the order's reference, as clients send it
    *cap.mutable_amount_to_capture() = money(amount);
    *cap.mutable_payment_amount() = money(1000);
    v1::Payment res;
    auto st = env().svc.payments->Capture(ctx().get(), cap, &res);
    EXPECT_TRUE(st.ok()) << describe(st);
    return res.connector_operation_id();
  };
  const auto c1 = capture(300), c2 = capture(400);
  ASSERT_FALSE(c1.empty());
  ASSERT_FALSE(c2.empty());
  EXPECT_NE(c1, c2);
  EXPECT_EQ(capture(300), c1);  // a retry of the first capture replays it
  for (const auto& op : {c1, c2}) ASSERT_TRUE(env().wait_webhook("CAPTURE", op).is_object());
  auto state = env().payment_state(psp);
  EXPECT_EQ(state.at("captured"), 700) << state;

  auto r1 = refund(psp, "e2e-mod-keys", 100);
  auto r2 = refund(psp, "e2e-mod-keys", 200);
  ASSERT_FALSE(r1.connector_refund_id().empty());
  EXPECT_NE(r1.connector_refund_id(), r2.connector_refund_id());
  for (const auto* r : {&r1, &r2})
    ASSERT_TRUE(env().wait_webhook("REFUND", r->connector_refund_id()).is_object());
  EXPECT_EQ(refund(psp, "e2e-mod-keys", 100).connector_refund_id(), r1.connector_refund_id());
  state = env().payment_state(psp);
  EXPECT_EQ(state.at("refunded"), 300) << state;
}

}  // namespace
}  // namespace e2e
