// The API surface a client discovers: server reflection lists every service.
#include <gtest/gtest.h>

#include <set>

#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "harness.hpp"

namespace e2e {
namespace {

namespace refl = grpc::reflection::v1alpha;

TEST(Api, ReflectionListsEveryService) {
  auto stub = refl::ServerReflection::NewStub(env().svc.channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
  auto stream = stub->ServerReflectionInfo(&context);
  refl::ServerReflectionRequest req;
  req.set_list_services("");
  ASSERT_TRUE(stream->Write(req));
  refl::ServerReflectionResponse res;
  ASSERT_TRUE(stream->Read(&res));
  std::set<std::string> names;
  for (auto& s : res.list_services_response().service()) names.insert(s.name());
  for (const char* want :
       {"connectorservice.v1.PaymentService", "connectorservice.v1.RefundService",
        "connectorservice.v1.RecurringService", "connectorservice.v1.DisputeService",
        "connectorservice.v1.EventService", "grpc.health.v1.Health"})
    EXPECT_TRUE(names.contains(want)) << want;

  // A client can fetch the schema of a service by name.
  req.Clear();
  req.set_file_containing_symbol("connectorservice.v1.PaymentService");
  ASSERT_TRUE(stream->Write(req));
  ASSERT_TRUE(stream->Read(&res));
  EXPECT_GT(res.file_descriptor_response().file_descriptor_proto_size(), 0);
  stream->WritesDone();
  EXPECT_TRUE(stream->Finish().ok());
}

// Capabilities (issue 17): a method the connector does not declare is refused by api/ before any
// call, naming the method, the connector and what it takes.
TEST(Api, MethodTheConnectorDoesNotTakeIsRefusedBeforeAnyCall) {
  const auto before = env().stats().at("requests");
  v1::AuthorizeRequest r;
  r.set_connector("adyen");
  r.set_merchant_reference("e2e-api-method");
  *r.mutable_amount() = money(1000, "EUR");
  r.mutable_payment_method()->mutable_upi_collect()->set_vpa("success@razorpay");
  v1::Payment out;
  auto s = env().svc.payments->Authorize(ctx("demo").get(), r, &out);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);
  EXPECT_EQ(meta(s, "field"), "payment_method") << describe(s);
  EXPECT_NE(s.error_message().find("adyen"), std::string::npos) << describe(s);
  EXPECT_NE(s.error_message().find("payment_method.upi"), std::string::npos) << describe(s);
  EXPECT_NE(s.error_message().find("card"), std::string::npos) << describe(s);
  EXPECT_EQ(env().stats().at("requests"), before);
}

}  // namespace
}  // namespace e2e
