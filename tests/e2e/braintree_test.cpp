// Braintree over gRPC against the simulator (HTTPS, GraphQL at POST /braintree/graphql):
// authorize and sale by tokenize → authorize/charge, partial capture, void, refunds of a settled
// sale, the sandbox's trigger amounts, charging once without an idempotency mechanism (the lookup
// by orderId), vaulted mandates with recurring charges, disputes, and bt_signature webhooks.

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "harness.hpp"

namespace e2e {
namespace {

std::unique_ptr<grpc::ClientContext> bt_ctx() {
  return ctx(braintree_account);
}

void set_card(v1::PaymentMethod* pm, const std::string& number = "4111111111111111") {
  auto* card = pm->mutable_card();
  card->set_number(number);
  card->set_expiry_month(11);
  card->set_expiry_year(2031);
  card->set_cvc(cvv_braintree);
  card->set_holder_name("Asha Rao");
}

v1::AuthorizeRequest bt_authorize(const std::string& reference, bool manual,
                                  std::int64_t amount = 1050) {
  v1::AuthorizeRequest r;
  r.set_connector("braintree");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(amount, "USD");
  set_card(r.mutable_payment_method());
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  return r;
}

grpc::Status authorize(const v1::AuthorizeRequest& req, v1::Payment& out) {
  return env().svc.payments->Authorize(bt_ctx().get(), req, &out);
}

std::int64_t bt_stat(const char* name) {
  return env().stats().at("braintree").at(name).as_int64();
}

// Settles a sale at the simulator (by its legacy id, the payment's connector_operation_id), as
// Braintree's nightly batch would; refunds need a settled transaction.
void settle(const v1::Payment& p) {
  auto r = env().sim_post("/_sim/braintree/transactions/" + p.connector_operation_id() + "/settle",
                          boost::json::object{});
  ASSERT_EQ(r.status, 200) << r.body;
}

grpc::Status refund(const std::string& id, std::int64_t amount, const std::string& ref,
                    v1::Refund& out) {
  v1::RefundRequest r;
  r.set_connector("braintree");
  r.set_connector_payment_id(id);
  r.set_merchant_reference(ref);
  *r.mutable_amount() = money(amount, "USD");
  return env().svc.payments->Refund(bt_ctx().get(), r, &out);
}

TEST(BraintreePayments, AuthorizePartialCaptureSettleThenTwoPartialRefunds) {
  v1::Payment auth;
  auto s = authorize(bt_authorize("e2e-bt-manual", true), auth);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(auth.status(), v1::PAYMENT_STATUS_AUTHORIZED) << auth.DebugString();
  const auto id = auth.connector_payment_id();

  v1::CaptureRequest c;
  c.set_connector("braintree");
  c.set_connector_payment_id(id);
  c.set_merchant_reference("e2e-bt-capture");
  *c.mutable_amount_to_capture() = money(800, "USD");
  *c.mutable_payment_amount() = money(1050, "USD");
  v1::Payment cap;
  s = env().svc.payments->Capture(bt_ctx().get(), c, &cap);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(cap.status(), v1::PAYMENT_STATUS_CHARGED) << cap.DebugString();

  // Not settled yet: Braintree refunds only settled sales, the connector says to void instead.
  v1::Refund r1, r2, seen;
  s = refund(id, 300, "e2e-bt-refund-early", r1);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);

  settle(cap);
  auto hook = env().wait_webhook("transaction_settled", cap.connector_operation_id());
  ASSERT_TRUE(hook.is_object()) << "no transaction_settled webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);

