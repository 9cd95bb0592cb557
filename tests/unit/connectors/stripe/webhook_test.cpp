// Stripe-Signature verification (vectors computed here with OpenSSL, independently of the
// connector) and the normalization of every event family.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

#include "connectors/stripe/signature.hpp"
#include "test_support.hpp"

namespace stripe_test {
namespace {

namespace stripe = cs::connectors::stripe;
using namespace std::chrono;

constexpr std::int64_t signed_at = 1695304600;

std::string openssl_hex_hmac(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned i = 0; i < len; ++i) {
    hex += digits[mac[i] >> 4];
    hex += digits[mac[i] & 0xf];
  }
  return hex;
}

std::string header_for(const std::string& body, std::int64_t t = signed_at,
                       const std::string& key = webhook_secret) {
  return "t=" + std::to_string(t) + ",v1=" + openssl_hex_hmac(key, std::to_string(t) + "." + body);
}

webhook_request webhook(const std::string& body, const std::string& header,
                        std::int64_t now = signed_at + 10,
                        const std::string& key = webhook_secret) {
  webhook_request w;
  w.body = body;
  if (!header.empty()) w.headers.push_back({"Stripe-Signature", header, false});
  w.secret_key = secret<std::string>(key);
  w.received_at = system_clock::time_point(seconds(now));
  w.tolerance = seconds(300);
  return w;
}

result<webhook_result> handle(const webhook_request& w) {
  return cs::connectors::stripe::descriptor().handle_webhook(w);
}

webhook_event event_of(const std::string& golden_name) {
  auto body = golden(golden_name);
  auto r = handle(webhook(body, header_for(body)));
  if (!r.ok()) {
    ADD_FAILURE() << golden_name << ": " << r.err().message;
    return {};
  }
  EXPECT_EQ(r->events.size(), 1u);
  EXPECT_EQ(r->acknowledgement, "");
  return r->events.at(0);
}

void expect_bad_signature(const result<webhook_result>& r, const std::string& says) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::unauthenticated);
  EXPECT_EQ(r.err().reason, reason::bad_signature);
  EXPECT_NE(r.err().message.find(says), std::string::npos) << r.err().message;
  EXPECT_EQ(r.err().message.find(webhook_secret), std::string::npos);
}

TEST(StripeWebhookSignature, FixedVector) {
  // `printf '%s' '1695304600.{"id":"evt_test","type":"ping"}' |
  //  openssl dgst -sha256 -hmac whsec_test_secret_0123456789abcdef` (prefix included in the key)
  const std::string body = R"({"id":"evt_test","type":"ping"})";
  const std::string expected = "326792ff4a0cc7de18d204c6cf197f129655c83714605531037a05941e1a7b8c";
  EXPECT_EQ(openssl_hex_hmac(webhook_secret, "1695304600." + body), expected);
  EXPECT_EQ(stripe::expected_signature(webhook_secret, signed_at, body), expected);
  EXPECT_TRUE(stripe::verify_signature("t=1695304600,v1=" + expected, body, webhook_secret,
                                       system_clock::time_point(seconds(signed_at)), seconds(300))
                  .ok());
}

TEST(StripeWebhookSignature, AnyOfSeveralV1Matches) {
  auto body = golden("event_payment_intent_succeeded.json");
  auto good = openssl_hex_hmac(webhook_secret, std::to_string(signed_at) + "." + body);
  auto other = openssl_hex_hmac("whsec_old_secret", std::to_string(signed_at) + "." + body);
  auto header = "t=" + std::to_string(signed_at) + ",v1=" + other + ",v0=" + good + ",v1=" + good;
  EXPECT_TRUE(handle(webhook(body, header)).ok());
  auto only_v0 = "t=" + std::to_string(signed_at) + ",v0=" + good + ",v1=" + other;
  expect_bad_signature(handle(webhook(body, only_v0)), "no v1 signature");
}

TEST(StripeWebhookSignature, StaleTimestampIsRejected) {
  auto body = golden("event_payment_intent_succeeded.json");
  auto r = handle(webhook(body, header_for(body), signed_at + 301));
  expect_bad_signature(r, "timestamp is outside the tolerance");
  EXPECT_TRUE(handle(webhook(body, header_for(body), signed_at + 300)).ok());
  expect_bad_signature(handle(webhook(body, header_for(body), signed_at - 301)),
                       "outside the tolerance");
}

