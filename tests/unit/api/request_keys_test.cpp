// Derived idempotency keys never merge two different operations, a retry of the same call gets
// the same key on any replica, and no client string can break a header or a URL path.
#include <gtest/gtest.h>

#include "api/convert.hpp"
#include "api/request_keys.hpp"

using namespace cs;
namespace v1 = connectorservice::v1;

namespace {

template <class T>
std::string key_of(const domain::result<T>& r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.err().message);
  return r.ok() ? r->idempotency_key : std::string();
}

template <class T>
std::string field_of(const domain::result<T>& r) {
  EXPECT_FALSE(r.ok());
  return r.ok() ? std::string() : r.err().field;
}

void set_money(v1::Money* m, std::int64_t minor) {
  m->set_minor_amount(minor);
  m->set_currency_code("EUR");
}

v1::CaptureRequest capture(std::int64_t minor) {
  v1::CaptureRequest c;
  c.set_connector("adyen");
  c.set_connector_payment_id("PSP1");
  c.set_merchant_reference("order-1");
  set_money(c.mutable_amount_to_capture(), minor);
  set_money(c.mutable_payment_amount(), 1000);
  return c;
}

v1::RefundRequest refund(std::int64_t minor, const std::string& ref) {
  v1::RefundRequest r;
  r.set_connector("adyen");
  r.set_connector_payment_id("PSP1");
  r.set_merchant_reference(ref);
  set_money(r.mutable_amount(), minor);
  return r;
}

}  // namespace

TEST(DerivedKeys, TwoPartialCapturesOfOnePaymentGetTwoKeysAndARetryTheSameOne) {
  auto first = key_of(api::from_proto(capture(300)));
  auto second = key_of(api::from_proto(capture(400)));
  EXPECT_NE(first, second);
  EXPECT_EQ(first, key_of(api::from_proto(capture(300))));  // the retry replays
  v1::CaptureRequest full = capture(0);
  full.clear_amount_to_capture();
  EXPECT_NE(key_of(api::from_proto(full)), first);
}

TEST(DerivedKeys, RefundsDifferByAmountAndByTheirOwnReference) {
  auto a = key_of(api::from_proto(refund(300, "order-1")));
  EXPECT_NE(a, key_of(api::from_proto(refund(200, "order-1"))));
  EXPECT_NE(a, key_of(api::from_proto(refund(300, "refund-2"))));
  EXPECT_EQ(a, key_of(api::from_proto(refund(300, "order-1"))));
}

TEST(DerivedKeys, AnExplicitKeyIsUsedAsGiven) {
  auto c = capture(300);
  c.set_idempotency_key("client-key-1");
  EXPECT_EQ(key_of(api::from_proto(c)), "client-key-1");
}

TEST(DerivedKeys, CompleteAuthorizeKeyDependsOnlyOnTheRequest) {
  v1::CompleteAuthorizeRequest a;
  a.set_connector("adyen");
  (*a.mutable_redirect_payload())["redirectResult"] = "X6XtfGC3";
  (*a.mutable_redirect_payload())["MD"] = "md-1";
  v1::CompleteAuthorizeRequest b;
  b.set_connector("adyen");
  // The same map built in the other order: proto maps iterate in no fixed order.
  (*b.mutable_redirect_payload())["MD"] = "md-1";
  (*b.mutable_redirect_payload())["redirectResult"] = "X6XtfGC3";
  auto ka = key_of(api::from_proto(a));
  EXPECT_EQ(ka, key_of(api::from_proto(b)));
  // Stable across builds and replicas (no std::hash): a fixed digest of the sorted payload.
  EXPECT_EQ(ka,
            "complete_authorize::" + api::sha256_hex("2:MD=4:md-1;14:redirectResult=8:X6XtfGC3;"));
  (*b.mutable_redirect_payload())["redirectResult"] = "other";
  EXPECT_NE(ka, key_of(api::from_proto(b)));
}

TEST(DerivedKeys, RevokeAndDisputeActionsCarryAKey) {
  v1::RevokeMandateRequest revoke;
  revoke.set_connector_mandate_id("pm_1");
  revoke.set_customer_id("cus_1");
  EXPECT_EQ(key_of(api::from_proto(revoke)), "revoke_mandate:cus_1:pm_1");
  revoke.set_idempotency_key("k-revoke");
  EXPECT_EQ(key_of(api::from_proto(revoke)), "k-revoke");

  v1::AcceptDisputeRequest accept;
  accept.set_connector_dispute_id("dp_1");
  EXPECT_EQ(key_of(api::from_proto(accept)), "accept_dispute:dp_1");

  v1::DefendDisputeRequest defend;
  defend.set_connector_dispute_id("dp_1");
  defend.set_reason_code("SupplyDefenseMaterial");
  EXPECT_EQ(key_of(api::from_proto(defend)), "defend_dispute:dp_1:SupplyDefenseMaterial");

  v1::SubmitEvidenceRequest ev;
  ev.set_connector_dispute_id("dp_1");
  ev.set_text("shipped on time");
  auto k1 = key_of(api::from_proto(ev));
  EXPECT_EQ(k1, key_of(api::from_proto(ev)));
  ev.set_text("shipped on time, tracking attached");
  EXPECT_NE(k1, key_of(api::from_proto(ev)));
  auto submitted = key_of(api::from_proto(ev));
  ev.set_save_as_draft(true);  // the draft and the submission are two operations
  EXPECT_NE(submitted, key_of(api::from_proto(ev)));
  EXPECT_TRUE(key_of(api::from_proto(ev)).starts_with("submit_evidence:dp_1:"));
}

