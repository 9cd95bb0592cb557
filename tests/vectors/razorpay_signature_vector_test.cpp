// Checks the Razorpay connector's two signature checks against vectors judged by Razorpay's own
// Node SDK (tests/vectors/razorpay_signature_vectors.js, run by the CTest fixture
// vectors.razorpay.generate): X-Razorpay-Signature on webhooks (validateWebhookSignature) and the
// checkout `razorpay_signature` CompleteAuthorize verifies (validatePaymentVerification). The file
// is read at run time, not at test discovery, so its path comes from RAZORPAY_VECTORS_FILE.

#include <gtest/gtest.h>

#include <boost/json.hpp>
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

struct webhook_vector {
  std::string name;
  std::string kind;
  std::string body;
  std::optional<std::string> signature;  // absent: no X-Razorpay-Signature header at all
  std::optional<std::string> event_id;   // absent: no X-Razorpay-Event-Id header
  std::string secret;
  json::object expect;  // accepted only
  std::string reason;   // rejected only
};

struct checkout_vector {
  std::string name;
  std::string kind;
  std::string order_id;
  std::string payment_id;
  std::string signature;
  std::string key_secret;
};

struct vectors {
  std::string sdk;
  std::string webhook_secret;
  std::string other_webhook_secret;
  std::string key_id;
  std::string key_secret;
  std::string other_key_secret;
  std::vector<webhook_vector> accepted;
  std::vector<webhook_vector> rejected;
  std::vector<checkout_vector> checkout_accepted;
  std::vector<checkout_vector> checkout_rejected;
};

