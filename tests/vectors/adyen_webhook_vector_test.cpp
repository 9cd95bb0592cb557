// Checks the Adyen connector's webhook verification against bodies signed by Adyen's own Node SDK
// (tests/vectors/adyen_hmac_vectors.js, run by the CTest fixture vectors.adyen.generate). The file
// is read at run time, not at test discovery, so its path comes from ADYEN_VECTORS_FILE.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdlib>
#include <fstream>
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
using domain::payment_status;
using domain::refund_status;
using domain::webhook_event;

struct expected_item {
  std::string event_code;
  std::string psp_reference;
  std::string original_reference;
  std::string merchant_reference;
  domain::money amount;
  bool success = false;
};

struct valid_vector {
  std::string name;
  std::string body;
  std::vector<expected_item> expect;
};

struct tampered_vector {
  std::string name;
  std::string kind;
  std::string body;
};

struct vectors {
  std::string sdk;
  std::string hmac_key;
  std::string other_key;
  std::vector<valid_vector> valid;
  std::vector<tampered_vector> tampered;
};

std::string str(const json::value& v, std::string_view key) {
  return std::string(v.at(key).as_string());
}

// Loaded once per process; a missing file fails every test with the reason instead of crashing.
const vectors& load() {
  static const vectors loaded = [] {
    vectors out;
    const char* path = std::getenv("ADYEN_VECTORS_FILE");
    if (path == nullptr || *path == '\0') {
      ADD_FAILURE() << "ADYEN_VECTORS_FILE is not set: run through ctest (fixture "
                       "vectors.adyen.generate), or generate the file with "
                       "`node tests/vectors/adyen_hmac_vectors.js FILE`";
      return out;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      ADD_FAILURE() << "cannot read " << path << " (did vectors.adyen.generate run?)";
      return out;
    }
    std::stringstream text;
    text << in.rdbuf();
    const json::value doc = json::parse(text.str());
    out.sdk = str(doc, "sdk");
    out.hmac_key = str(doc, "hmac_key");
    out.other_key = str(doc, "other_key");
    for (const auto& v : doc.at("valid").as_array()) {
      valid_vector vv{str(v, "name"), str(v, "body"), {}};
      for (const auto& e : v.at("expect").as_array()) {
        const auto& amount = e.at("amount");
        vv.expect.push_back(expected_item{
            str(e, "event_code"), str(e, "psp_reference"), str(e, "original_reference"),
            str(e, "merchant_reference"),
            domain::money{amount.at("value").to_number<std::int64_t>(), str(amount, "currency")},
            e.at("success").as_bool()});
      }
      out.valid.push_back(std::move(vv));
    }
    for (const auto& t : doc.at("tampered").as_array()) {
      out.tampered.push_back(tampered_vector{str(t, "name"), str(t, "kind"), str(t, "body")});
    }
    return out;
  }();
  return loaded;
}

const domain::connector& adyen() {
  const auto* c = connectors::builtin().find("adyen");
  if (c == nullptr) throw std::runtime_error("connector \"adyen\" is not registered");
  return *c;
}

domain::result<domain::webhook_result> deliver(const std::string& body, const std::string& key) {
  domain::webhook_request req;
  req.headers = {{"Content-Type", "application/json", false}};
  req.body = body;
  req.secret_key = domain::secret<std::string>(key);
  return adyen().handle_webhook(req);
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

class AdyenSdkVectors : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& v = load();
    // Fewer vectors than the generator writes means the file or the loader is wrong.
    ASSERT_GE(v.valid.size(), 13u) << "vector file has too few valid bodies";
    ASSERT_GE(v.tampered.size(), 25u) << "vector file has too few tampered bodies";
    ASSERT_EQ(v.hmac_key.size(), 64u);
  }
};

// Per processors.md: which unified status each (eventCode, success) must produce.
void expect_status(const webhook_event& ev, const expected_item& want) {
  const std::string& code = want.event_code;
  if (code == "AUTHORISATION") {
    EXPECT_EQ(ev.type, event_type::payment);
    if (want.success) {
      // Authorised funds: authorized, or charged when the merchant account captures at once.
      EXPECT_TRUE(ev.payment == payment_status::authorized || ev.payment == payment_status::charged)
          << "got " << domain::to_string(ev.payment);
    } else {
      EXPECT_EQ(ev.payment, payment_status::failure) << domain::to_string(ev.payment);
    }
  } else if (code == "CAPTURE") {
    EXPECT_EQ(ev.type, event_type::payment);
    if (want.success) {
      EXPECT_TRUE(ev.payment == payment_status::charged ||
                  ev.payment == payment_status::partially_charged)
          << "got " << domain::to_string(ev.payment);
    } else {
      EXPECT_EQ(ev.payment, payment_status::capture_failed) << domain::to_string(ev.payment);
    }
  } else if (code == "CANCELLATION") {
    EXPECT_EQ(ev.type, event_type::payment);
    if (want.success) {
      EXPECT_EQ(ev.payment, payment_status::voided) << domain::to_string(ev.payment);
    }
  } else if (code == "REFUND") {
    EXPECT_EQ(ev.type, event_type::refund);
    EXPECT_EQ(ev.refund, want.success ? refund_status::success : refund_status::failure)
        << domain::to_string(ev.refund);
  } else if (code == "NOTIFICATION_OF_CHARGEBACK") {
    EXPECT_EQ(ev.type, event_type::dispute);
    EXPECT_EQ(ev.dispute, domain::dispute_status::opened) << domain::to_string(ev.dispute);
  } else {
    ADD_FAILURE() << "vector uses an event code this test has no expectation for: " << code;
  }
}