  s = refund(id, 300, "e2e-bt-refund-1", r1);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(r1.status(), v1::REFUND_STATUS_SUCCESS) << r1.DebugString();
  s = refund(id, 200, "e2e-bt-refund-2", r2);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_NE(r1.connector_refund_id(), r2.connector_refund_id());
  v1::GetRefundRequest g;
  g.set_connector("braintree");
  g.set_connector_refund_id(r2.connector_refund_id());
  g.set_connector_payment_id(id);
  s = env().svc.refunds->Get(bt_ctx().get(), g, &seen);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(seen.status(), v1::REFUND_STATUS_SUCCESS) << seen.DebugString();
  // 800 captured, 500 refunded: 400 is more than is left.
  s = refund(id, 400, "e2e-bt-refund-3", r1);
  EXPECT_FALSE(s.ok()) << r1.DebugString();
  EXPECT_EQ(bt_stat("double_charges"), 0);
}

TEST(BraintreePayments, CaptureWithoutAmountTakesTheWholeAuthorization) {
  v1::Payment auth, cap;
  ASSERT_TRUE(authorize(bt_authorize("e2e-bt-full-capture", true), auth).ok());
  v1::CaptureRequest c;
  c.set_connector("braintree");
  c.set_connector_payment_id(auth.connector_payment_id());
  c.set_merchant_reference("e2e-bt-full-capture");
  auto s = env().svc.payments->Capture(bt_ctx().get(), c, &cap);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(cap.status(), v1::PAYMENT_STATUS_CHARGED) << cap.DebugString();
  auto state = env().sim_get("/_sim/braintree/transactions/" + auth.connector_operation_id());
  ASSERT_EQ(state.status, 200) << state.body;
  EXPECT_EQ(state.json().at("amount").at("value"), "10.50") << state.body;
  EXPECT_EQ(state.json().at("status"), "SUBMITTED_FOR_SETTLEMENT") << state.body;
}

TEST(BraintreePayments, VoidAnAuthorizationAndGetItBackAsVoided) {
  v1::Payment auth, voided, got;
  ASSERT_TRUE(authorize(bt_authorize("e2e-bt-void", true), auth).ok());
  v1::VoidRequest v;
  v.set_connector("braintree");
  v.set_connector_payment_id(auth.connector_payment_id());
  v.set_merchant_reference("e2e-bt-void");
  auto s = env().svc.payments->Void(bt_ctx().get(), v, &voided);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(voided.status(), v1::PAYMENT_STATUS_VOIDED) << voided.DebugString();
  v1::GetPaymentRequest g;
  g.set_connector("braintree");
  g.set_connector_payment_id(auth.connector_payment_id());
  s = env().svc.payments->Get(bt_ctx().get(), g, &got);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(got.status(), v1::PAYMENT_STATUS_VOIDED);
  // By its legacy id too (what webhooks and the Control Panel show).
  g.set_connector_payment_id(auth.connector_operation_id());
  s = env().svc.payments->Get(bt_ctx().get(), g, &got);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(got.connector_payment_id(), auth.connector_payment_id());
}

TEST(BraintreePayments, SettledSaleCannotBeVoided) {
  v1::Payment sale, voided;
  ASSERT_TRUE(authorize(bt_authorize("e2e-bt-void-settled", false), sale).ok());
  ASSERT_EQ(sale.status(), v1::PAYMENT_STATUS_CHARGED) << sale.DebugString();
  settle(sale);
  v1::VoidRequest v;
  v.set_connector("braintree");
  v.set_connector_payment_id(sale.connector_payment_id());
  v.set_merchant_reference("e2e-bt-void-settled");
  auto s = env().svc.payments->Void(bt_ctx().get(), v, &voided);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_NE(s.error_message().find("Refund"), std::string::npos) << s.error_message();
}

TEST(BraintreePayments, SandboxTriggerAmounts) {
  struct trigger {
    std::int64_t amount;
    v1::PaymentStatus status;
    std::string code;
    v1::DeclineCode decline;
  };
  for (const auto& t :
       {trigger{200000, v1::PAYMENT_STATUS_FAILURE, "2000", v1::DECLINE_CODE_GENERIC},
        trigger{200100, v1::PAYMENT_STATUS_FAILURE, "2001", v1::DECLINE_CODE_INSUFFICIENT_FUNDS},
        trigger{201500, v1::PAYMENT_STATUS_FAILURE, "2015", v1::DECLINE_CODE_NOT_SUPPORTED},
        trigger{203800, v1::PAYMENT_STATUS_FAILURE, "2038", v1::DECLINE_CODE_GENERIC},
        trigger{204400, v1::PAYMENT_STATUS_FAILURE, "2044", v1::DECLINE_CODE_REFERRAL},
        trigger{209900, v1::PAYMENT_STATUS_FAILURE, "2099",
                v1::DECLINE_CODE_AUTHENTICATION_REQUIRED},
        trigger{500100, v1::PAYMENT_STATUS_FAILURE, "APPLICATION_INCOMPLETE",
                v1::DECLINE_CODE_PROCESSING_ERROR},
        trigger{200400, v1::PAYMENT_STATUS_FAILURE, "2004", v1::DECLINE_CODE_EXPIRED_CARD},
        trigger{201000, v1::PAYMENT_STATUS_FAILURE, "2010", v1::DECLINE_CODE_INCORRECT_CVC},
        trigger{300000, v1::PAYMENT_STATUS_FAILURE, "3000", v1::DECLINE_CODE_ISSUER_UNAVAILABLE}}) {
    SCOPED_TRACE(t.code);
    v1::Payment res;
    auto s = authorize(bt_authorize("e2e-bt-trigger-" + t.code, false, t.amount), res);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(res.status(), t.status) << res.DebugString();
    EXPECT_EQ(res.error().processor_code(), t.code) << res.DebugString();
    EXPECT_EQ(res.error().decline_code(), t.decline) << res.DebugString();
  }
}

TEST(BraintreePayments, A4001SaleIsDeclinedAtSettlement) {
  v1::Payment sale, got;
  ASSERT_TRUE(authorize(bt_authorize("e2e-bt-4001", false, 400100), sale).ok());
  ASSERT_EQ(sale.status(), v1::PAYMENT_STATUS_CHARGED) << sale.DebugString();
  settle(sale);
  auto hook = env().wait_webhook("transaction_settlement_declined", sale.connector_operation_id());
  ASSERT_TRUE(hook.is_object()) << "no transaction_settlement_declined webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);
  v1::GetPaymentRequest g;
  g.set_connector("braintree");
  g.set_connector_payment_id(sale.connector_payment_id());
  auto s = env().svc.payments->Get(bt_ctx().get(), g, &got);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(got.status(), v1::PAYMENT_STATUS_CAPTURE_FAILED) << got.DebugString();
  EXPECT_EQ(got.error().processor_code(), "4001") << got.DebugString();
}

TEST(BraintreePayments, LostRepliesAreOutcomeUnknownAndTheRetryFindsTheCharge) {
  // The charge is made, its answer lost: no idempotency key exists at Braintree, so the retry
  // looks the orderId up before charging. With a nonce the steps are lookup → charge: the lookup
  // gets a harmless fault, the charge the lost reply.
  env().queue_fault("latency:1", "/braintree/graphql", 1);
  env().queue_fault("reset-after-apply", "/braintree/graphql", 1);
  auto req = bt_authorize("e2e-bt-reset", false);
  req.mutable_payment_method()->mutable_token()->set_token("fake-valid-nonce");
  v1::Payment res;
  auto s = authorize(req, res);
  ASSERT_EQ(error_info(s).reason(), "OUTCOME_UNKNOWN") << describe(s);
  const auto charges = bt_stat("charges");
  s = authorize(req, res);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_CHARGED) << res.DebugString();
  EXPECT_EQ(bt_stat("charges"), charges);
  EXPECT_EQ(bt_stat("double_charges"), 0);
}

