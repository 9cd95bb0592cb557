// A payment's life over the Connector Service API, printed step by step: authorize (manual
// capture), partial capture, partial refund, a declined card, and a sync that Adyen cannot do.
//
//   payment_lifecycle [--target 127.0.0.1:50051] [--merchant-account demo] [--connector adyen]

#include <grpcpp/grpcpp.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "connectorservice/v1/payment.grpc.pb.h"

namespace v1 = connectorservice::v1;

namespace {

struct options {
  std::string target = "127.0.0.1:50051";
  std::string account = "demo";
  std::string connector = "adyen";
};

void with_auth(grpc::ClientContext& ctx, const options& o) {
  ctx.AddMetadata("x-merchant-account", o.account);
  ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
}

std::string money(const v1::Money& m) {
  return std::to_string(m.minor_amount() / 100) + "." + (m.minor_amount() % 100 < 10 ? "0" : "") +
         std::to_string(m.minor_amount() % 100) + " " + m.currency_code();
}

bool check(const char* step, const grpc::Status& s) {
  if (s.ok()) return true;
  std::printf("%-28s gRPC %d: %s\n", step, static_cast<int>(s.error_code()),
              s.error_message().c_str());
  return false;
}

v1::AuthorizeRequest authorize_request(const options& o, const char* ref, const char* holder) {
  v1::AuthorizeRequest req;
  req.set_connector(o.connector);
  req.set_merchant_reference(ref);
  req.mutable_amount()->set_minor_amount(2500);
  req.mutable_amount()->set_currency_code("EUR");
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
  for (int i = 1; i + 1 < argc; i += 2) {
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
  auto channel = grpc::CreateChannel(o.target, grpc::InsecureChannelCredentials());
  auto stub = v1::PaymentService::NewStub(channel);
  auto ref = "demo-" + std::to_string(std::time(nullptr));

  v1::Payment auth;
  {
    grpc::ClientContext ctx;
    with_auth(ctx, o);
    auto req = authorize_request(o, ref.c_str(), "APPROVED");
    if (!check("1. authorize 25.00 EUR", stub->Authorize(&ctx, req, &auth))) return 1;
    std::printf("1. authorize 25.00 EUR       -> %s, payment %s\n",
                v1::PaymentStatus_Name(auth.status()).c_str(), auth.connector_payment_id().c_str());
  }
  {
    grpc::ClientContext ctx;
    with_auth(ctx, o);
    v1::CaptureRequest req;
    req.set_connector(o.connector);
    req.set_connector_payment_id(auth.connector_payment_id());
    req.set_merchant_reference(ref + "-capture");
    req.mutable_amount_to_capture()->set_minor_amount(1500);
    req.mutable_amount_to_capture()->set_currency_code("EUR");
    *req.mutable_payment_amount() = auth.amount();
    v1::Payment res;
    if (!check("2. capture 15.00 EUR", stub->Capture(&ctx, req, &res))) return 1;
    std::printf("2. capture 15.00 EUR         -> %s, capture %s (%s)\n",
                v1::PaymentStatus_Name(res.status()).c_str(), res.connector_operation_id().c_str(),
                money(res.captured_amount()).c_str());
  }
  {
    grpc::ClientContext ctx;
    with_auth(ctx, o);
    v1::RefundRequest req;
    req.set_connector(o.connector);
    req.set_connector_payment_id(auth.connector_payment_id());
    req.set_merchant_reference(ref + "-refund-1");
    req.mutable_amount()->set_minor_amount(500);
    req.mutable_amount()->set_currency_code("EUR");
    v1::Refund res;
    if (!check("3. refund 5.00 EUR", stub->Refund(&ctx, req, &res))) return 1;
    std::printf("3. refund 5.00 EUR           -> %s, refund %s\n",
                v1::RefundStatus_Name(res.status()).c_str(), res.connector_refund_id().c_str());
  }
  {
    grpc::ClientContext ctx;
    with_auth(ctx, o);
    auto req = authorize_request(o, (ref + "-declined").c_str(), "NOT_ENOUGH_BALANCE");
    v1::Payment res;
    if (!check("4. authorize, poor card", stub->Authorize(&ctx, req, &res))) return 1;
    std::printf("4. authorize, poor card      -> %s: %s (%s, processor code %s)\n",
                v1::PaymentStatus_Name(res.status()).c_str(),
                res.error().processor_message().c_str(),
                v1::DeclineCode_Name(res.error().decline_code()).c_str(),
                res.error().processor_code().c_str());
  }
  {
    grpc::ClientContext ctx;
    with_auth(ctx, o);
    v1::GetPaymentRequest req;
    req.set_connector(o.connector);
    req.set_connector_payment_id(auth.connector_payment_id());
    v1::Payment res;
    auto s = stub->Get(&ctx, req, &res);
    std::printf(
        "5. sync the payment          -> %s\n",
        s.ok() ? v1::PaymentStatus_Name(res.status()).c_str()
               : ("gRPC " + std::to_string(s.error_code()) + ": " + s.error_message()).c_str());
  }
  std::printf(
      "The capture and refund outcomes arrive as signed webhooks at the service's "
      "/webhooks/%s endpoint.\n",
      o.connector.c_str());
  return 0;
}