// Stripe's SDKs split the header on ',' and '=' without trimming, so a space after a comma makes
// " v1" (or " t") an unknown scheme: the header then carries no signature and is refused.
TEST(StripeWebhookSignature, SpaceAfterACommaIsRejectedAsStripesSdksDo) {
  auto body = golden("event_payment_intent_succeeded.json");
  auto mac = openssl_hex_hmac(webhook_secret, std::to_string(signed_at) + "." + body);
  auto t = std::to_string(signed_at);
  EXPECT_TRUE(handle(webhook(body, "t=" + t + ",v1=" + mac)).ok());
  expect_bad_signature(handle(webhook(body, "t=" + t + ", v1=" + mac)), "no v1=");
  expect_bad_signature(handle(webhook(body, "v1=" + mac + ", t=" + t)), "no t=");
  EXPECT_FALSE(stripe::parse_signature_header("t=" + t + ", v1=" + mac));
}

// Found by fuzz_stripe_signature: a far-future t with a valid MAC overflowed the time
// arithmetic (undefined behaviour); it is a timestamp outside the tolerance.
TEST(StripeWebhookSignature, AbsurdTimestampIsOutsideTheToleranceNotAnOverflow) {
  auto body = golden("event_payment_intent_succeeded.json");
  for (std::int64_t t : {9300000000LL, 9223372036LL, 922337203685477580LL}) {
    auto r = handle(webhook(body, header_for(body, t)));
    expect_bad_signature(r, "outside the tolerance");
  }
}

TEST(StripeWebhookSignature, TamperedBodyIsRejected) {
  auto body = golden("event_payment_intent_succeeded.json");
  auto header = header_for(body);
  auto tampered = body;
  tampered.replace(tampered.find("2000"), 4, "9000");
  expect_bad_signature(handle(webhook(tampered, header)), "no v1 signature");
}

TEST(StripeWebhookSignature, WrongSecretAndSecretWithoutPrefixAreRejected) {
  auto body = golden("event_payment_intent_succeeded.json");
  expect_bad_signature(handle(webhook(body, header_for(body, signed_at, "whsec_other"))),
                       "no v1 signature");
  // Signed with the secret minus "whsec_": Stripe keys with the prefix, so this must fail.
  std::string bare = std::string(webhook_secret).substr(6);
  expect_bad_signature(handle(webhook(body, header_for(body, signed_at, bare))), "no v1 signature");
}

TEST(StripeWebhookSignature, MissingOrMalformedHeader) {
  auto body = golden("event_payment_intent_succeeded.json");
  expect_bad_signature(handle(webhook(body, "")), "no Stripe-Signature header");
  expect_bad_signature(handle(webhook(body, "v1=abc")), "no t=");
  expect_bad_signature(handle(webhook(body, "t=abc,v1=abc")), "no t=");
  expect_bad_signature(handle(webhook(body, "t=1695304600")), "no v1=");
}

TEST(StripeWebhookSignature, MissingSecretIsUnauthenticated) {
  auto body = golden("event_payment_intent_succeeded.json");
  auto r = handle(webhook(body, header_for(body), signed_at, ""));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::unauthenticated);
  EXPECT_EQ(r.err().reason, reason::missing_credentials);
}