TEST(BraintreePayments, CompleteAuthorizeSaysThreeDsIsClientSide) {
  v1::CompleteAuthorizeRequest c;
  c.set_connector("braintree");
  c.set_connector_payment_id("dHJhbnNhY3Rpb25fYWJjZGVmZ2g");
  (*c.mutable_redirect_payload())["x"] = "y";
  v1::Payment out;
  auto s = env().svc.payments->CompleteAuthorize(bt_ctx().get(), c, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << describe(s);
  EXPECT_NE(s.error_message().find("nonce"), std::string::npos) << s.error_message();
}

v1::SetupMandateResponse setup(const std::string& reference, const std::string& number) {
  v1::SetupMandateRequest req;
  req.set_connector("braintree");
  req.set_merchant_reference(reference);
  set_card(req.mutable_payment_method(), number);
  req.mutable_customer()->set_id("shopper-" + reference);
  *req.mutable_amount() = money(0, "USD");
  req.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  v1::SetupMandateResponse res;
  auto s = env().svc.payments->SetupMandate(bt_ctx().get(), req, &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  return res;
}

grpc::Status charge(const std::string& mandate, const std::string& reference, v1::Payment& out) {
  v1::RecurringChargeRequest req;
  req.set_connector("braintree");
  req.set_merchant_reference(reference);
  req.set_connector_mandate_id(mandate);
  *req.mutable_amount() = money(1999, "USD");
  req.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  req.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  return env().svc.recurring->Charge(bt_ctx().get(), req, &out);
}

TEST(BraintreeMandates, VaultChargeTwiceRevokeThenTheChargeIsRefused) {
  auto m = setup("e2e-bt-mandate", "4111111111111111");
  ASSERT_EQ(m.status(), v1::MANDATE_STATUS_ACTIVE) << m.DebugString();
  const auto id = m.mandate().connector_mandate_id();
  EXPECT_FALSE(m.mandate().customer_id().empty()) << m.DebugString();
  for (int i = 1; i <= 2; ++i) {
    v1::Payment p;
    auto s = charge(id, "e2e-bt-mandate-" + std::to_string(i), p);
    ASSERT_TRUE(s.ok()) << describe(s);
    EXPECT_EQ(p.status(), v1::PAYMENT_STATUS_CHARGED) << p.DebugString();
  }
  v1::RevokeMandateRequest rv;
  rv.set_connector("braintree");
  rv.set_connector_mandate_id(id);
  v1::RevokeMandateResponse rres;
  auto s = env().svc.recurring->Revoke(bt_ctx().get(), rv, &rres);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(rres.status(), v1::MANDATE_STATUS_REVOKED);
  v1::Payment after;
  s = charge(id, "e2e-bt-mandate-after", after);
  EXPECT_FALSE(s.ok() && after.status() == v1::PAYMENT_STATUS_CHARGED) << after.DebugString();
}

TEST(BraintreeMandates, EverySandboxVerificationCardThatDeclinesVaultsNothing) {
  for (const auto& [card, code] :
       std::vector<std::pair<std::string, std::string>>{{"4000111111111115", "2000"},
                                                        {"5105105105105100", "2000"},
                                                        {"378734493671000", "2000"},
                                                        {"6011000990139424", "2000"},
                                                        {"38520000009814", "2000"},
                                                        {"3566002020360505", "3000"}}) {
    SCOPED_TRACE(card);
    auto m = setup("e2e-bt-mandate-declined-" + card.substr(0, 6), card);
    EXPECT_EQ(m.status(), v1::MANDATE_STATUS_FAILED) << m.DebugString();
    EXPECT_EQ(m.error().processor_code(), code) << m.DebugString();
    EXPECT_FALSE(m.has_mandate());
  }
}

// A settled sale and the chargeback the simulator opens on it; {global id, legacy id}.
std::pair<std::string, std::string> open_dispute(const std::string& reference) {
  v1::Payment sale;
  auto s = authorize(bt_authorize(reference, false), sale);
  EXPECT_TRUE(s.ok()) << describe(s);
  auto r =
      env().sim_post("/_sim/braintree/transactions/" + sale.connector_operation_id() + "/dispute",
                     boost::json::object{});
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return {};
  auto d = r.json();
  std::pair<std::string, std::string> ids{std::string(d.at("id").as_string()),
                                          std::string(d.at("legacyId").as_string())};
  auto hook = env().wait_webhook("dispute_opened", ids.second);
  EXPECT_TRUE(hook.is_object()) << "no dispute_opened webhook for " << ids.second;
  return ids;
}

grpc::Status get_dispute(const std::string& id, v1::Dispute& out) {
  v1::GetDisputeRequest g;
  g.set_connector("braintree");
  g.set_connector_dispute_id(id);
  return env().svc.disputes->Get(bt_ctx().get(), g, &out);
}

TEST(BraintreeDisputes, TextEvidenceFinalizedThenWon) {
  auto [id, legacy] = open_dispute("e2e-bt-dispute-won");
  ASSERT_FALSE(id.empty());
  v1::Dispute d;
  ASSERT_TRUE(get_dispute(legacy, d).ok());  // by the legacy id the webhook named
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_OPENED) << d.DebugString();
  v1::SubmitEvidenceRequest e;
  e.set_connector("braintree");
  e.set_connector_dispute_id(id);
  e.set_text("Delivered 2026-11-30, signed for by the cardholder");
  auto s = env().svc.disputes->SubmitEvidence(bt_ctx().get(), e, &d);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_CHALLENGED) << d.DebugString();
  auto r = env().sim_post("/_sim/braintree/disputes/" + legacy + "/resolve",
                          boost::json::object{{"outcome", "won"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(get_dispute(id, d).ok());
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_WON) << d.DebugString();
  auto hook = env().wait_webhook("dispute_won", legacy);
  ASSERT_TRUE(hook.is_object()) << "no dispute_won webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(BraintreeDisputes, FinalizedThenLost) {
  auto [id, legacy] = open_dispute("e2e-bt-dispute-lost");
  ASSERT_FALSE(id.empty());
  v1::DefendDisputeRequest def;
  def.set_connector("braintree");
  def.set_connector_dispute_id(id);
  def.set_reason_code("general");
  v1::Dispute d;
  auto s = env().svc.disputes->Defend(bt_ctx().get(), def, &d);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_CHALLENGED) << d.DebugString();
  auto r = env().sim_post("/_sim/braintree/disputes/" + legacy + "/resolve",
                          boost::json::object{{"outcome", "lost"}});
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(get_dispute(id, d).ok());
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_LOST) << d.DebugString();
  auto hook = env().wait_webhook("dispute_lost", legacy);
  ASSERT_TRUE(hook.is_object()) << "no dispute_lost webhook";
  EXPECT_EQ(hook.at("finalStatus"), 200);
}

