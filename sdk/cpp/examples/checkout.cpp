// Checkout with the C++ client library: authorize 25.00 EUR (manual capture), capture 15.00,
// refund 5.00, read the refund (get_refund) and the payment (get_payment), then a declined card.
//
//   checkout --connector stripe                       # starts its own stack
//   checkout --connector adyen --target 127.0.0.1:50051   # a running service
//
// Only --connector changes between processors. Adyen has no lookup API: get_refund and
// get_payment answer FAILED_PRECONDITION / NOT_SUPPORTED_BY_PROCESSOR, a typed error (the outcome
// of an Adyen capture or refund arrives by webhook: see webhook_receiver). A decline is an OK
// answer with status PAYMENT_STATUS_FAILURE, not an error. Exit status 0 when every step went as
// described here.

#include <cstdio>

#include "support/support.hpp"

namespace ex = cs::examples;
namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

namespace {

std::string describe(const v1::Payment& p) {
  auto out = v1::PaymentStatus_Name(p.status()) + " payment=" + p.connector_payment_id();
  if (p.has_captured_amount()) out += " captured=" + ex::money(p.captured_amount());
  if (p.has_error())
    out += " decline=" + v1::DeclineCode_Name(p.error().decline_code()) + " (" +
           p.error().processor_code() + " " + p.error().processor_message() + ")";
  return out;
}

std::string describe(const v1::Refund& r) {
  return v1::RefundStatus_Name(r.status()) + " refund=" + r.connector_refund_id() +
         " amount=" + ex::money(r.amount());
}

std::string describe(const sdk::error& e) {
  return "error " + sdk::code_name(e.code) + "/" + e.reason + ": " + e.message + " (request " +
         e.request_id + ")";
}

template <class T>
void print(const char* label, const sdk::result<T>& r) {
  std::printf("%-24s -> %s\n", label, r ? describe(*r).c_str() : describe(r.error()).c_str());
  std::fflush(stdout);
}

// A lookup Adyen cannot do is the typed NOT_SUPPORTED_BY_PROCESSOR; anything else is a failure.
template <class T>
bool lookup_ok(const sdk::result<T>& r) {
  return r || r.error().reason_enum == v1::ERROR_REASON_NOT_SUPPORTED_BY_PROCESSOR;
}

v1::AuthorizeRequest authorize_request(const std::string& connector, const std::string& ref,
                                       const std::string& kind) {
  v1::AuthorizeRequest req;
  req.set_connector(connector);
  req.set_merchant_reference(ref);
  *req.mutable_amount() = ex::eur(2500);
  req.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  req.set_return_url(ex::return_url);
  *req.mutable_payment_method() = ex::card(connector, kind);  // a public test card
  return req;
}

}  // namespace

int main(int argc, char** argv) {
  auto args = ex::parse_cli(argc, argv);
  if (!args) return 2;
  auto stack = ex::stack::open(args->get("--target"));
  if (!stack) return 1;
  auto client = ex::make_client(*stack, *args);
  const auto connector = args->connector();
  const auto ref = ex::reference("checkout");

  auto auth = client.authorize(authorize_request(connector, ref, "ok"));
  print("1. authorize 25.00 EUR", auth);
  if (!auth || auth->status() != v1::PAYMENT_STATUS_AUTHORIZED) return 1;
  const auto& payment_id = auth->connector_payment_id();

  v1::CaptureRequest cap;
  cap.set_connector(connector);
  cap.set_connector_payment_id(payment_id);
  *cap.mutable_amount_to_capture() = ex::eur(1500);
  *cap.mutable_payment_amount() = ex::eur(2500);
  cap.set_merchant_reference(ref + "-cap");
  auto captured = client.capture(cap);
  print("2. capture 15.00 EUR", captured);

  v1::RefundRequest rr;
  rr.set_connector(connector);
  rr.set_connector_payment_id(payment_id);
  *rr.mutable_amount() = ex::eur(500);
  *rr.mutable_payment_amount() = ex::eur(2500);
  rr.set_merchant_reference(ref + "-ref");
  auto refund = client.refund(rr);
  print("3. refund 5.00 EUR", refund);
  if (!captured || !refund) return 1;

  v1::GetRefundRequest gr;
  gr.set_connector(connector);
  gr.set_connector_refund_id(refund->connector_refund_id());
  gr.set_connector_payment_id(payment_id);
  auto refund_status = client.get_refund(gr);
  print("4. refund status", refund_status);

  v1::GetPaymentRequest gp;
  gp.set_connector(connector);
  gp.set_connector_payment_id(payment_id);
  auto payment = client.get_payment(gp);
  print("5. get the payment", payment);

  auto declined = client.authorize(authorize_request(connector, ref + "-declined", "decline"));
  print("6. a declined card", declined);

  bool ok = lookup_ok(refund_status) && lookup_ok(payment) && declined &&
            declined->status() == v1::PAYMENT_STATUS_FAILURE;
  if (ok) stack->succeeded();
  return ok ? 0 : 1;
}
