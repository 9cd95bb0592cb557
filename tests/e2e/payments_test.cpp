// Authorize, partial capture, declines, 3-D Secure and the lookups Adyen does not have.

#include "harness.hpp"

namespace e2e {
namespace {

v1::Payment authorize(const v1::AuthorizeRequest& req) {
  v1::Payment res;
  auto s = env().svc.payments->Authorize(ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

std::string url_decode(const std::string& in) {
  std::string out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size()) {
      out += static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += in[i] == '+' ? ' ' : in[i];
    }
  }
  return out;
}

// Follows the simulator's 3DS page (TLS verified against the sim CA) and returns redirectResult.
std::string follow_challenge(const v1::RedirectData& redirect) {
  const std::string prefix = "https://127.0.0.1:" + std::to_string(env().sim_port);
  EXPECT_EQ(redirect.url().rfind(prefix, 0), 0u) << redirect.url();
  auto page = env().sim_get(redirect.url().substr(prefix.size()));
  EXPECT_EQ(page.status, 302) << page.body;
  auto location = page.header("location");
  EXPECT_EQ(location.rfind(return_url, 0), 0u) << location;
  auto at = location.find("redirectResult=");
  if (at == std::string::npos) return {};
  auto value = location.substr(at + 15);
  return url_decode(value.substr(0, value.find('&')));
}

TEST(Payments, AuthorizeManualThenPartialCapture) {
  auto res = authorize(authorize_request("e2e-pay-capture", "APPROVED", 1000, true));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHORIZED) << res.DebugString();
  const auto psp = res.connector_payment_id();
  ASSERT_FALSE(psp.empty());
  EXPECT_EQ(res.amount().minor_amount(), 1000);
  EXPECT_EQ(res.amount().currency_code(), "EUR");
  EXPECT_FALSE(res.has_error());
  EXPECT_EQ(env().payment_state(psp).at("status"), "authorised");