// Which ids carry the psp references: a modification's own pspReference is the operation (or
// refund, or dispute) id and its originalReference the payment; an AUTHORISATION's pspReference
// is the payment.
void expect_references(const webhook_event& ev, const expected_item& want) {
  if (want.original_reference.empty()) {
    EXPECT_EQ(ev.connector_payment_id, want.psp_reference);
    return;
  }
  EXPECT_EQ(ev.connector_payment_id, want.original_reference);
  if (want.event_code == "REFUND") {
    EXPECT_EQ(ev.connector_refund_id, want.psp_reference);
  } else if (want.event_code == "NOTIFICATION_OF_CHARGEBACK") {
    EXPECT_EQ(ev.dispute_id, want.psp_reference);
  } else {
    EXPECT_EQ(ev.connector_operation_id, want.psp_reference);
  }
}

TEST_F(AdyenSdkVectors, EverySdkSignedBodyVerifiesAndNormalizes) {
  const auto& v = load();
  for (const auto& vec : v.valid) {
    SCOPED_TRACE("vector " + vec.name);
    const auto res = deliver(vec.body, v.hmac_key);
    ASSERT_TRUE(res.ok()) << "rejected: " << domain::to_string(res.err().code) << " "
                          << res.err().reason << " " << res.err().message;
    const auto& events = res.value().events;
    ASSERT_EQ(events.size(), vec.expect.size());
    std::set<std::string> ids;
    for (std::size_t i = 0; i < events.size(); ++i) {
      SCOPED_TRACE("item " + std::to_string(i) + " " + vec.expect[i].event_code);
      const auto& ev = events[i];
      const auto& want = vec.expect[i];
      EXPECT_EQ(ev.processor_event_code, want.event_code);
      EXPECT_EQ(ev.merchant_reference, want.merchant_reference);
      ASSERT_TRUE(ev.amount.has_value());
      EXPECT_EQ(ev.amount->minor_amount, want.amount.minor_amount);
      EXPECT_EQ(ev.amount->currency, want.amount.currency);
      expect_references(ev, want);
      expect_status(ev, want);
      // The event id is what receivers de-duplicate on: present, distinct within a batch.
      EXPECT_FALSE(ev.event_id.empty());
      EXPECT_TRUE(ids.insert(ev.event_id).second) << "duplicate event_id " << ev.event_id;
    }
    // Adyen retries until it reads exactly this acknowledgement.
    EXPECT_EQ(res.value().acknowledgement, "[accepted]");
  }
}

TEST_F(AdyenSdkVectors, LowerCaseHexKeyIsTheSameKey) {
  const auto& v = load();
  const auto res = deliver(v.valid.front().body, lower(v.hmac_key));
  ASSERT_TRUE(res.ok()) << res.err().reason << " " << res.err().message;
  EXPECT_EQ(res.value().events.size(), 1u);
}

TEST_F(AdyenSdkVectors, ValidBodyWithAnotherKeyIsRejected) {
  const auto& v = load();
  for (const auto& vec : v.valid) {
    SCOPED_TRACE("vector " + vec.name);
    const auto res = deliver(vec.body, v.other_key);
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.err().code, error_code::unauthenticated);
    EXPECT_EQ(res.err().reason, domain::reason::bad_signature);
  }
}

TEST_F(AdyenSdkVectors, EveryTamperedBodyIsRejectedAsBadSignature) {
  const auto& v = load();
  std::set<std::string> kinds;
  for (const auto& vec : v.tampered) {
    SCOPED_TRACE("vector " + vec.name);
    kinds.insert(vec.kind);
    const auto res = deliver(vec.body, v.hmac_key);
    ASSERT_FALSE(res.ok()) << "accepted a tampered body with " << res.value().events.size()
                           << " event(s)";
    EXPECT_EQ(res.err().code, error_code::unauthenticated) << domain::to_string(res.err().code);
    EXPECT_EQ(res.err().reason, domain::reason::bad_signature);
  }
  // Every kind of tampering the brief names must be present in the file.
  for (const char* kind : {"amount_changed", "event_code_changed", "success_flipped", "other_key",
                           "signature_removed"}) {
    EXPECT_TRUE(kinds.count(kind)) << "no tampered vector of kind " << kind;
  }
}

}  // namespace
}  // namespace cs
