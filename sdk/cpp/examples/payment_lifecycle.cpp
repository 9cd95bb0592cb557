// A payment's life over the Connector Service API with the C++ client library (cs_client),
// printed step by step: authorize (manual capture), partial capture, partial refund, a declined
// card, and a sync that Adyen cannot do.
//
//   payment_lifecycle [--target 127.0.0.1:50051] [--merchant-account demo] [--connector adyen]

#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

#include "cs/sdk/sdk.hpp"

namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

namespace {

struct options {
  std::string target = "127.0.0.1:50051";
  std::string account = "demo";
  std::string connector = "adyen";
};

v1::Money eur(std::int64_t minor) {
  v1::Money m;
  m.set_minor_amount(minor);
  m.set_currency_code("EUR");
  return m;
}

std::string money(const v1::Money& m) {
  return std::to_string(m.minor_amount() / 100) + "." + (m.minor_amount() % 100 < 10 ? "0" : "") +
         std::to_string(m.minor_amount() % 100) + " " + m.currency_code();
}

// Prints a failed step; the typed error says what went wrong and under which request id the
// service logged it.
template <class T>
bool check(const char* step, const sdk::result<T>& r) {
  if (r.ok()) return true;
  std::printf("%-28s %s\n", step, r.error().to_string().c_str());
  return false;
}

v1::AuthorizeRequest authorize_request(const options& o, const std::string& ref,
                                       const char* holder) {
  v1::AuthorizeRequest req;
  req.set_connector(o.connector);
  req.set_merchant_reference(ref);
  *req.mutable_amount() = eur(2500);
  req.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  req.set_return_url("https://shop.example/return");
  auto* card = req.mutable_payment_method()->mutable_card();
  card->set_number("4111111111111111");  // a public test card
  card->set_expiry_month(3);
  card->set_expiry_year(2030);
  card->set_cvc("737");
  card->set_holder_name(holder);
  return req;
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  for (int i = 1; i < argc; i += 2) {
    if (i + 1 >= argc) {
      std::fprintf(stderr, "option %s needs a value\n", argv[i]);
      return 2;
    }
    if (!std::strcmp(argv[i], "--target"))
      o.target = argv[i + 1];
    else if (!std::strcmp(argv[i], "--merchant-account"))
      o.account = argv[i + 1];
    else if (!std::strcmp(argv[i], "--connector"))
      o.connector = argv[i + 1];
    else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  sdk::client client({.target = o.target,
                      .merchant_account = o.account,
                      .default_deadline = std::chrono::seconds(10),
                      // Transient failures (overload, circuit open) are retried with the same key.
                      .retry = {.max_attempts = 3}});
  auto ref = "demo-" + std::to_string(std::time(nullptr));

  auto auth = client.authorize(authorize_request(o, ref, "APPROVED"));
  if (!check("1. authorize 25.00 EUR", auth)) return 1;
  std::printf("1. authorize 25.00 EUR       -> %s, payment %s\n",
              v1::PaymentStatus_Name(auth->status()).c_str(), auth->connector_payment_id().c_str());

  v1::CaptureRequest capture;
  capture.set_connector(o.connector);
  capture.set_connector_payment_id(auth->connector_payment_id());
  capture.set_merchant_reference(ref + "-capture");
  *capture.mutable_amount_to_capture() = eur(1500);
  *capture.mutable_payment_amount() = auth->amount();
  auto captured = client.capture(capture);
  if (!check("2. capture 15.00 EUR", captured)) return 1;
  std::printf("2. capture 15.00 EUR         -> %s, capture %s (%s)\n",
              v1::PaymentStatus_Name(captured->status()).c_str(),
              captured->connector_operation_id().c_str(),
              money(captured->captured_amount()).c_str());

  v1::RefundRequest refund;
  refund.set_connector(o.connector);
  refund.set_connector_payment_id(auth->connector_payment_id());
  refund.set_merchant_reference(ref + "-refund-1");
  *refund.mutable_amount() = eur(500);
  auto refunded = client.refund(refund);
  if (!check("3. refund 5.00 EUR", refunded)) return 1;
  std::printf("3. refund 5.00 EUR           -> %s, refund %s\n",
              v1::RefundStatus_Name(refunded->status()).c_str(),
              refunded->connector_refund_id().c_str());

  // A decline is an answer about the payment, not a failed call: an OK Payment with an error.
  auto declined = client.authorize(authorize_request(o, ref + "-declined", "NOT_ENOUGH_BALANCE"));
  if (!check("4. authorize, poor card", declined)) return 1;
  std::printf("4. authorize, poor card      -> %s: %s (%s, processor code %s)\n",
              v1::PaymentStatus_Name(declined->status()).c_str(),
              declined->error().processor_message().c_str(),
              v1::DeclineCode_Name(declined->error().decline_code()).c_str(),
              declined->error().processor_code().c_str());

  v1::GetPaymentRequest get;
  get.set_connector(o.connector);
  get.set_connector_payment_id(auth->connector_payment_id());
  auto synced = client.get_payment(get);
  std::printf("5. sync the payment          -> %s\n",
              synced ? v1::PaymentStatus_Name(synced->status()).c_str()
                     : synced.error().to_string().c_str());
  std::printf(
      "The capture and refund outcomes arrive as signed webhooks at the service's "
      "/webhooks/%s endpoint.\n",
      o.connector.c_str());
  return 0;
}
