// Checks the Stripe connector's webhook verification and normalization against deliveries signed
// by Stripe's own Node SDK (tests/vectors/stripe_signature_vectors.js, run by the CTest fixture
// vectors.stripe.generate). The file is read at run time, not at test discovery, so its path
// comes from STRIPE_VECTORS_FILE. Every delivery is judged at the file's `received_at` with the
// file's tolerance (300 s), the values the SDK itself was asked to agree with.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "connectors/registry.hpp"
#include "domain/connector.hpp"

namespace cs {
namespace {

namespace json = boost::json;
using domain::error_code;
using domain::event_type;

struct delivery {
  std::string name;
  std::string kind;
  std::string body;
  std::optional<std::string> header;  // absent: no Stripe-Signature header at all
  std::string secret;
  json::object expect;  // accepted only
  std::string reason;   // rejected only
};

struct vectors {
  std::string sdk;
  std::string secret;
  std::string other_secret;
  std::int64_t received_at = 0;
  std::int64_t tolerance_s = 0;
  std::vector<delivery> accepted;
  std::vector<delivery> rejected;
};

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

delivery read_delivery(const json::object& o) {
  delivery d;
  d.name = str(o, "name");
  d.kind = str(o, "kind");
  d.body = str(o, "body");
  if (const auto& h = o.at("header"); h.is_string()) d.header = std::string(h.as_string());
  d.secret = str(o, "secret");
  if (const auto* e = o.if_contains("expect")) d.expect = e->as_object();
  d.reason = str(o, "reason");
  return d;
}

// Loaded once per process; a missing file fails every test with the reason instead of crashing.
const vectors& load() {
  static const vectors loaded = [] {
    vectors out;
    const char* path = std::getenv("STRIPE_VECTORS_FILE");
    if (path == nullptr || *path == '\0') {
      ADD_FAILURE() << "STRIPE_VECTORS_FILE is not set: run through ctest (fixture "
                       "vectors.stripe.generate), or generate the file with "
                       "`node tests/vectors/stripe_signature_vectors.js FILE`";
      return out;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      ADD_FAILURE() << "cannot read " << path << " (did vectors.stripe.generate run?)";
      return out;
    }
    std::stringstream text;
    text << in.rdbuf();
    const json::object doc = json::parse(text.str()).as_object();
    out.sdk = str(doc, "sdk");
    out.secret = str(doc, "secret");
    out.other_secret = str(doc, "other_secret");
    out.received_at = doc.at("received_at").to_number<std::int64_t>();
    out.tolerance_s = doc.at("tolerance_s").to_number<std::int64_t>();
    for (const auto& v : doc.at("accepted").as_array())
      out.accepted.push_back(read_delivery(v.as_object()));
    for (const auto& v : doc.at("rejected").as_array())
      out.rejected.push_back(read_delivery(v.as_object()));
    return out;
  }();
  return loaded;
}

const domain::connector& stripe() {
  const auto* c = connectors::builtin().find("stripe");
  if (c == nullptr) throw std::runtime_error("connector \"stripe\" is not registered");
  return *c;
}

domain::result<domain::webhook_result> deliver(const delivery& d, const std::string& secret,
                                               std::int64_t received_at) {
  const auto& v = load();
  domain::webhook_request req;
  req.headers = {{"Content-Type", "application/json; charset=utf-8", false}};
  if (d.header) req.headers.push_back({"Stripe-Signature", *d.header, false});
  req.body = d.body;
  req.secret_key = domain::secret<std::string>(secret);
  req.received_at = std::chrono::system_clock::time_point(std::chrono::seconds(received_at));
  req.tolerance = std::chrono::seconds(v.tolerance_s);
  return stripe().handle_webhook(req);
}

domain::result<domain::webhook_result> deliver(const delivery& d) {
  return deliver(d, d.secret, load().received_at);
}

class StripeSdkVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& v = load();
    // Fewer vectors than the generator writes means the file or the loader is wrong.
    ASSERT_GE(v.accepted.size(), 48u) << "vector file has too few accepted deliveries";
    ASSERT_GE(v.rejected.size(), 72u) << "vector file has too few rejected deliveries";
    ASSERT_EQ(v.tolerance_s, 300);
    ASSERT_GT(v.received_at, 1600000000);
    ASSERT_TRUE(v.secret.starts_with("whsec_"));
  }
};

std::string_view kind_name(event_type t) {
  switch (t) {
    case event_type::payment:
      return "payment";
    case event_type::refund:
      return "refund";
    case event_type::dispute:
      return "dispute";
    case event_type::mandate:
      return "mandate";
    case event_type::other:
      return "other";
    case event_type::unspecified:
      break;
  }
  return "unspecified";
}

void expect_amount(const domain::webhook_event& ev, const json::object& want) {
  const auto* a = want.if_contains("amount");
  if (a == nullptr) return;
  ASSERT_TRUE(ev.amount.has_value());
  EXPECT_EQ(ev.amount->minor_amount, a->as_array().at(0).to_number<std::int64_t>());
  EXPECT_EQ(ev.amount->currency, a->as_array().at(1).as_string());
}