std::string str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::string> opt_str(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

webhook_vector read_webhook(const json::object& o) {
  webhook_vector w;
  w.name = str(o, "name");
  w.kind = str(o, "kind");
  w.body = str(o, "body");
  w.signature = opt_str(o, "signature");
  w.event_id = opt_str(o, "event_id");
  w.secret = str(o, "secret");
  if (const auto* e = o.if_contains("expect")) w.expect = e->as_object();
  w.reason = str(o, "reason");
  return w;
}

checkout_vector read_checkout(const json::object& o) {
  return {str(o, "name"),       str(o, "kind"),      str(o, "order_id"),
          str(o, "payment_id"), str(o, "signature"), str(o, "key_secret")};
}

// Loaded once per process; a missing file fails every test with the reason instead of crashing.
const vectors& load() {
  static const vectors loaded = [] {
    vectors out;
    const char* path = std::getenv("RAZORPAY_VECTORS_FILE");
    if (path == nullptr || *path == '\0') {
      ADD_FAILURE() << "RAZORPAY_VECTORS_FILE is not set: run through ctest (fixture "
                       "vectors.razorpay.generate), or generate the file with "
                       "`node tests/vectors/razorpay_signature_vectors.js FILE`";
      return out;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      ADD_FAILURE() << "cannot read " << path << " (did vectors.razorpay.generate run?)";
      return out;
    }
    std::stringstream text;
    text << in.rdbuf();
    const json::object doc = json::parse(text.str()).as_object();
    out.sdk = str(doc, "sdk");
    out.webhook_secret = str(doc, "webhook_secret");
    out.other_webhook_secret = str(doc, "other_webhook_secret");
    out.key_id = str(doc, "key_id");
    out.key_secret = str(doc, "key_secret");
    out.other_key_secret = str(doc, "other_key_secret");
    const auto& hooks = doc.at("webhooks").as_object();
    for (const auto& v : hooks.at("accepted").as_array())
      out.accepted.push_back(read_webhook(v.as_object()));
    for (const auto& v : hooks.at("rejected").as_array())
      out.rejected.push_back(read_webhook(v.as_object()));
    const auto& checkout = doc.at("checkout").as_object();
    for (const auto& v : checkout.at("accepted").as_array())
      out.checkout_accepted.push_back(read_checkout(v.as_object()));
    for (const auto& v : checkout.at("rejected").as_array())
      out.checkout_rejected.push_back(read_checkout(v.as_object()));
    return out;
  }();
  return loaded;
}

const domain::connector& razorpay() {
  const auto* c = connectors::builtin().find("razorpay");
  if (c == nullptr) throw std::runtime_error("connector \"razorpay\" is not registered");
  return *c;
}

domain::result<domain::webhook_result> deliver(const webhook_vector& w, const std::string& secret) {
  domain::webhook_request req;
  req.headers = {{"Content-Type", "application/json", false}};
  if (w.signature) req.headers.push_back({"X-Razorpay-Signature", *w.signature, false});
  if (w.event_id) req.headers.push_back({"X-Razorpay-Event-Id", *w.event_id, false});
  req.body = w.body;
  req.secret_key = domain::secret<std::string>(secret);
  return razorpay().handle_webhook(req);
}

domain::step_result<domain::payment_result> complete(const checkout_vector& c,
                                                     const std::string& key_secret) {
  const auto& v = load();
  domain::credentials creds;
  creds.set("key_id", v.key_id);
  creds.set("key_secret", key_secret);
  domain::complete_authorize_request req;
  req.merchant_reference = "order-7001";
  req.redirect_payload = {{"razorpay_order_id", c.order_id},
                          {"razorpay_payment_id", c.payment_id},
                          {"razorpay_signature", c.signature}};
  return razorpay().flows.complete_authorize(req, domain::flow_context{creds, {}});
}

class RazorpaySdkVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& v = load();
    // Fewer vectors than the generator writes means the file or the loader is wrong.
    ASSERT_GE(v.accepted.size(), 12u) << "vector file has too few accepted webhooks";
    ASSERT_GE(v.rejected.size(), 72u) << "vector file has too few rejected webhooks";
    ASSERT_GE(v.checkout_accepted.size(), 3u) << "vector file has too few accepted checkouts";
    ASSERT_GE(v.checkout_rejected.size(), 12u) << "vector file has too few rejected checkouts";
    ASSERT_FALSE(v.webhook_secret.empty());
    ASSERT_FALSE(v.key_secret.empty());
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

void expect_event(const domain::webhook_event& ev, const webhook_vector& w) {
  const json::object& want = w.expect;
  const std::string kind = str(want, "kind");
  const std::string object_id = str(want, "object_id");
  const std::string status = str(want, "status");
  // Razorpay bodies carry no id: the event id is the X-Razorpay-Event-Id header, or empty.
  EXPECT_EQ(ev.event_id, w.event_id.value_or(""));
  EXPECT_EQ(ev.processor_event_code, str(want, "event_type"));
  EXPECT_EQ(kind_name(ev.type), kind);
  if (want.contains("merchant_reference")) {
    EXPECT_EQ(ev.merchant_reference, str(want, "merchant_reference"));
  }
  expect_amount(ev, want);
  if (kind == "payment") {
    EXPECT_EQ(ev.connector_payment_id, object_id);
    EXPECT_EQ(ev.connector_operation_id, str(want, "operation_id"));
    EXPECT_EQ(domain::to_string(ev.payment), status);
    if (want.contains("decline")) {
      ASSERT_TRUE(ev.error.has_value()) << "a failed payment without its decline";
      EXPECT_EQ(domain::to_string(ev.error->code), str(want, "decline"));
      EXPECT_EQ(ev.error->processor_code, str(want, "processor_code"));
      EXPECT_EQ(ev.error->decline_code_raw, str(want, "decline_code_raw"));
    } else {
      EXPECT_FALSE(ev.error.has_value());
    }
  } else if (kind == "refund") {
    EXPECT_EQ(ev.connector_refund_id, object_id);
    EXPECT_EQ(ev.connector_payment_id, str(want, "payment_id"));
    EXPECT_EQ(domain::to_string(ev.refund), status);
    EXPECT_EQ(ev.error.has_value(), status == "failure");
  } else if (kind == "dispute") {
    EXPECT_EQ(ev.dispute_id, object_id);
    EXPECT_EQ(ev.connector_payment_id, str(want, "payment_id"));
    EXPECT_EQ(domain::to_string(ev.dispute), status);
  } else {
    EXPECT_EQ(kind, "other");
  }
}

TEST_F(RazorpaySdkVectors, EveryAcceptedWebhookVerifiesAndNormalizes) {
  std::set<std::string> event_types;
  for (const auto& w : load().accepted) {
    SCOPED_TRACE("vector " + w.name);
    event_types.insert(str(w.expect, "event_type"));
    const auto res = deliver(w, w.secret);
    if (!res.ok()) {  // report every refused webhook, not only the first
      ADD_FAILURE() << "rejected: " << domain::to_string(res.err().code) << " " << res.err().reason
                    << " " << res.err().message;
      continue;
    }
    if (res.value().events.size() != 1u) {
      ADD_FAILURE() << res.value().events.size() << " events instead of 1";
      continue;
    }
    expect_event(res.value().events.front(), w);
    EXPECT_EQ(res.value().acknowledgement, "");  // Razorpay only looks at the 2xx
  }
  for (const char* t :
       {"payment.authorized", "payment.captured", "payment.failed", "order.paid", "refund.created",
        "refund.processed", "refund.failed", "payment.dispute.created", "payment.dispute.won",
        "payment.dispute.lost", "settlement.processed"})
    EXPECT_TRUE(event_types.count(t)) << "no vector of event type " << t;
}

TEST_F(RazorpaySdkVectors, EveryRejectedWebhookIsUnauthenticated) {
  std::map<std::string, int> kinds;
  const auto& v = load();
  for (const auto& w : v.rejected) {
    SCOPED_TRACE("vector " + w.name);
    ++kinds[w.kind];
    const auto res = deliver(w, w.secret);
    if (res.ok()) {
      ADD_FAILURE() << "accepted with " << res.value().events.size() << " event(s)";
      continue;
    }
    EXPECT_EQ(res.err().code, error_code::unauthenticated) << domain::to_string(res.err().code);
    EXPECT_EQ(res.err().reason, w.reason) << res.err().message;
    // No secret, and no signature, ever appears in what the caller sees.
    EXPECT_EQ(res.err().message.find(v.webhook_secret), std::string::npos);
    EXPECT_EQ(res.err().message.find(v.other_webhook_secret), std::string::npos);
    if (w.signature && w.signature->size() > 8) {
      EXPECT_EQ(res.err().message.find(*w.signature), std::string::npos);
    }
  }
  for (const char* k : {"tampered_body", "wrong_secret", "upper_case", "empty_signature",
                        "header_missing", "secret_missing"})
    EXPECT_GT(kinds[k], 0) << "no rejected vector of kind " << k;
}

TEST_F(RazorpaySdkVectors, AcceptedWebhookWithTheOtherSecretIsRejected) {
  const auto& v = load();
  for (const auto& w : v.accepted) {
    SCOPED_TRACE("vector " + w.name);
    const auto res = deliver(w, v.other_webhook_secret);
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.err().code, error_code::unauthenticated);
    EXPECT_EQ(res.err().reason, domain::reason::bad_signature);
  }
}