TEST(BraintreeDisputes, AcceptedThenNotAgain) {
  auto [id, legacy] = open_dispute("e2e-bt-dispute-accept");
  ASSERT_FALSE(id.empty());
  v1::AcceptDisputeRequest a;
  a.set_connector("braintree");
  a.set_connector_dispute_id(id);
  v1::Dispute d;
  auto s = env().svc.disputes->Accept(bt_ctx().get(), a, &d);
  ASSERT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(d.status(), v1::DISPUTE_STATUS_ACCEPTED) << d.DebugString();
  a.set_idempotency_key("e2e-bt-accept-again");
  s = env().svc.disputes->Accept(bt_ctx().get(), a, &d);
  EXPECT_FALSE(s.ok()) << d.DebugString();
}

// Braintree's signature of `data`: public_key|hex(HMAC-SHA1(SHA1(private_key), data)).
std::string bt_sign(const std::string& data, const std::string& private_key) {
  unsigned char key[EVP_MAX_MD_SIZE];
  unsigned int key_len = 0;
  EVP_Digest(private_key.data(), private_key.size(), key, &key_len, EVP_sha1(), nullptr);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha1(), key, static_cast<int>(key_len),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += digits[mac[i] >> 4];
    hex += digits[mac[i] & 15];
  }
  return braintree_public_key + "|" + hex;
}

