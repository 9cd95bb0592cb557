// Razorpay card mandates: SetupMandate (customer, order with a token request, first payment) →
// the bank page → CompleteAuthorize gives the token_…; RecurringService.Charge with it (4 steps);
// Revoke deletes the token, after which it charges no more.

#include <cstdio>
#include <set>

#include "razorpay.hpp"

namespace e2e {
namespace {

v1::SetupMandateRequest setup_request(const std::string& reference, std::int64_t minor) {
  v1::SetupMandateRequest r;
  r.set_connector("razorpay");
  r.set_merchant_reference(reference);
  auto* card = r.mutable_payment_method()->mutable_card();
  card->set_number(razorpay_card::mastercard);
  card->set_expiry_month(11);
  card->set_expiry_year(2032);
  card->set_cvc(cvv_razorpay);
  card->set_holder_name("Asha Rao");
  *r.mutable_customer() = rzp::customer("shopper-e2e-rzp-42");
  *r.mutable_amount() = money(minor, "INR");
  r.set_recurring_model(v1::RECURRING_MODEL_UNSCHEDULED);
  r.set_return_url(return_url);
  return r;
}

grpc::Status charge(const std::string& token, const std::string& customer,
                    const std::string& reference, bool manual, v1::Payment* out) {
  v1::RecurringChargeRequest r;
  r.set_connector("razorpay");
  r.set_merchant_reference(reference);
  r.set_connector_mandate_id(token);
  r.set_customer_id(customer);
  *r.mutable_amount() = money(99900, "INR");
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_recurring_model(v1::RECURRING_MODEL_UNSCHEDULED);
  return env().svc.recurring->Charge(razorpay_ctx().get(), r, out);
}

// Issue 11: Razorpay cannot charge twice. 1,000 recurring charges whose payment create is applied
// and then answered 500 (the processor charged and said it failed): each call is OUTCOME_UNKNOWN,
// each caller retry with the same reference finds the order's payment, and the simulator counts
// exactly one charge per reference — no double charge, no second order for a receipt.
TEST(RazorpayMandates, ApplyThen500OnEveryRecurringChargeNeverChargesTwice) {
  v1::SetupMandateResponse setup;
  auto s = env().svc.payments->SetupMandate(razorpay_ctx().get(),
                                            setup_request("e2e-rzp-apply500-mandate", 100), &setup);
  ASSERT_TRUE(s.ok()) << describe(s);
  v1::Payment done;
  ASSERT_TRUE(rzp::complete(setup.connector_payment_id(),
                            rzp::bank_page(setup.next_action().redirect()), &done, false)
                  .ok());
  const auto token = done.mandate().connector_mandate_id();
  const auto customer = done.mandate().customer_id();
  ASSERT_TRUE(starts_with(token, "token_")) << done.DebugString();

  constexpr int calls = 1000;
  const auto before = env().stats().at("razorpay");
  env().queue_fault("status-after-apply:500", "/razorpay/v1/payments/create/recurring", calls);
  int unknown = 0, charged_on_retry = 0;
  std::set<std::string> payments;
  for (int i = 0; i < calls; ++i) {
    const auto ref = "e2e-rzp-a500-" + std::to_string(i);
    v1::Payment res;
    auto first = charge(token, customer, ref, false, &res);
    if (first.error_code() == grpc::StatusCode::UNKNOWN &&
        error_info(first).reason() == "OUTCOME_UNKNOWN")
      ++unknown;
    auto retry = charge(token, customer, ref, false, &res);
    if (retry.ok() && res.status() == v1::PAYMENT_STATUS_CHARGED) ++charged_on_retry;
    payments.insert(res.connector_payment_id());
  }
  const auto after = env().stats().at("razorpay");
  auto delta = [&](const char* k) {
    return after.at(k).to_number<std::int64_t>() - before.at(k).to_number<std::int64_t>();
  };
  std::printf(
      "apply-then-500 recurring charges: %d calls, %d OUTCOME_UNKNOWN, %d charged on "
      "retry, %zu distinct payments, %lld charges, %lld double charges, %lld duplicate "
      "receipts\n",
      calls, unknown, charged_on_retry, payments.size(), static_cast<long long>(delta("charges")),
      static_cast<long long>(delta("double_charges")),
      static_cast<long long>(delta("duplicate_receipts")));
  EXPECT_EQ(unknown, calls);
  EXPECT_EQ(charged_on_retry, calls);
  EXPECT_EQ(payments.size(), static_cast<std::size_t>(calls));
  EXPECT_EQ(delta("charges"), calls);
  EXPECT_EQ(delta("double_charges"), 0);
  EXPECT_EQ(delta("duplicate_receipts"), 0);
  env().sim_client->request("DELETE", "/_sim/faults");
}

// The setup's first payment is a charge too: each first payment is applied and answered 500, so
// each SetupMandate is OUTCOME_UNKNOWN; the retry with the same reference finds that payment
// through the order lookup and answers it (still awaiting the shopper) — one order and one
// payment per reference, never a second charge attempt.
TEST(RazorpayMandates, ApplyThen500OnEverySetupNeverCreatesASecondPayment) {
  constexpr int calls = 200;
  const auto before = env().stats().at("razorpay");
  env().queue_fault("status-after-apply:500", "/razorpay/v1/payments/create/json", calls);
  int unknown = 0, found_on_retry = 0;
  std::set<std::string> payments;
  for (int i = 0; i < calls; ++i) {
    const auto ref = "e2e-rzp-s500-" + std::to_string(i);
    v1::SetupMandateResponse res;
    auto first =
        env().svc.payments->SetupMandate(razorpay_ctx().get(), setup_request(ref, 100), &res);
    if (first.error_code() == grpc::StatusCode::UNKNOWN &&
        error_info(first).reason() == "OUTCOME_UNKNOWN")
      ++unknown;
    res.Clear();
    auto retry =
        env().svc.payments->SetupMandate(razorpay_ctx().get(), setup_request(ref, 100), &res);
    if (retry.ok() && res.status() == v1::MANDATE_STATUS_PENDING &&
        starts_with(res.connector_payment_id(), "pay_"))
      ++found_on_retry;
    payments.insert(res.connector_payment_id());
  }
  const auto after = env().stats().at("razorpay");
  auto delta = [&](const char* k) {
    return after.at(k).to_number<std::int64_t>() - before.at(k).to_number<std::int64_t>();
  };
  std::printf(
      "apply-then-500 mandate setups: %d calls, %d OUTCOME_UNKNOWN, %d found on retry, "
      "%zu distinct payments, %lld payments and %lld orders created\n",
      calls, unknown, found_on_retry, payments.size(), static_cast<long long>(delta("payments")),
      static_cast<long long>(delta("orders")));
  EXPECT_EQ(unknown, calls);
  EXPECT_EQ(found_on_retry, calls);
  EXPECT_EQ(payments.size(), static_cast<std::size_t>(calls));
  EXPECT_EQ(delta("payments"), calls);
  EXPECT_EQ(delta("orders"), calls);
  EXPECT_EQ(delta("double_charges"), 0);
  env().sim_client->request("DELETE", "/_sim/faults");
}

TEST(RazorpayMandates, SetupBankPageCompleteChargeThenRevoke) {
  v1::SetupMandateResponse setup;
  auto s = env().svc.payments->SetupMandate(razorpay_ctx().get(),
                                            setup_request("e2e-rzp-mandate", 100), &setup);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(setup.status(), v1::MANDATE_STATUS_PENDING) << setup.DebugString();
  EXPECT_EQ(setup.payment_status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING);
  const auto customer = setup.mandate().customer_id();
  EXPECT_TRUE(starts_with(customer, "cust_")) << setup.DebugString();
  EXPECT_TRUE(setup.mandate().connector_mandate_id().empty())
      << "the token exists only after the payment";
  const auto pay = setup.connector_payment_id();
  ASSERT_TRUE(starts_with(pay, "pay_")) << setup.DebugString();
  ASSERT_TRUE(setup.next_action().has_redirect());

  auto params = rzp::bank_page(setup.next_action().redirect());
  v1::Payment done;
  s = rzp::complete(pay, params, &done, false);
  ASSERT_TRUE(s.ok()) << describe(s);
  // The order asked for capture: the first payment is charged and the token is active.
  EXPECT_EQ(done.status(), v1::PAYMENT_STATUS_CHARGED) << done.DebugString();
  ASSERT_TRUE(done.has_mandate()) << done.DebugString();
  EXPECT_EQ(done.mandate().status(), v1::MANDATE_STATUS_ACTIVE);
  const auto token = done.mandate().connector_mandate_id();
  ASSERT_TRUE(starts_with(token, "token_")) << done.DebugString();
  auto first = rzp::sim_payment(pay);
  EXPECT_EQ(first.at("token_id"), token.c_str());
  EXPECT_EQ(first.at("customer_id"), customer.c_str());

  // Automatic capture: CHARGED (customer read, order, recurring payment, payment read).
  v1::Payment rec;
  s = charge(token, customer, "e2e-rzp-mandate-charge-1", false, &rec);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(rec.status(), v1::PAYMENT_STATUS_CHARGED) << rec.DebugString();
  EXPECT_TRUE(starts_with(rec.connector_payment_id(), "pay_"));
  EXPECT_TRUE(starts_with(rec.connector_operation_id(), "order_")) << rec.DebugString();
  EXPECT_EQ(rec.amount().minor_amount(), 99900);
  auto state = rzp::sim_payment(rec.connector_payment_id());
  EXPECT_EQ(state.at("recurring"), true);
  EXPECT_EQ(state.at("token_id"), token.c_str());
  EXPECT_EQ(state.at("status"), "captured");
  // Manual capture: AUTHORIZED.
  v1::Payment rec2;
  s = charge(token, customer, "e2e-rzp-mandate-charge-2", true, &rec2);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(rec2.status(), v1::PAYMENT_STATUS_AUTHORIZED) << rec2.DebugString();
  EXPECT_EQ(rzp::sim_payment(rec2.connector_payment_id()).at("status"), "authorized");

  v1::RevokeMandateRequest rv;
  rv.set_connector("razorpay");
  rv.set_connector_mandate_id(token);
  rv.set_customer_id(customer);
  v1::RevokeMandateResponse revoked;
  s = env().svc.recurring->Revoke(razorpay_ctx().get(), rv, &revoked);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(revoked.status(), v1::MANDATE_STATUS_REVOKED) << revoked.DebugString();

  // The deleted token charges no more.
  v1::Payment after;
  s = charge(token, customer, "e2e-rzp-mandate-charge-3", false, &after);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << describe(s);
}

TEST(RazorpayMandates, SetupBelowOneRupeeIsInvalidArgumentWithoutACall) {
  const auto before = env().stats().at("requests");
  v1::SetupMandateResponse setup;
  auto s = env().svc.payments->SetupMandate(razorpay_ctx().get(),
                                            setup_request("e2e-rzp-mandate-0", 0), &setup);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_NE(s.error_message().find("amount"), std::string::npos) << describe(s);
  EXPECT_EQ(env().stats().at("requests"), before);
}

}  // namespace
}  // namespace e2e
