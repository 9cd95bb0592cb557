// What every built-in connector's descriptor must hold, checked for each one in the registry (a
// new connector is covered without editing this file): identity, capabilities that match what its
// authorize accepts, notes only for flows it lacks.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "connectors/registry.hpp"
#include "domain/connector.hpp"

namespace {

using namespace cs::domain;

const flow every_flow[] = {
    flow::authorize,        flow::capture,        flow::void_payment,   flow::get_payment,
    flow::refund,           flow::get_refund,     flow::setup_mandate,  flow::complete_authorize,
    flow::recurring_charge, flow::revoke_mandate, flow::accept_dispute, flow::submit_evidence,
    flow::defend_dispute,   flow::get_dispute};

payment_method method_of(method_kind k) {
  network_token dpan{secret<std::string>("4111111111111111"),
                     3,
                     2030,
                     secret<std::string>("AgAAAAAAAIR8CQrXcIhbQAAAAAA="),
                     "05",
                     "A Holder"};
  switch (k) {
    case method_kind::card:
      return card{secret<std::string>("4111111111111111"), 3, 2030, secret<std::string>("737"),
                  "A Holder"};
    case method_kind::upi_collect:
      return upi{"asha@okbank"};
    case method_kind::apple_pay:
      return wallet::of(wallet_type::apple_pay, "{}");
    case method_kind::google_pay:
      return wallet::of(wallet_type::google_pay, "{}");
    case method_kind::paypal:
      return wallet::of(wallet_type::paypal);
    case method_kind::processor_token:
      return processor_token{"pm_card_visa"};
    case method_kind::network_token:
      return dpan;
    case method_kind::sepa_debit:
      return sepa_debit{secret<std::string>("NL91ABNA0417164300"), "A Holder"};
    case method_kind::ach_debit:
      return ach_debit{secret<std::string>("000123456789"), "110000000",
                       bank_account_type::checking, "A Holder", account_holder_type::individual};
    case method_kind::ideal:
      return bank_redirect{bank_redirect_type::ideal, ""};
    case method_kind::bancontact:
      return bank_redirect{bank_redirect_type::bancontact, ""};
    case method_kind::klarna:
      return bnpl{};
    case method_kind::upi_intent:
      return upi_intent{};
  }
  return {};
}

TEST(Descriptors, RegistryHasEachConnectorOnceByName) {
  auto set = cs::connectors::builtin();
  ASSERT_FALSE(set.all().empty());
  std::set<std::string_view> names;
  for (const auto* c : set.all()) {
    EXPECT_TRUE(names.insert(c->name).second) << c->name;
    EXPECT_EQ(set.find(c->name), c);
  }
  EXPECT_EQ(set.find("no-such-processor"), nullptr);
}

TEST(Descriptors, IdentityAndCapabilitiesAreFilledIn) {
  for (const auto* c : cs::connectors::builtin().all()) {
    SCOPED_TRACE(std::string(c->name));
    EXPECT_FALSE(c->credential_keys.empty());
    ASSERT_FALSE(c->base_urls.empty());
    EXPECT_EQ(c->base_urls.front().name, "default");
    for (const auto& b : c->base_urls) EXPECT_TRUE(b.test_default.starts_with("https://"));
    EXPECT_FALSE(c->methods.empty());
    ASSERT_NE(c->currencies, nullptr);
    EXPECT_TRUE(c->currencies->sorted());
    EXPECT_TRUE(offers(*c, flow::authorize));
    EXPECT_TRUE(offers(*c, flow::webhook));
  }
}

TEST(Descriptors, NotesOnlyForFlowsAbsentFromTheTable) {
  for (const auto* c : cs::connectors::builtin().all())
    for (const auto& n : c->notes) {
      EXPECT_FALSE(offers(*c, n.what)) << c->name << " " << to_string(n.what);
      auto e = flow_not_offered(*c, n.what);
      EXPECT_EQ(e.code, error_code::failed_precondition);
      EXPECT_EQ(e.message, n.message);
    }
}

TEST(Descriptors, AbsentFlowsAnswerUnimplementedOrTheirNote) {
  for (const auto* c : cs::connectors::builtin().all())
    for (auto f : every_flow) {
      if (offers(*c, f)) continue;
      auto e = flow_not_offered(*c, f);
      EXPECT_TRUE(e.code == error_code::unimplemented || e.code == error_code::failed_precondition)
          << c->name << " " << to_string(f);
      if (e.code == error_code::unimplemented) {
        EXPECT_NE(e.message.find(std::string(c->name)), std::string::npos) << e.message;
      }
    }
}

// A method the descriptor does not list is refused by authorize before any call, naming the
// payment method; so the capabilities cannot claim less than the code refuses.
TEST(Descriptors, UndeclaredMethodsAreRefusedBeforeAnyCall) {
  for (const auto* c : cs::connectors::builtin().all())
    for (auto k : every_method_kind) {
      if (supports_method(*c, k)) continue;
      SCOPED_TRACE(std::string(c->name) + " " + std::string(to_string(k)));
      credentials creds;
      for (auto key : c->credential_keys) creds.set(std::string(key), "rzp_test_x");
      // A token connector's flows get the access token from the pool.
      if (c->token) creds.set(std::string(access_token_key), "token");
      authorize_request r;
      r.idempotency_key = "key-1";
      r.merchant_reference = "order-1";
      r.amount = money{1000, "EUR"};
      r.method = method_of(k);
      auto step = c->flows.authorize(r, flow_context{creds, {}});
      ASSERT_FALSE(step.ok());
      EXPECT_EQ(step.err().code, error_code::invalid_argument);
      EXPECT_TRUE(step.err().field.starts_with("payment_method")) << step.err().field;
    }
}

// The same rule as checked by api/ before the flow is spawned (domain::check_method).
TEST(Descriptors, CheckMethodNamesTheMethodTheConnectorAndWhatItTakes) {
  for (const auto* c : cs::connectors::builtin().all())
    for (auto k : every_method_kind) {
      SCOPED_TRACE(std::string(c->name) + " " + std::string(to_string(k)));
      auto s = check_method(*c, method_of(k));
      if (supports_method(*c, k)) {
        EXPECT_TRUE(s.ok());
        continue;
      }
      ASSERT_FALSE(s.ok());
      EXPECT_EQ(s.err().code, error_code::invalid_argument);
      EXPECT_EQ(s.err().field, "payment_method");
      EXPECT_NE(s.err().message.find(std::string(c->name)), std::string::npos) << s.err().message;
      // The oneof arm the client set.
      const std::string arm = "payment_method." + std::string(to_string(k)) + ";";
      EXPECT_NE(s.err().message.find(arm), std::string::npos) << s.err().message;
    }
  EXPECT_TRUE(check_method(*cs::connectors::builtin().find("adyen"), payment_method{}).ok());
}

}  // namespace
