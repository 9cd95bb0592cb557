// Checks the Braintree connector's webhook check and normalization against deliveries that
// Braintree's official Node SDK made and judged (tests/vectors/braintree_webhook_vectors.js, run
// by the CTest fixture vectors.braintree.generate; the path comes from BRAINTREE_VECTORS_FILE).
// Every accepted delivery must verify and give the event its kind stands for, with the ids and
// amount the SDK read; every refused one must be BAD_SIGNATURE. The verify-challenge answers and
// refusals, and the SDK's digest vectors, are checked too.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "connectors/braintree/descriptor.hpp"
#include "connectors/braintree/webhook.hpp"
#include "domain/connector.hpp"

namespace {

namespace json = boost::json;
namespace bt = cs::connectors::braintree;
using namespace cs::domain;

const json::object& vectors() {
  static const json::object v = [] {
    const char* path = std::getenv("BRAINTREE_VECTORS_FILE");
    if (!path) {
      ADD_FAILURE() << "BRAINTREE_VECTORS_FILE is not set (run through ctest: the fixture "
                       "vectors.braintree.generate writes it)";
      return json::object{};
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    if (!in) ADD_FAILURE() << "cannot read " << path;
    return json::parse(s.str()).as_object();
  }();
  return v;
}

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::string form_encode(std::string_view s) {
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '*') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

result<webhook_result> deliver(const json::object& d) {
  webhook_request r;
  r.body = "bt_signature=" + form_encode(str(d, "bt_signature")) +
           "&bt_payload=" + form_encode(str(d, "bt_payload"));
  r.secret_key =
      secret<std::string>(str(vectors(), "public_key") + ":" + str(vectors(), "private_key"));
  return bt::descriptor().handle_webhook(r);
}

TEST(BraintreeWebhookVectors, EveryAcceptedDeliveryGivesItsEvent) {
  const auto& accepted = vectors().at("accepted").as_array();
  ASSERT_GE(accepted.size(), 30u);
  for (const auto& v : accepted) {
    const auto& d = v.as_object();
    SCOPED_TRACE(str(d, "name"));
    auto r = deliver(d);
    ASSERT_TRUE(r) << r.err().message;
    ASSERT_EQ(r->events.size(), 1u);
    const auto& e = r->events[0];
    const auto& x = d.at("expect").as_object();
    auto kind = str(x, "kind");
    EXPECT_EQ(e.processor_event_code, kind);
    EXPECT_FALSE(e.event_id.empty());
    auto subject = str(x, "subject");
    if (kind == "refund_failed") {
      EXPECT_EQ(e.type, event_type::refund);
      EXPECT_EQ(e.refund, refund_status::failure);
      EXPECT_EQ(e.connector_refund_id, str(x, "transaction_id"));
      EXPECT_EQ(e.connector_payment_id, str(x, "refunded_transaction_id"));
    } else if (subject == "dispute") {
      EXPECT_EQ(e.type, event_type::dispute);
      EXPECT_EQ(e.dispute_id, str(x, "dispute_id"));
      EXPECT_EQ(e.connector_payment_id, str(x, "transaction_id"));
      EXPECT_EQ(e.amount, (money{25000, "USD"}));  // amount_disputed "250.0"
      auto status = str(x, "status");
      auto want = status == "open"                                    ? dispute_status::opened
                  : status == "accepted" || status == "auto_accepted" ? dispute_status::accepted
                  : status == "disputed" || status == "under_review"  ? dispute_status::challenged
                  : status == "won"                                   ? dispute_status::won
                  : status == "lost"                                  ? dispute_status::lost
                                                                      : dispute_status::expired;
      EXPECT_EQ(e.dispute, want);
    } else if (subject == "transaction") {
      EXPECT_EQ(e.type, event_type::payment);
      EXPECT_EQ(e.connector_payment_id, str(x, "transaction_id"));
      auto status = str(x, "status");
      if (kind == "transaction_settlement_declined") {
        EXPECT_EQ(e.payment, payment_status::capture_failed);
        EXPECT_TRUE(e.error);
      } else {
        EXPECT_EQ(e.payment, payment_status::charged);
      }
      if (!str(x, "currency").empty()) {
        EXPECT_EQ(e.amount, (money{10000, "USD"}));
      }
    } else if (subject == "transaction_review") {
      EXPECT_EQ(e.type, event_type::other);
      EXPECT_EQ(e.connector_payment_id, str(x, "transaction_id"));
    } else if (subject == "paypal_account") {
      EXPECT_EQ(e.type, event_type::mandate);
      EXPECT_EQ(e.mandate_id, str(x, "payment_method_token"));
    } else if (subject == "subscription" && x.contains("transaction_id")) {
      EXPECT_EQ(e.type, event_type::payment);
      EXPECT_EQ(e.connector_payment_id, str(x, "transaction_id"));
      EXPECT_EQ(e.payment, str(x, "transaction_status") == "failed" ? payment_status::failure
                                                                    : payment_status::charged);
    } else {
      // subscription_canceled, disbursement, check and kinds the connector does not know:
      // acknowledged as `other`, never refused.
      EXPECT_EQ(e.type, event_type::other);
    }
  }
}

TEST(BraintreeWebhookVectors, EveryRefusedDeliveryIsBadSignature) {
  const auto& rejected = vectors().at("rejected").as_array();
  ASSERT_GE(rejected.size(), 100u);
  for (const auto& v : rejected) {
    const auto& d = v.as_object();
    SCOPED_TRACE(str(d, "name") + ": " + str(d, "why"));
    auto r = deliver(d);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.err().code, error_code::unauthenticated);
    EXPECT_EQ(r.err().reason, reason::bad_signature);
  }
}

TEST(BraintreeWebhookVectors, VerifyChallengeAnswersAndRefusals) {
  const auto& verify = vectors().at("verify").as_object();
  for (const auto& v : verify.at("accepted").as_array()) {
    const auto& d = v.as_object();
    SCOPED_TRACE(str(d, "name"));
    bt::webhook_keys k{str(d, "public_key"), str(d, "private_key")};
    auto answer = bt::verify_challenge(str(d, "challenge"), k);
    ASSERT_TRUE(answer);
    EXPECT_EQ(*answer, str(d, "response"));
  }
  bt::webhook_keys ours{str(vectors(), "public_key"), str(vectors(), "private_key")};
  for (const auto& v : verify.at("rejected").as_array()) {
    const auto& d = v.as_object();
    SCOPED_TRACE(str(d, "name"));
    EXPECT_FALSE(bt::verify_challenge(str(d, "challenge"), ours));
  }
}

}  // namespace