// The id of the object an event is about sits in a different field for each family: the
// PaymentIntent's in connector_payment_id, the Refund's in connector_refund_id, the Charge's
// (charge.refunded) in connector_operation_id, the Dispute's in dispute_id, the PaymentMethod's
// (setup_intent.succeeded) in mandate_id.
void expect_event(const domain::webhook_event& ev, const json::object& want) {
  const std::string kind = str(want, "kind");
  const std::string object_id = str(want, "object_id");
  const std::string status = str(want, "status");
  EXPECT_EQ(ev.event_id, str(want, "event_id"));
  EXPECT_TRUE(ev.event_id.starts_with("evt_")) << ev.event_id;
  EXPECT_EQ(ev.processor_event_code, str(want, "event_type"));
  EXPECT_EQ(kind_name(ev.type), kind);
  if (want.contains("merchant_reference")) {
    EXPECT_EQ(ev.merchant_reference, str(want, "merchant_reference"));
  }
  expect_amount(ev, want);
  if (kind == "payment") {
    EXPECT_EQ(ev.connector_payment_id, object_id);
    EXPECT_EQ(domain::to_string(ev.payment), status);
    if (want.contains("decline")) {
      ASSERT_TRUE(ev.error.has_value()) << "a failed payment without its decline";
      EXPECT_EQ(domain::to_string(ev.error->code), str(want, "decline"));
      EXPECT_EQ(ev.error->processor_code, str(want, "processor_code"));
    } else {
      EXPECT_FALSE(ev.error.has_value());
    }
  } else if (kind == "refund") {
    const bool charge = str(want, "event_type") == "charge.refunded";
    EXPECT_EQ(charge ? ev.connector_operation_id : ev.connector_refund_id, object_id);
    EXPECT_EQ(ev.connector_payment_id, str(want, "payment_id"));
    EXPECT_EQ(domain::to_string(ev.refund), status);
  } else if (kind == "dispute") {
    EXPECT_EQ(ev.dispute_id, object_id);
    EXPECT_EQ(ev.connector_payment_id, str(want, "payment_id"));
    EXPECT_EQ(domain::to_string(ev.dispute), status);
  } else if (kind == "mandate") {
    EXPECT_EQ(ev.mandate_id, object_id);
    EXPECT_EQ(ev.connector_operation_id, str(want, "operation_id"));
  } else {
    EXPECT_EQ(kind, "other");
  }
}

TEST_F(StripeSdkVectors, EveryAcceptedDeliveryVerifiesAndNormalizes) {
  std::map<std::string, int> kinds;
  std::set<std::string> event_types;
  for (const auto& d : load().accepted) {
    SCOPED_TRACE("vector " + d.name);
    ++kinds[d.kind];
    event_types.insert(str(d.expect, "event_type"));
    const auto res = deliver(d);
    if (!res.ok()) {  // report every refused delivery, not only the first
      ADD_FAILURE() << "rejected: " << domain::to_string(res.err().code) << " " << res.err().reason
                    << " " << res.err().message;
      continue;
    }
    if (res.value().events.size() != 1u) {
      ADD_FAILURE() << res.value().events.size() << " events instead of 1";
      continue;
    }
    expect_event(res.value().events.front(), d.expect);
    EXPECT_EQ(res.value().acknowledgement, "");  // Stripe only looks at the 2xx
  }
  for (const char* k : {"valid_now", "multi_signature", "within_tolerance", "with_v0"})
    EXPECT_GT(kinds[k], 0) << "no accepted vector of kind " << k;
  for (const char* t :
       {"payment_intent.succeeded", "payment_intent.payment_failed",
        "payment_intent.amount_capturable_updated", "payment_intent.canceled",
        "payment_intent.requires_action", "charge.refunded", "refund.updated",
        "charge.dispute.created", "charge.dispute.closed", "setup_intent.succeeded"})
    EXPECT_TRUE(event_types.count(t)) << "no vector of event type " << t;
}

TEST_F(StripeSdkVectors, EveryRejectedDeliveryIsUnauthenticated) {
  std::map<std::string, int> kinds;
  const auto& v = load();
  for (const auto& d : v.rejected) {
    SCOPED_TRACE("vector " + d.name);
    ++kinds[d.kind];
    const auto res = deliver(d);
    if (res.ok()) {
      ADD_FAILURE() << "accepted with " << res.value().events.size() << " event(s)";
      continue;
    }
    EXPECT_EQ(res.err().code, error_code::unauthenticated) << domain::to_string(res.err().code);
    EXPECT_EQ(res.err().reason, d.reason) << res.err().message;
    // No secret, ours or the other, ever appears in what the caller sees.
    EXPECT_EQ(res.err().message.find(v.secret), std::string::npos);
    EXPECT_EQ(res.err().message.find(v.other_secret), std::string::npos);
  }
  for (const char* k : {"stale", "tampered_body", "wrong_secret", "no_v1", "header_missing",
                        "v0_only", "secret_missing"})
    EXPECT_GT(kinds[k], 0) << "no rejected vector of kind " << k;
}

TEST_F(StripeSdkVectors, AcceptedDeliveryWithTheOtherSecretIsRejected) {
  const auto& v = load();
  for (const auto& d : v.accepted) {
    if (d.kind != "valid_now") continue;
    SCOPED_TRACE("vector " + d.name);
    const auto res = deliver(d, v.other_secret, v.received_at);
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.err().code, error_code::unauthenticated);
    EXPECT_EQ(res.err().reason, domain::reason::bad_signature);
  }
}

// The tolerance is two-sided in the connector (a timestamp far in the future is as suspect as
// one far in the past), while the SDK only checks age: judged later, a valid delivery goes stale.
TEST_F(StripeSdkVectors, ValidDeliveryGoesStaleWithTheClock) {
  const auto& v = load();
  for (const auto& d : v.accepted) {
    if (d.kind != "valid_now") continue;
    SCOPED_TRACE("vector " + d.name);
    const auto later = deliver(d, d.secret, v.received_at + v.tolerance_s + 60);
    ASSERT_FALSE(later.ok());
    EXPECT_EQ(later.err().reason, domain::reason::bad_signature);
    const auto earlier = deliver(d, d.secret, v.received_at - v.tolerance_s - 60);
    ASSERT_FALSE(earlier.ok());
    EXPECT_EQ(earlier.err().reason, domain::reason::bad_signature);
  }
}

}  // namespace
}  // namespace cs