TEST_F(RazorpaySdkVectors, GoodCheckoutSignatureReadsThePayment) {
  for (const auto& c : load().checkout_accepted) {
    SCOPED_TRACE("vector " + c.name);
    const auto s = complete(c, c.key_secret);
    if (!s.ok()) {
      ADD_FAILURE() << "refused: " << domain::to_string(s.err().code) << " " << s.err().reason
                    << " " << s.err().message;
      continue;
    }
    const auto* r = std::get_if<domain::http_request>(&s.value());
    ASSERT_NE(r, nullptr) << "finished without a request";
    EXPECT_EQ(r->method, domain::http_method::get);
    EXPECT_EQ(r->target, "/v1/payments/" + c.payment_id);
    EXPECT_EQ(r->body, "");
  }
}

TEST_F(RazorpaySdkVectors, BadCheckoutSignatureIsUnauthenticatedWithoutACall) {
  std::map<std::string, int> kinds;
  const auto& v = load();
  for (const auto& c : v.checkout_rejected) {
    SCOPED_TRACE("vector " + c.name);
    ++kinds[c.kind];
    const auto s = complete(c, c.key_secret);
    if (s.ok()) {
      ADD_FAILURE() << (std::holds_alternative<domain::http_request>(s.value())
                            ? "accepted: made " + std::get<domain::http_request>(s.value()).target
                            : std::string("accepted: finished"));
      continue;
    }
    EXPECT_EQ(s.err().code, error_code::unauthenticated) << domain::to_string(s.err().code);
    EXPECT_EQ(s.err().reason, domain::reason::bad_signature) << s.err().message;
    EXPECT_EQ(s.err().message.find(v.key_secret), std::string::npos);
    EXPECT_EQ(s.err().message.find(v.other_key_secret), std::string::npos);
  }
  for (const char* k :
       {"swapped_ids", "wrong_key_secret", "tampered_signature", "upper_case", "empty_signature"})
    EXPECT_GT(kinds[k], 0) << "no rejected checkout vector of kind " << k;
}

TEST_F(RazorpaySdkVectors, GoodCheckoutSignatureFailsUnderTheOtherKeySecret) {
  const auto& v = load();
  for (const auto& c : v.checkout_accepted) {
    SCOPED_TRACE("vector " + c.name);
    const auto s = complete(c, v.other_key_secret);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.err().code, error_code::unauthenticated);
    EXPECT_EQ(s.err().reason, domain::reason::bad_signature);
  }
}

}  // namespace
}  // namespace cs