  v1::CaptureRequest cap;
  cap.set_connector("adyen");
  cap.set_connector_payment_id(psp);
  cap.set_merchant_reference("e2e-pay-capture-1");
  *cap.mutable_amount_to_capture() = money(400);
  *cap.mutable_payment_amount() = money(1000);
  v1::Payment cres;
  auto s = env().svc.payments->Capture(ctx().get(), cap, &cres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(cres.status(), v1::PAYMENT_STATUS_CAPTURE_PENDING);
  EXPECT_EQ(cres.connector_payment_id(), psp);
  const auto op = cres.connector_operation_id();
  ASSERT_FALSE(op.empty());
  EXPECT_NE(op, psp);

  // The CAPTURE webhook reached the service, which verified the signature (200).
  auto hook = env().wait_webhook("CAPTURE", op);
  ASSERT_TRUE(hook.is_object()) << "no CAPTURE webhook delivered";
  EXPECT_EQ(hook.at("finalStatus"), 200);
  EXPECT_EQ(hook.at("state"), "delivered");
  auto auth_hook = env().wait_webhook("AUTHORISATION", psp);
  ASSERT_TRUE(auth_hook.is_object());
  EXPECT_EQ(auth_hook.at("finalStatus"), 200);

  auto state = env().payment_state(psp);
  EXPECT_EQ(state.at("captured"), 400);
  EXPECT_EQ(state.at("status"), "partially_captured");
}

struct decline_case {
  const char* holder;
  v1::PaymentStatus status;
  const char* processor_code;
  v1::DeclineCode code;
  bool retryable;
};

TEST(Payments, DeclinesMapToUnifiedCodes) {
  const decline_case cases[] = {
      {"DECLINED", v1::PAYMENT_STATUS_FAILURE, "2", v1::DECLINE_CODE_GENERIC, false},
      {"NOT_ENOUGH_BALANCE", v1::PAYMENT_STATUS_FAILURE, "12", v1::DECLINE_CODE_INSUFFICIENT_FUNDS,
       false},
      {"ERROR", v1::PAYMENT_STATUS_FAILURE, "4", v1::DECLINE_CODE_PROCESSING_ERROR, true},
      {"CARD_EXPIRED", v1::PAYMENT_STATUS_FAILURE, "6", v1::DECLINE_CODE_EXPIRED_CARD, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.holder);
    auto res = authorize(authorize_request(std::string("e2e-decline-") + c.holder, c.holder, 1500,
                                           false, mastercard));
    EXPECT_EQ(res.status(), c.status);
    EXPECT_FALSE(res.connector_payment_id().empty());
    ASSERT_TRUE(res.has_error()) << res.DebugString();
    EXPECT_EQ(res.error().processor_code(), c.processor_code);
    EXPECT_EQ(res.error().decline_code(), c.code);
    EXPECT_EQ(res.error().retryable(), c.retryable);
    EXPECT_FALSE(res.error().processor_message().empty());
  }
  auto pending = authorize(authorize_request("e2e-pending", "PENDING", 1500, false));
  EXPECT_EQ(pending.status(), v1::PAYMENT_STATUS_PENDING);
  EXPECT_FALSE(pending.connector_payment_id().empty());
  EXPECT_FALSE(pending.has_error());
}

TEST(Payments, ThreeDSChallengeThenCompleteAuthorize) {
  auto res = authorize(authorize_request("e2e-3ds-ok", "3DS_CHALLENGE", 2500, true));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  ASSERT_TRUE(res.next_action().has_redirect());
  EXPECT_EQ(res.next_action().redirect().method(), v1::HTTP_METHOD_GET);
  auto token = follow_challenge(res.next_action().redirect());
  ASSERT_FALSE(token.empty());

  v1::CompleteAuthorizeRequest done;
  done.set_connector("adyen");
  done.set_connector_payment_id(res.connector_payment_id());
  done.set_merchant_reference("e2e-3ds-ok");
  done.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  (*done.mutable_redirect_payload())["redirectResult"] = token;
  v1::Payment out;
  auto s = env().svc.payments->CompleteAuthorize(ctx().get(), done, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_AUTHORIZED) << out.DebugString();
  ASSERT_FALSE(out.connector_payment_id().empty());
  EXPECT_FALSE(out.has_error());
  auto state = env().payment_state(out.connector_payment_id());
  EXPECT_EQ(state.at("resultCode"), "Authorised");
  EXPECT_EQ(state.at("authorised"), 2500);
}

TEST(Payments, ThreeDSFailureIsFailure) {
  auto res = authorize(authorize_request("e2e-3ds-fail", "3DS_FAIL", 2500, false));
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  auto token = follow_challenge(res.next_action().redirect());
  ASSERT_FALSE(token.empty());
  v1::CompleteAuthorizeRequest done;
  done.set_connector("adyen");
  done.set_connector_payment_id(res.connector_payment_id());
  done.set_merchant_reference("e2e-3ds-fail");
  (*done.mutable_redirect_payload())["redirectResult"] = token;
  v1::Payment out;
  auto s = env().svc.payments->CompleteAuthorize(ctx().get(), done, &out);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(out.status(), v1::PAYMENT_STATUS_FAILURE) << out.DebugString();
  ASSERT_TRUE(out.has_error());
  EXPECT_EQ(out.error().processor_code(), "11");
}

// Adyen counts CLP with two decimals (ISO 4217: none): 5000 CLP travels as 500000, the
// AUTHORISATION webhook carries 500000 too, and both come back as 5000 CLP.
TEST(Payments, ClpTravelsInAdyensUnitsAndComesBackInIsoUnits) {
  auto req = authorize_request("e2e-pay-clp", "APPROVED", 5000, true);
  *req.mutable_amount() = money(5000, "CLP");
  auto res = authorize(req);
  ASSERT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHORIZED) << res.DebugString();
  EXPECT_EQ(res.amount().minor_amount(), 5000);
  EXPECT_EQ(res.amount().currency_code(), "CLP");
  auto state = env().payment_state(res.connector_payment_id());
  EXPECT_EQ(state.at("authorised"), 500000) << state;
  auto hook = env().wait_webhook("AUTHORISATION", res.connector_payment_id());
  ASSERT_TRUE(hook.is_object());
  EXPECT_EQ(hook.at("finalStatus"), 200);  // verified (the signed string holds "500000")
}

TEST(Payments, GetIsNotSupportedByAdyen) {
  v1::GetPaymentRequest get;
  get.set_connector("adyen");
  get.set_connector_payment_id("ABCDEF1234567890");
  v1::Payment res;
  auto s = env().svc.payments->Get(ctx().get(), get, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "NOT_SUPPORTED_BY_PROCESSOR");
  EXPECT_NE(s.error_message().find("webhook"), std::string::npos) << s.error_message();

  v1::GetRefundRequest rget;
  rget.set_connector("adyen");
  rget.set_connector_refund_id("ABCDEF1234567891");
  rget.set_connector_payment_id("ABCDEF1234567890");
  v1::Refund rres;
  s = env().svc.refunds->Get(ctx().get(), rget, &rres);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "NOT_SUPPORTED_BY_PROCESSOR");
  EXPECT_NE(s.error_message().find("webhook"), std::string::npos) << s.error_message();
}

}  // namespace
}  // namespace e2e