// What Braintree POSTs: bt_signature and bt_payload, form-encoded.
std::string webhook_body(const std::string& payload, const std::string& private_key) {
  static const char* digits = "0123456789ABCDEF";
  auto form = [](const std::string& v) {
    std::string out;
    for (unsigned char ch : v) {
      if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.') {
        out += static_cast<char>(ch);
      } else {
        out += '%';
        out += digits[ch >> 4];
        out += digits[ch & 15];
      }
    }
    return out;
  };
  return "bt_signature=" + form(bt_sign(payload, private_key)) + "&bt_payload=" + form(payload);
}

TEST(BraintreeWebhooks, UrlChallengeIsAnsweredWithTheKeyPair) {
  // What Braintree's Control Panel does with a new webhook URL before it sends anything to it.
  const auto port = env().svc.http_port;
  const std::string url = "/webhooks/braintree/" + braintree_account;
  const std::string challenge = "20f9f8ed05f77439fe955c977e4c8a53";
  auto ok = http_request(port, "GET", url + "?bt_challenge=" + challenge, "");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.body, bt_sign(challenge, braintree_private_key));
  EXPECT_EQ(ok.body.find(braintree_private_key), std::string::npos);
  auto bad = http_request(port, "GET", url + "?bt_challenge=NOTHEX", "");
  EXPECT_EQ(bad.status, 400) << bad.body;
  auto none = http_request(port, "GET", url, "");
  EXPECT_EQ(none.status, 400) << none.body;
  auto unknown =
      http_request(port, "GET", "/webhooks/braintree/nobody?bt_challenge=" + challenge, "");
  EXPECT_EQ(unknown.status, 404) << unknown.body;
  // Stripe checks no URL: GET stays refused.
  auto stripe = http_request(port, "GET", "/webhooks/stripe/" + stripe_account, "");
  EXPECT_EQ(stripe.status, 405) << stripe.body;
}

