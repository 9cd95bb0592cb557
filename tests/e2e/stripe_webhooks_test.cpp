// Stripe webhooks signed in the test (HMAC-SHA256 over "<t>.<body>" with the whsec secret,
// computed with OpenSSL), over EventService.HandleWebhook and the HTTP receiver.

#include "harness.hpp"

namespace e2e {
namespace {

const std::string pi = "pi_3E2EWebhookIntent01";

std::string event_body() {
  boost::json::object intent{{"id", pi},
                             {"object", "payment_intent"},
                             {"amount", 2500},
                             {"amount_capturable", 0},
                             {"amount_received", 2500},
                             {"currency", "usd"},
                             {"capture_method", "automatic"},
                             {"status", "succeeded"},
                             {"latest_charge", "ch_3E2EWebhookCharge01"},
                             {"last_payment_error", nullptr},
                             {"metadata", {{"merchant_reference", "e2e-st-wh-order"}}}};
  boost::json::object event{{"id", "evt_3E2EWebhookEvent01"},
                            {"object", "event"},
                            {"api_version", "2023-08-16"},
                            {"created", unix_now()},
                            {"data", {{"object", intent}}},
                            {"livemode", false},
                            {"pending_webhooks", 1},
                            {"request", {{"id", nullptr}, {"idempotency_key", nullptr}}},
                            {"type", "payment_intent.succeeded"}};
  return boost::json::serialize(event);
}

grpc::Status handle(const std::string& body, const std::string& signature,
                    const std::string& secret, v1::HandleWebhookResponse* out,
                    const std::string& account = "") {
  v1::HandleWebhookRequest req;
  req.set_connector("stripe");
  (*req.mutable_headers())["content-type"] = "application/json; charset=utf-8";
  (*req.mutable_headers())["stripe-signature"] = signature;
  req.set_body(body);
  auto c = ctx(account);
  if (!secret.empty()) c->AddMetadata("x-webhook-secret", secret);
  return env().svc.events->HandleWebhook(c.get(), req, out);
}

void expect_event(const v1::HandleWebhookResponse& res) {
  ASSERT_EQ(res.events_size(), 1) << res.DebugString();
  const auto& e = res.events(0);
  EXPECT_EQ(e.type(), v1::EVENT_TYPE_PAYMENT);
  EXPECT_EQ(e.processor_event_code(), "payment_intent.succeeded");
  EXPECT_EQ(e.event_id(), "evt_3E2EWebhookEvent01");
  EXPECT_EQ(e.connector_payment_id(), pi);
  EXPECT_EQ(e.payment_status(), v1::PAYMENT_STATUS_CHARGED);
  EXPECT_EQ(e.merchant_reference(), "e2e-st-wh-order");
  EXPECT_EQ(e.amount().minor_amount(), 2500);
  EXPECT_EQ(e.amount().currency_code(), "USD");
  EXPECT_TRUE(res.acknowledgement().empty()) << res.acknowledgement();
}

TEST(StripeWebhooks, SignedEventIsVerifiedAndNormalized) {
  auto body = event_body();
  v1::HandleWebhookResponse res;
  auto s = handle(body, stripe_signature(stripe_whsec, unix_now(), body), stripe_whsec, &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  expect_event(res);

  // The secret of the stripe_demo merchant account, by x-merchant-account.
  v1::HandleWebhookResponse by_account;
  s = handle(body, stripe_signature(stripe_whsec, unix_now(), body), "", &by_account,
             stripe_account);
  ASSERT_TRUE(s.ok()) << describe(s);
  expect_event(by_account);
}

TEST(StripeWebhooks, StaleTimestampIsBadSignature) {
  auto body = event_body();
  v1::HandleWebhookResponse res;
  auto s = handle(body, stripe_signature(stripe_whsec, unix_now() - 400, body), stripe_whsec, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  EXPECT_NE(s.error_message().find("tolerance"), std::string::npos) << s.error_message();
  EXPECT_EQ(res.events_size(), 0);
  EXPECT_EQ(s.error_message().find(stripe_whsec), std::string::npos);
  // |now − t| is what counts: a timestamp 400 s ahead is refused too.
  s = handle(body, stripe_signature(stripe_whsec, unix_now() + 400, body), stripe_whsec, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
}

TEST(StripeWebhooks, TamperedBodyIsRejected) {
  auto body = event_body();
  auto signature = stripe_signature(stripe_whsec, unix_now(), body);
  auto at = body.find("\"amount\":2500");
  ASSERT_NE(at, std::string::npos) << body;
  body.replace(at, 13, "\"amount\":9500");
  v1::HandleWebhookResponse res;
  auto s = handle(body, signature, stripe_whsec, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  EXPECT_EQ(res.events_size(), 0);
}

TEST(StripeWebhooks, WrongSecretAndMissingHeader) {
  auto body = event_body();
  v1::HandleWebhookResponse res;
  auto s = handle(body, stripe_signature("whsec_not_the_sims_secret_e2e", unix_now(), body),
                  stripe_whsec, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  s = handle(body, "", stripe_whsec, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  // No secret and no account: nothing to verify with.
  s = handle(body, stripe_signature(stripe_whsec, unix_now(), body), "", &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "MISSING_CREDENTIALS");
}

TEST(StripeWebhooks, HttpReceiver) {
  const auto port = env().svc.http_port;
  const std::string target = "/webhooks/stripe/" + stripe_account;
  auto body = event_body();
  auto good =
      http_request(port, "POST", target, body, "application/json",
                   {{"Stripe-Signature", stripe_signature(stripe_whsec, unix_now(), body)}});
  EXPECT_EQ(good.status, 200) << good.body;
  auto stale =
      http_request(port, "POST", target, body, "application/json",
                   {{"Stripe-Signature", stripe_signature(stripe_whsec, unix_now() - 400, body)}});
  EXPECT_EQ(stale.status, 401) << stale.body;
  EXPECT_EQ(stale.body.find(stripe_whsec), std::string::npos);
  auto unsigned_body = http_request(port, "POST", target, body);
  EXPECT_EQ(unsigned_body.status, 401) << unsigned_body.body;
  // The Adyen account does not hold a Stripe secret.
  auto wrong_account =
      http_request(port, "POST", "/webhooks/stripe/demo", body, "application/json",
                   {{"Stripe-Signature", stripe_signature(stripe_whsec, unix_now(), body)}});
  EXPECT_EQ(wrong_account.status, 404) << wrong_account.body;
}

// Every Stripe event the simulator sent during this suite's run was verified (200).
TEST(StripeWebhooks, SimulatorDeliveriesAreAccepted) {
  v1::Payment res;
  auto s = env().svc.payments->Authorize(
      stripe_ctx().get(), stripe_authorize("e2e-st-wh-live", stripe_card::visa, 1800, false), &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  auto hook = env().wait_webhook("payment_intent.succeeded", res.connector_payment_id());
  ASSERT_TRUE(hook.is_object());
  EXPECT_EQ(hook.at("finalStatus"), 200);
  auto all = env().sim_get("/_sim/webhooks").json();
  int stripe = 0;
  for (const auto& d : all.as_array()) {
    if (d.at("processor") != "stripe" || d.at("state") == "pending") continue;
    ++stripe;
    EXPECT_EQ(d.at("finalStatus"), 200) << boost::json::serialize(d);
  }
  EXPECT_GE(stripe, 1);
}

}  // namespace
}  // namespace e2e