TEST(DerivedKeys, NonAsciiOrLongReferencesAreDigestedIntoAHeaderSafeKey) {
  auto r = refund(300, "Bestellung-Größe-€");
  auto k = key_of(api::from_proto(r));
  EXPECT_TRUE(k.starts_with("refund:"));
  EXPECT_EQ(k.size(), std::string("refund:").size() + 64);
  for (unsigned char c : k) EXPECT_TRUE(c > 0x20 && c < 0x7f);
  r.set_merchant_reference(std::string(250, 'r'));
  EXPECT_LE(key_of(api::from_proto(r)).size(), 255u);
  // ("a:b", "c") and ("a", "b:c") never collide once digested.
  EXPECT_NE(api::derive_key("f", {std::string(200, 'x') + ":b", "c"}),
            api::derive_key("f", {std::string(200, 'x'), "b:c"}));
}

// CR/LF (and other control characters) in every client string that reaches a header or path.
TEST(HeaderInjection, EveryFieldWithCrLfIsRefusedNamingIt) {
  const std::string crlf = "x\r\nX-Injected: 1";
  auto c = capture(300);
  c.set_idempotency_key(crlf);
  EXPECT_EQ(field_of(api::from_proto(c)), "idempotency_key");
  c.set_idempotency_key("has space");
  EXPECT_EQ(field_of(api::from_proto(c)), "idempotency_key");
  c.set_idempotency_key("");
  c.set_merchant_reference(crlf);
  EXPECT_EQ(field_of(api::from_proto(c)), "merchant_reference");
  c = capture(300);
  c.set_connector_payment_id(crlf);
  EXPECT_EQ(field_of(api::from_proto(c)), "connector_payment_id");
  c.set_connector_payment_id("../../v1/customers");
  EXPECT_EQ(field_of(api::from_proto(c)), "connector_payment_id");

  v1::VoidRequest v;
  v.set_connector_payment_id("PSP1");
  v.set_merchant_reference("order-1");
  v.set_reason(crlf);
  EXPECT_EQ(field_of(api::from_proto(v)), "reason");

  auto r = refund(100, "order-1");
  r.set_reason(crlf);
  EXPECT_EQ(field_of(api::from_proto(r)), "reason");

  v1::GetPaymentRequest g;
  g.set_connector_payment_id("pi_1/../../x");
  EXPECT_EQ(field_of(api::from_proto(g)), "connector_payment_id");
  v1::GetRefundRequest gr;
  gr.set_connector_refund_id(crlf);
  EXPECT_EQ(field_of(api::from_proto(gr)), "connector_refund_id");

  v1::RevokeMandateRequest revoke;
  revoke.set_connector_mandate_id(crlf);
  EXPECT_EQ(field_of(api::from_proto(revoke)), "connector_mandate_id");
  revoke.set_connector_mandate_id("pm_1");
  revoke.set_customer_id("cus_1?x=1");
  EXPECT_EQ(field_of(api::from_proto(revoke)), "customer_id");

  v1::AcceptDisputeRequest accept;
  accept.set_connector_dispute_id(crlf);
  EXPECT_EQ(field_of(api::from_proto(accept)), "connector_dispute_id");
  accept.set_connector_dispute_id("dp_1");
  accept.set_idempotency_key(crlf);
  EXPECT_EQ(field_of(api::from_proto(accept)), "idempotency_key");
  v1::DefendDisputeRequest defend;
  defend.set_connector_dispute_id("dp_1");
  defend.set_reason_code(crlf);
  EXPECT_EQ(field_of(api::from_proto(defend)), "reason_code");

  v1::AuthorizeRequest a;
  a.set_connector("adyen");
  a.set_merchant_reference("order-1");
  set_money(a.mutable_amount(), 1000);
  auto* card = a.mutable_payment_method()->mutable_card();
  card->set_number("4111111111111111");
  card->set_expiry_month(3);
  card->set_expiry_year(2030);
  (*a.mutable_metadata())["ok"] = crlf;
  EXPECT_EQ(field_of(api::from_proto(a)), "metadata");
  a.mutable_metadata()->clear();
  (*a.mutable_metadata())["a][b"] = "v";
  EXPECT_EQ(field_of(api::from_proto(a)), "metadata");
  a.mutable_metadata()->clear();
  (*a.mutable_metadata())["order_note"] = "gift wrap";
  EXPECT_TRUE(api::from_proto(a).ok());
}

TEST(HeaderInjection, ErrorsDoNotEchoTheOffendingText) {
  auto c = capture(300);
  c.set_idempotency_key("secret\r\nX-Injected: 1");
  auto r = api::from_proto(c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().message.find("Injected"), std::string::npos) << r.err().message;
}
