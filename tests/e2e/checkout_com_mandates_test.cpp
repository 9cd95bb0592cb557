// Checkout.com stored cards, disputes and webhooks over gRPC against the simulator: SetupMandate
// (a customer-initiated payment whose card Checkout.com keeps as src_…), merchant-initiated
// RecurringService.Charge with previous_payment_id, Revoke (DELETE /instruments), disputes opened
// by the simulator's scheme and answered with Get / SubmitEvidence / Accept, and Cko-Signature
// webhooks: the simulator's deliveries accepted, forged ones refused.

#include "harness.hpp"

namespace e2e {
namespace {

std::unique_ptr<grpc::ClientContext> cko_ctx() {
  return ctx(checkout_com_account);
}

void set_card(v1::PaymentMethod* pm, const std::string& number = cko_card::visa) {
  auto* card = pm->mutable_card();
  card->set_number(number);
  card->set_expiry_month(9);
  card->set_expiry_year(2032);
  card->set_cvc(cvv_checkout_com);
  card->set_holder_name("Jenny Rosen");
}

v1::SetupMandateResponse setup(const std::string& reference, std::int64_t amount) {
  v1::SetupMandateRequest req;
  req.set_connector("checkout_com");
  req.set_merchant_reference(reference);
  set_card(req.mutable_payment_method());
  req.mutable_customer()->set_id("cus-" + reference);
  *req.mutable_amount() = money(amount, "USD");
  req.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  v1::SetupMandateResponse res;
  auto s = env().svc.payments->SetupMandate(cko_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

grpc::Status charge(const std::string& mandate_id, const std::string& reference, v1::Payment& out) {
  v1::RecurringChargeRequest req;
  req.set_connector("checkout_com");
  req.set_merchant_reference(reference);
  req.set_connector_mandate_id(mandate_id);
  *req.mutable_amount() = money(1999, "USD");
  req.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  req.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  return env().svc.recurring->Charge(cko_ctx().get(), req, &out);
}

json sim_payment(const std::string& id) {
  auto r = env().sim_get("/_sim/checkout_com/payments/" + id);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : json{};
}

TEST(CheckoutComMandates, CardVerificationStoresTheCardThenMerchantInitiatedChargesThenRevoke) {
  auto m = setup("e2e-cko-mandate", 0);
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_ACTIVE) << m.DebugString();
  const auto id = m.mandate().connector_mandate_id();
  ASSERT_TRUE(starts_with(id, "src_")) << id;
  const auto first = id.substr(id.find('.') + 1);
  ASSERT_TRUE(starts_with(first, "pay_")) << id;
  EXPECT_EQ(sim_payment(first).at("status"), "Card Verified");

  for (int i = 1; i <= 2; ++i) {
    v1::Payment charged;
    auto s = charge(id, "e2e-cko-mandate-" + std::to_string(i), charged);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(charged.status(), v1::PAYMENT_STATUS_CHARGED) << charged.DebugString();
    auto state = sim_payment(charged.connector_payment_id());
    EXPECT_EQ(state.at("merchant_initiated"), true) << state;
    EXPECT_EQ(state.at("payment_type"), "Recurring") << state;
    EXPECT_EQ(state.at("previous_payment_id"), first.c_str()) << state;
    EXPECT_EQ(state.at("amount"), 1999) << state;
  }

  v1::RevokeMandateRequest revoke;
  revoke.set_connector("checkout_com");
  revoke.set_connector_mandate_id(id);
  v1::RevokeMandateResponse rres;
  auto s = env().svc.recurring->Revoke(cko_ctx().get(), revoke, &rres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(rres.status(), v1::MANDATE_STATUS_REVOKED) << rres.DebugString();
  // The card is gone at Checkout.com: the next charge is refused, and so is a second revoke.
  v1::Payment after;
  s = charge(id, "e2e-cko-mandate-after", after);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  s = env().svc.recurring->Revoke(cko_ctx().get(), revoke, &rres);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << describe(s);
}

TEST(CheckoutComMandates, FirstPaymentWithAnAmountIsChargedAndAMalformedMandateIsRefused) {
  auto m = setup("e2e-cko-mandate-paid", 500);
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_ACTIVE) << m.DebugString();
  const auto& id = m.mandate().connector_mandate_id();
  EXPECT_EQ(sim_payment(id.substr(id.find('.') + 1)).at("status"), "Captured");

  const auto before = env().stats().at("checkout_com").at("charges").as_int64();
  v1::Payment out;
  auto s = charge("src_only", "e2e-cko-mandate-bad", out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(error_info(s).metadata().at("field"), "connector_mandate_id") << describe(s);
  EXPECT_EQ(env().stats().at("checkout_com").at("charges").as_int64(), before);
}

TEST(CheckoutComMandates, SetupWithThreeDsEndsWithCompleteAuthorizeWhichCarriesTheMandate) {
  v1::SetupMandateRequest req;
  req.set_connector("checkout_com");
  req.set_merchant_reference("e2e-cko-mandate-3ds");
  set_card(req.mutable_payment_method());
  req.mutable_customer()->set_id("cus-e2e-cko-mandate-3ds");
  *req.mutable_amount() = money(0, "USD");
  req.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  req.set_return_url(return_url);
  v1::SetupMandateResponse m;
  auto s = env().svc.payments->SetupMandate(cko_ctx().get(), req, &m);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_PENDING) << m.DebugString();
  ASSERT_TRUE(m.next_action().has_redirect()) << m.DebugString();
  const std::string page = "https://127.0.0.1:" + std::to_string(env().sim_port);
  auto shopper = env().sim_get(m.next_action().redirect().url().substr(page.size()));
  ASSERT_EQ(shopper.status, 302) << shopper.body;
  const auto back = shopper.header("location");

  v1::CompleteAuthorizeRequest c;
  c.set_connector("checkout_com");
  c.set_connector_payment_id(m.connector_payment_id());
  (*c.mutable_redirect_payload())["cko-session-id"] = back.substr(back.find('=') + 1);
  v1::Payment done;
  s = env().svc.payments->CompleteAuthorize(cko_ctx().get(), c, &done);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_TRUE(done.has_mandate()) << done.DebugString();
  const auto id = done.mandate().connector_mandate_id();
  EXPECT_TRUE(starts_with(id, "src_")) << id;
  v1::Payment charged;
  s = charge(id, "e2e-cko-mandate-3ds-charge", charged);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(charged.status(), v1::PAYMENT_STATUS_CHARGED) << charged.DebugString();
}

// A captured payment and the dispute the simulator's card scheme opens on it.
std::string open_dispute(const std::string& reference) {
  v1::AuthorizeRequest a;
  a.set_connector("checkout_com");
  a.set_merchant_reference(reference);
  *a.mutable_amount() = money(2500, "USD");
  set_card(a.mutable_payment_method());
  a.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  v1::Payment sale;
  auto s = env().svc.payments->Authorize(cko_ctx().get(), a, &sale);
  EXPECT_TRUE(s.ok()) << describe(s);
  auto r = env().sim_post("/_sim/checkout_com/payments/" + sale.connector_payment_id() + "/dispute",
                          boost::json::object{{"reason_code", "13.1"}});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return {};
  std::string id(r.json().at("id").as_string());
  auto hook = env().wait_webhook("dispute_evidence_required", id);
  EXPECT_TRUE(hook.is_object()) << "no dispute_evidence_required webhook for " << id;
  if (hook.is_object()) {
    EXPECT_EQ(hook.at("finalStatus"), 200);
  }
  return id;
}

grpc::Status get(const std::string& id, v1::Dispute& out) {
  v1::GetDisputeRequest g;
  g.set_connector("checkout_com");
  g.set_connector_dispute_id(id);
  return env().svc.disputes->Get(cko_ctx().get(), g, &out);
}

grpc::Status evidence(const std::string& id, bool draft, v1::Dispute& out) {
  v1::SubmitEvidenceRequest e;
  e.set_connector("checkout_com");
  e.set_connector_dispute_id(id);
  e.set_text("Delivered 2026-11-30, signed for by the cardholder");
  e.set_save_as_draft(draft);
  return env().svc.disputes->SubmitEvidence(cko_ctx().get(), e, &out);
}

TEST(CheckoutComDisputes, EvidenceDraftThenSubmittedThenWon) {
  const auto id = open_dispute("e2e-cko-dispute-won");
  ASSERT_TRUE(starts_with(id, "dsp_")) << id;
  v1::Dispute d;
  ASSERT_TRUE(get(id, d).ok());
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_OPENED) << d.DebugString();

  auto s = evidence(id, true, d);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_OPENED) << d.DebugString();
  auto saved = env().sim_get("/_sim/checkout_com/disputes/" + id).json();
  EXPECT_EQ(saved.at("evidence").at("additional_evidence_text"),
            "Delivered 2026-11-30, signed for by the cardholder")
      << saved;
  s = evidence(id, false, d);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_CHALLENGED) << d.DebugString();
  // Submitted evidence cannot be accepted away any more.
  v1::AcceptDisputeRequest acc;
  acc.set_connector("checkout_com");
  acc.set_connector_dispute_id(id);
  s = env().svc.disputes->Accept(cko_ctx().get(), acc, &d);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);

  auto r = env().sim_post("/_sim/checkout_com/disputes/" + id + "/resolve",
                          boost::json::object{{"outcome", "won"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(get(id, d).ok());
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_WON) << d.DebugString();
  auto hook = env().wait_webhook("dispute_won", id);
  ASSERT_TRUE(hook.is_object()) << "no dispute_won webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(CheckoutComDisputes, SubmittedThenLost) {
  const auto id = open_dispute("e2e-cko-dispute-lost");
  v1::Dispute d;
  ASSERT_TRUE(evidence(id, false, d).ok());
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_CHALLENGED);
  auto r = env().sim_post("/_sim/checkout_com/disputes/" + id + "/resolve",
                          boost::json::object{{"outcome", "lost"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(get(id, d).ok());
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_LOST) << d.DebugString();
  auto hook = env().wait_webhook("dispute_lost", id);
  ASSERT_TRUE(hook.is_object()) << "no dispute_lost webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(CheckoutComDisputes, AcceptedOnceThenRefusedAndDefendSaysWhatToDoInstead) {
  const auto id = open_dispute("e2e-cko-dispute-accept");
  v1::AcceptDisputeRequest acc;
  acc.set_connector("checkout_com");
  acc.set_connector_dispute_id(id);
  v1::Dispute d;
  auto s = env().svc.disputes->Accept(cko_ctx().get(), acc, &d);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_ACCEPTED) << d.DebugString();
  ASSERT_TRUE(get(id, d).ok());
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_ACCEPTED);
  acc.set_idempotency_key("e2e-cko-accept-again");
  s = env().svc.disputes->Accept(cko_ctx().get(), acc, &d);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);

  v1::DefendDisputeRequest def;
  def.set_connector("checkout_com");
  def.set_connector_dispute_id(id);
  def.set_reason_code("13.1");
  s = env().svc.disputes->Defend(cko_ctx().get(), def, &d);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_NE(s.error_message().find("SubmitEvidence"), std::string::npos) << s.error_message();

  ASSERT_FALSE(get("dsp_unknownunknownunknownunk", d).ok());
}