TEST(BraintreeWebhooks, SignedNotificationIsNormalizedAndForgeriesAreRefused) {
  const std::string xml =
      "<notification><timestamp type=\"datetime\">2026-12-05T10:00:00Z</timestamp>"
      "<kind>transaction_settled</kind><subject><transaction><id>e2ebt0001</id>"
      "<status>settled</status><type>sale</type><currency-iso-code>USD</currency-iso-code>"
      "<amount>10.50</amount><order-id>e2e-bt-wh</order-id></transaction></subject>"
      "</notification>";
  std::string payload(4 * ((xml.size() + 2) / 3), '\0');
  payload.resize(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(payload.data()),
                                 reinterpret_cast<const unsigned char*>(xml.data()),
                                 static_cast<int>(xml.size())));
  payload += "\n";
  auto handle = [](const std::string& body, v1::HandleWebhookResponse& out) {
    v1::HandleWebhookRequest req;
    req.set_connector("braintree");
    (*req.mutable_headers())["content-type"] = "application/x-www-form-urlencoded";
    req.set_body(body);
    return env().svc.events->HandleWebhook(bt_ctx().get(), req, &out);
  };
  v1::HandleWebhookResponse res;
  auto s = handle(webhook_body(payload, braintree_private_key), res);
  ASSERT_TRUE(s.ok()) << describe(s);
  ASSERT_EQ(res.events_size(), 1) << res.DebugString();
  EXPECT_EQ(res.events(0).processor_event_code(), "transaction_settled");
  EXPECT_EQ(res.events(0).connector_operation_id().empty() &&
                res.events(0).connector_payment_id().empty(),
            false)
      << res.DebugString();
  EXPECT_EQ(res.events(0).amount().minor_amount(), 1050) << res.DebugString();

  s = handle(webhook_body(payload, "another_private_key"), res);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE") << describe(s);
  auto tampered = webhook_body(payload, braintree_private_key);
  tampered.replace(tampered.find("bt_payload=") + 40, 4, "AAAA");
  s = handle(tampered, res);
  EXPECT_EQ(error_info(s).reason(), "BAD_SIGNATURE") << describe(s);
}

}  // namespace
}  // namespace e2e
