// Payment methods: nonces (tokenized cards and the sandbox's fake nonces), vaulting with a card
// verification, deleting from the vault.
#include "braintree_input.hpp"
#include "braintree_objects.hpp"
#include "braintree_responses.hpp"
#include "braintree_sim.hpp"

#include <array>

namespace processor_sim::braintree {
namespace {

struct fake_nonce {
  std::string_view nonce, number;
};
// braintree_node lib/braintree/test_values/nonces.js (card nonces), with the card each stands for.
constexpr std::array<fake_nonce, 7> fake_nonces{{
    {"fake-valid-nonce", "4111111111111111"},
    {"fake-valid-visa-nonce", "4111111111111111"},
    {"fake-valid-mastercard-nonce", "5555555555554444"},
    {"fake-valid-amex-nonce", "378282246310005"},
    {"fake-valid-discover-nonce", "6011111111111117"},
    {"fake-processor-declined-visa-nonce", "4000111111111115"},
    {"fake-consumed-nonce", "4111111111111111"},
}};

}  // namespace

payment_method& simulator::payment_method_by_id(const std::string& id) {
  if (auto it = store_.payment_methods.find(id); it != store_.payment_methods.end()) {
    return it->second;
  }
  for (const auto& f : fake_nonces) {
    if (f.nonce != id) continue;
    payment_method pm;
    pm.id = id;
    pm.fake = id != "fake-consumed-nonce";
    pm.consumed = !pm.fake;
    pm.created_at = now_timestamp();
    pm.details.number = std::string(f.number);
    pm.details.brand = brand_of(pm.details.number);
    pm.details.bin = pm.details.number.substr(0, 6);
    pm.details.last4 = pm.details.number.substr(pm.details.number.size() - 4);
    pm.details.expiration_month = "12";
    pm.details.expiration_year = "2030";
    return store_.payment_methods.emplace(id, std::move(pm)).first->second;
  }
  if (id.starts_with("tokencc_") || id.starts_with("fake-")) {
    throw api_error("Unknown or expired payment_method_nonce.", "91565",
                    {"input", "paymentMethodId"});
  }
  throw api_error("An object with this ID was not found.", "", {"input", "paymentMethodId"},
                  "NOT_FOUND");
}

boost::json::value simulator::vault(const boost::json::object& input) {
  payment_method& nonce = payment_method_by_id(required(input, "paymentMethodId", "input"));
  if (nonce.usage == "MULTI_USE") {
    throw api_error("Payment method is already vaulted.", "", {"input", "paymentMethodId"});
  }
  if (nonce.consumed) {
    throw api_error("Cannot use a payment_method_nonce more than once.", "93504",
                    {"input", "paymentMethodId"});
  }
  // Customers are not modelled beyond their id: a customer global id (base64 of customer_…) is
  // taken as an existing customer; without one a new customer is made, as Braintree does.
  std::string customer = text(input, "customerId", "input");
  if (customer.empty()) {
    customer = global_id("customer", new_legacy_id());
  } else if (auto d = decode_global_id(customer); !d || d->kind != "customer") {
    throw api_error("An object with this ID was not found.", "", {"input", "customerId"},
                    "NOT_FOUND");
  }
  std::string account_id = text(input, "verificationMerchantAccountId", "input");
  bool skip = false;
  if (const auto* v = object_at(input, "verification", "input")) {
    if (auto id = text(*v, "merchantAccountId", "input.verification"); !id.empty()) account_id = id;
    skip = flag(*v, "skip", "input.verification");
  }
  const merchant_account* acct = nullptr;
  for (const auto& a : store_.accounts) {
    if (account_id.empty() ? a.is_default : a.id == account_id) acct = &a;
  }
  if (!acct) {
    throw api_error("Verification merchant account ID is invalid.", "91728",
                    {"input", "verification", "merchantAccountId"});
  }
  if (!nonce.fake) nonce.consumed = true;
  boost::json::value verification = nullptr;
  std::optional<outcome> failed;
  if (!skip) {
    failed = verification_outcome(nonce.details.number);
    const std::string legacy = new_legacy_id();
    processor_answer answer = failed && failed->answer ? *failed->answer : approved_answer();
    verification = boost::json::object{{"__typename", "Verification"},
                                       {"id", global_id("verification", legacy)},
                                       {"legacyId", legacy},
                                       {"status", failed ? failed->status : "VERIFIED"},
                                       {"merchantAccountId", acct->id},
                                       {"createdAt", now_timestamp()},
                                       {"gatewayRejectionReason", nullptr},
                                       {"processorResponse",
                                        {{"__typename", "VerificationProcessorResponse"},
                                         {"legacyCode", answer.code},
                                         {"message", answer.message}}}};
  }
  boost::json::value vaulted = nullptr;
  if (!failed) {
    payment_method pm = nonce;
    pm.legacy_id = new_legacy_id();
    pm.id = global_id("paymentmethod", "cc_" + pm.legacy_id);
    pm.usage = "MULTI_USE";
    pm.customer_id = customer;
    pm.consumed = false;
    pm.fake = false;
    pm.created_at = now_timestamp();
    vaulted = payment_method_json(pm);
    store_.payment_methods.emplace(pm.id, std::move(pm));
    ++vaulted_;
  }
  return boost::json::object{{"__typename", "VaultPaymentMethodPayload"},
                             {"paymentMethod", std::move(vaulted)},
                             {"verification", std::move(verification)}};
}

boost::json::value simulator::delete_payment_method(const boost::json::object& input) {
  const std::string id = required(input, "paymentMethodId", "input");
  auto it = store_.payment_methods.find(id);
  if (it == store_.payment_methods.end() || it->second.usage != "MULTI_USE") {
    throw api_error("An object with this ID was not found.", "", {"input", "paymentMethodId"},
                    "NOT_FOUND");
  }
  store_.payment_methods.erase(it);
  return boost::json::object{{"__typename", "DeletePaymentMethodFromVaultPayload"}};
}

}  // namespace processor_sim::braintree
