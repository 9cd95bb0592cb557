// A subscription with the C++ client library: store the shopper's card (SetupMandate), charge it
// later without the shopper (RecurringService.Charge, under with_retry), revoke the mandate, and
// see the next charge refused.
//
//   subscription --connector stripe                  # starts its own stack
//   subscription --connector adyen --target H:P      # a running service
//
// setup_mandate answers the processor's token for the stored card (mandate.connector_mandate_id:
// Adyen's recurringDetailReference, Stripe's pm_…) and the customer id to charge it with
// (mandate.customer_id: yours for Adyen, Stripe's cus_…). Keep both; the card is never needed
// again. Exit status 0 when the charge after the revoke is refused.

#include <cstdio>

#include "support/support.hpp"

namespace ex = cs::examples;
namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

namespace {

int fail(const char* step, const sdk::error& e) {
  std::printf("%-24s -> error %s\n", step, e.to_string().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  auto args = ex::parse_cli(argc, argv);
  if (!args) return 2;
  auto stack = ex::stack::open(args->get("--target"));
  if (!stack) return 1;
  auto client = ex::make_client(*stack, *args, 1);  // retries: with_retry below
  const auto connector = args->connector();
  const auto ref = ex::reference("sub");

  v1::SetupMandateRequest setup;
  setup.set_connector(connector);
  setup.set_merchant_reference(ref);
  *setup.mutable_payment_method() = ex::card(connector, "ok");
  setup.mutable_customer()->set_id("shopper-" + ref);
  setup.mutable_customer()->set_email("jenny@example.com");
  setup.mutable_customer()->set_name("Jenny Rosen");
  *setup.mutable_amount() = ex::eur(0);  // nothing charged at set-up
  setup.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  setup.set_return_url(ex::return_url);
  auto mandate = client.setup_mandate(setup);
  if (!mandate) return fail("1. setup_mandate", mandate.error());
  std::printf("1. setup_mandate         -> %s mandate=%s customer=%s\n",
              v1::MandateStatus_Name(mandate->status()).c_str(),
              mandate->mandate().connector_mandate_id().c_str(),
              mandate->mandate().customer_id().c_str());
  if (mandate->status() != v1::MANDATE_STATUS_ACTIVE) return 1;

  v1::RecurringChargeRequest charge;
  charge.set_connector(connector);
  charge.set_merchant_reference(ref + "-month-1");
  charge.set_connector_mandate_id(mandate->mandate().connector_mandate_id());
  charge.set_customer_id(mandate->mandate().customer_id());
  *charge.mutable_amount() = ex::eur(1200);
  charge.set_capture_method(v1::CAPTURE_METHOD_AUTOMATIC);
  charge.set_recurring_model(v1::RECURRING_MODEL_SUBSCRIPTION);
  charge.set_return_url(ex::return_url);
  // with_retry keeps one key for every attempt: a retried charge cannot bill the month twice.
  auto charged = sdk::with_retry([&](const std::string& key) {
    return client.recurring_charge(charge, {.idempotency_key = key});
  });
  if (!charged) return fail("2. recurring_charge", charged.error());
  std::printf("2. recurring_charge      -> %s payment=%s amount=%s\n",
              v1::PaymentStatus_Name(charged->status()).c_str(),
              charged->connector_payment_id().c_str(), ex::money(charged->amount()).c_str());

  v1::RevokeMandateRequest revoke;
  revoke.set_connector(connector);
  revoke.set_connector_mandate_id(mandate->mandate().connector_mandate_id());
  revoke.set_customer_id(mandate->mandate().customer_id());
  auto revoked = client.revoke_mandate(revoke);
  if (!revoked) return fail("3. revoke_mandate", revoked.error());
  std::printf("3. revoke_mandate        -> %s\n",
              v1::MandateStatus_Name(revoked->status()).c_str());

  // The revoked card is gone: the processor refuses another charge (a failed call, not a decline).
  charge.set_merchant_reference(ref + "-month-2");
  auto after = client.recurring_charge(charge);
  if (after) {
    std::printf("4. charge after revoke   -> %s (unexpected)\n",
                v1::PaymentStatus_Name(after->status()).c_str());
    return 1;
  }
  const auto& e = after.error();
  std::printf(
      "4. charge after revoke   -> error %s/%s%s\n", sdk::code_name(e.code).c_str(),
      e.reason.c_str(),
      e.processor_code.empty() ? "" : (" (processor code " + e.processor_code + ")").c_str());
  std::fflush(stdout);
  stack->succeeded();
  return 0;
}