TEST(StripeWebhookSignature, VerifiedGarbageIsInvalidArgument) {
  std::string body = R"({"object":"event"})";
  auto r = handle(webhook(body, header_for(body)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, error_code::invalid_argument);
}

struct payment_case {
  const char* file;
  const char* type;
  payment_status expected;
};

class StripePaymentEvents : public ::testing::TestWithParam<payment_case> {};

TEST_P(StripePaymentEvents, Normalized) {
  auto e = event_of(GetParam().file);
  EXPECT_EQ(e.type, event_type::payment);
  EXPECT_EQ(e.processor_event_code, GetParam().type);
  EXPECT_EQ(e.payment, GetParam().expected);
  EXPECT_EQ(e.connector_payment_id, "pi_3NtwuU2eZvKYlo2C1hG0Jb5X");
  EXPECT_EQ(e.merchant_reference, "order-2001");
  ASSERT_TRUE(e.amount);
  EXPECT_EQ(*e.amount, (money{2000, "USD"}));
  EXPECT_EQ(e.event_id.rfind("evt_", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(
    Events, StripePaymentEvents,
    ::testing::Values(payment_case{"event_payment_intent_succeeded.json",
                                   "payment_intent.succeeded", payment_status::charged},
                      payment_case{"event_payment_intent_payment_failed.json",
                                   "payment_intent.payment_failed", payment_status::failure},
                      payment_case{"event_payment_intent_amount_capturable_updated.json",
                                   "payment_intent.amount_capturable_updated",
                                   payment_status::authorized},
                      payment_case{"event_payment_intent_requires_action.json",
                                   "payment_intent.requires_action",
                                   payment_status::authentication_pending},
                      payment_case{"event_payment_intent_canceled.json", "payment_intent.canceled",
                                   payment_status::voided},
                      payment_case{"event_payment_intent_processing.json",
                                   "payment_intent.processing", payment_status::pending}));

TEST(StripeWebhookEvents, PaymentFailedCarriesTheDecline) {
  auto e = event_of("event_payment_intent_payment_failed.json");
  EXPECT_EQ(e.event_id, "evt_3NtwuU2eZvKYlo2C1pf00002");
  ASSERT_TRUE(e.error);
  EXPECT_EQ(e.error->code, decline_code::insufficient_funds);
}

TEST(StripeWebhookEvents, ChargeRefunded) {
  auto e = event_of("event_charge_refunded.json");
  EXPECT_EQ(e.type, event_type::refund);
  EXPECT_EQ(e.refund, refund_status::success);
  EXPECT_EQ(e.connector_payment_id, "pi_3NtwuU2eZvKYlo2C1hG0Jb5X");
  EXPECT_EQ(e.connector_operation_id, "ch_3NtwuU2eZvKYlo2C1wbZ3kQp");
  EXPECT_EQ(*e.amount, (money{300, "USD"}));
}

TEST(StripeWebhookEvents, RefundUpdatedAndFailed) {
  auto e = event_of("event_refund_updated.json");
  EXPECT_EQ(e.type, event_type::refund);
  EXPECT_EQ(e.connector_refund_id, "re_3NtwuU2eZvKYlo2C0t1Bq4Rz");
  EXPECT_EQ(e.refund, refund_status::success);
  EXPECT_EQ(e.merchant_reference, "refund-1");
  auto f = event_of("event_refund_failed.json");
  EXPECT_EQ(f.refund, refund_status::failure);
  ASSERT_TRUE(f.error);
  EXPECT_EQ(f.error->processor_code, "expired_or_canceled_card");
}

TEST(StripeWebhookEvents, Disputes) {
  auto created = event_of("event_charge_dispute_created.json");
  EXPECT_EQ(created.type, event_type::dispute);
  EXPECT_EQ(created.dispute_id, "dp_1NtxAB2eZvKYlo2C5XbGcMq1");
  EXPECT_EQ(created.connector_payment_id, "pi_3NtwuU2eZvKYlo2C1hG0Jb5X");
  EXPECT_EQ(created.dispute, dispute_status::opened);
  EXPECT_EQ(event_of("event_charge_dispute_closed.json").dispute, dispute_status::won);
  auto withdrawn = event_of("event_charge_dispute_funds_withdrawn.json");
  EXPECT_EQ(withdrawn.type, event_type::dispute);
  EXPECT_EQ(withdrawn.processor_event_code, "charge.dispute.funds_withdrawn");
}

// An object without a status is normalized from the event's type, never left unrecognized.
TEST(StripeWebhookEvents, ObjectWithoutStatusIsNormalizedFromTheEventType) {
  struct {
    const char* file;
    payment_status expected;
  } cases[] = {{"event_payment_intent_succeeded.json", payment_status::charged},
               {"event_payment_intent_payment_failed.json", payment_status::failure},
               {"event_payment_intent_amount_capturable_updated.json", payment_status::authorized},
               {"event_payment_intent_canceled.json", payment_status::voided}};
  for (auto [file, expected] : cases) {
    auto body = golden(file);
    auto v = boost::json::parse(body).as_object();
    v["data"].as_object()["object"].as_object().erase("status");
    body = boost::json::serialize(v);
    auto r = handle(webhook(body, header_for(body)));
    ASSERT_TRUE(r.ok()) << r.err().message;
    EXPECT_EQ(r->events.at(0).payment, expected) << file;
  }
  auto refund = boost::json::parse(golden("event_refund_failed.json")).as_object();
  refund["data"].as_object()["object"].as_object().erase("status");
  auto body = boost::json::serialize(refund);
  EXPECT_EQ(handle(webhook(body, header_for(body)))->events.at(0).refund, refund_status::failure);
}

TEST(StripeWebhookEvents, SetupIntentSucceededIsAMandateEvent) {
  auto e = event_of("event_setup_intent_succeeded.json");
  EXPECT_EQ(e.type, event_type::mandate);
  EXPECT_EQ(e.mandate_id, "pm_1NtwuT2eZvKYlo2CdBzYHnUf");
  EXPECT_EQ(e.merchant_reference, "mandate-3001");
}

TEST(StripeWebhookEvents, OthersAreTypeOther) {
  auto e = event_of("event_customer_created.json");
  EXPECT_EQ(e.type, event_type::other);
  EXPECT_EQ(e.processor_event_code, "customer.created");
  EXPECT_EQ(e.event_id, "evt_1NtwvA2eZvKYlo2C0cc00014");
}

}  // namespace
}  // namespace stripe_test
