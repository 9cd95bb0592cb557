// The reasons the service sends are the API's ErrorReason enum, both ways, so an SDK generated
// from the proto can name every reason it will meet.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "api/errors.hpp"
#include "connectorservice/v1/errors.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

using namespace cs;
namespace v1 = connectorservice::v1;

namespace {

constexpr std::string_view prefix = "ERROR_REASON_";

google::rpc::ErrorInfo info_of(const grpc::Status& st) {
  google::rpc::Status details;
  EXPECT_TRUE(details.ParseFromString(st.error_details()));
  google::rpc::ErrorInfo info;
  EXPECT_TRUE(details.details_size() > 0 && details.details(0).UnpackTo(&info));
  return info;
}

}  // namespace

TEST(ErrorReasons, EveryReasonTheServiceSendsIsInTheEnum) {
  for (const char* r : domain::reason::all) {
    v1::ErrorReason value{};
    EXPECT_TRUE(v1::ErrorReason_Parse(std::string(prefix) + r, &value)) << r;
    EXPECT_NE(value, v1::ERROR_REASON_UNSPECIFIED) << r;
  }
}

TEST(ErrorReasons, EveryEnumValueIsAReasonTheServiceHas) {
  std::set<std::string> known(std::begin(domain::reason::all), std::end(domain::reason::all));
  EXPECT_EQ(known.size(), std::size(domain::reason::all)) << "a reason is listed twice";
  const auto* e = v1::ErrorReason_descriptor();
  for (int i = 0; i < e->value_count(); ++i) {
    const auto& name = e->value(i)->name();
    ASSERT_EQ(name.rfind(prefix, 0), 0u) << name;
    if (e->value(i)->number() == 0) continue;
    EXPECT_TRUE(known.contains(name.substr(prefix.size()))) << name;
  }
}

TEST(ErrorReasons, AnErrorWithoutAReasonSaysInternalNotItsCode) {
  auto e = domain::make_error(domain::error_code::unavailable, "", "no reason given");
  auto info = info_of(api::to_grpc_status(e, "adyen", "authorize"));
  EXPECT_EQ(info.reason(), "INTERNAL");
  EXPECT_EQ(info.domain(), "connectorservice.v1");
}

TEST(ErrorReasons, MetadataKeysAreLowerCamelCase) {
  auto e = domain::make_error(domain::error_code::failed_precondition,
                              domain::reason::processor_rejected, "refused");
  e.processor_code = "payment_intent_unexpected_state";
  e.processor_message = "This PaymentIntent's amount could not be updated";
  auto info = info_of(api::to_grpc_status(e, "stripe", "capture"));
  EXPECT_EQ(info.metadata().at("processorCode"), "payment_intent_unexpected_state");
  EXPECT_EQ(info.metadata().at("processorMessage"),
            "This PaymentIntent's amount could not be updated");
  for (const auto& [key, value] : info.metadata()) {
    EXPECT_EQ(key.find('_'), std::string::npos) << key;
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(key.front()))) << key;
  }
}