grpc::Status handle(const std::string& body, const std::string& sig,
                    v1::HandleWebhookResponse& out) {
  v1::HandleWebhookRequest req;
  req.set_connector("checkout_com");
  (*req.mutable_headers())["content-type"] = "application/json";
  (*req.mutable_headers())["cko-signature"] = sig;
  req.set_body(body);
  return env().svc.events->HandleWebhook(cko_ctx().get(), req, &out);
}

TEST(CheckoutComWebhooks, SignedEventIsNormalizedAndForgeriesAreBadSignature) {
  const std::string body =
      R"({"id":"evt_e2ecko0webhook0captured0aa","type":"payment_captured","version":"1.0.0",)"
      R"("created_on":"2026-12-05T10:00:00Z","data":{"id":"pay_e2ecko0webhook0payment0aa",)"
      R"("action_id":"act_e2ecko0webhook0capture0aa","amount":1050,"currency":"USD",)"
      R"("reference":"e2e-cko-wh","response_code":"10000"}})";
  v1::HandleWebhookResponse res;
  auto s = handle(body, hmac_hex(checkout_com_signature_key, body), res);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(res.events_size(), 1) << res.DebugString();
  const auto& e = res.events(0);
  EXPECT_EQ(e.event_id(), "evt_e2ecko0webhook0captured0aa");
  EXPECT_EQ(e.processor_event_code(), "payment_captured");
  EXPECT_EQ(e.connector_payment_id(), "pay_e2ecko0webhook0payment0aa");
  EXPECT_EQ(e.amount().minor_amount(), 1050);
  EXPECT_EQ(e.payment_status(), v1::PAYMENT_STATUS_CHARGED) << e.DebugString();

  auto tampered = body;
  tampered.replace(tampered.find("1050"), 4, "9050");
  s = handle(tampered, hmac_hex(checkout_com_signature_key, body), res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE");
  s = handle(body, hmac_hex("another-key", body), res);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE") << describe(s);
  s = handle(body, "", res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED) << describe(s);
}

TEST(CheckoutComWebhooks, SimulatorDeliveriesOfEveryPaymentEventAreAccepted) {
  v1::AuthorizeRequest a;
  a.set_connector("checkout_com");
  a.set_merchant_reference("e2e-cko-wh-deliveries");
  *a.mutable_amount() = money(1050, "USD");
  set_card(a.mutable_payment_method());
  a.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  v1::Payment auth;
  ASSERT_TRUE(env().svc.payments->Authorize(cko_ctx().get(), a, &auth).ok());
  v1::VoidRequest v;
  v.set_connector("checkout_com");
  v.set_connector_payment_id(auth.connector_payment_id());
  v.set_merchant_reference("e2e-cko-wh-deliveries-void");
  v1::Payment voided;
  ASSERT_TRUE(env().svc.payments->Void(cko_ctx().get(), v, &voided).ok());
  for (const char* type : {"payment_approved", "payment_voided"}) {
    auto hook = env().wait_webhook(type, auth.connector_payment_id());
    ASSERT_TRUE(hook.is_object()) << "no " << type << " webhook";
    EXPECT_EQ(hook.at("finalStatus"), 200) << type;
  }
}

}  // namespace
}  // namespace e2e
