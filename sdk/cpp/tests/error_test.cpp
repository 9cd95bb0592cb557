// Decoding of grpc-status-details-bin: a real serialized google.rpc.Status, as the service sends.

#include <gtest/gtest.h>

#include "cs/sdk/error.hpp"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace {

using cs::sdk::error;

std::string details(int code, const std::string& message, const std::string& reason,
                    std::map<std::string, std::string> metadata, const std::string& bad_field,
                    std::optional<int> retry_ms) {
  google::rpc::Status st;
  st.set_code(code);
  st.set_message(message);
  google::rpc::ErrorInfo info;
  info.set_reason(reason);
  info.set_domain("connectorservice.v1");
  info.mutable_metadata()->insert(metadata.begin(), metadata.end());
  st.add_details()->PackFrom(info);
  if (!bad_field.empty()) {
    google::rpc::BadRequest bad;
    auto* v = bad.add_field_violations();
    v->set_field(bad_field);
    v->set_description(message);
    st.add_details()->PackFrom(bad);
  }
  if (retry_ms) {
    google::rpc::RetryInfo ri;
    ri.mutable_retry_delay()->set_seconds(*retry_ms / 1000);
    ri.mutable_retry_delay()->set_nanos((*retry_ms % 1000) * 1000000);
    st.add_details()->PackFrom(ri);
  }
  return st.SerializeAsString();
}

TEST(Error, DecodesErrorInfoAndBadRequest) {
  std::string msg = "payment_method.card.number: fails the Luhn check (4111111111111112)";
  grpc::Status s(grpc::StatusCode::INVALID_ARGUMENT, msg,
                 details(3, msg, "INVALID_FIELD",
                         {{"connector", "adyen"},
                          {"flow", "authorize"},
                          {"field", "payment_method.card.number"},
                          {"retryable", "false"}},
                         "payment_method.card.number", std::nullopt));
  auto e = error::from_grpc_status(s);
  EXPECT_EQ(e.code, grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(e.reason, "INVALID_FIELD");
  ASSERT_TRUE(e.reason_enum);
  EXPECT_EQ(*e.reason_enum, connectorservice::v1::ERROR_REASON_INVALID_FIELD);
  EXPECT_EQ(e.domain, "connectorservice.v1");
  EXPECT_EQ(e.field, "payment_method.card.number");
  ASSERT_EQ(e.field_violations.size(), 1u);
  EXPECT_EQ(e.field_violations[0].field, "payment_method.card.number");
  EXPECT_EQ(e.connector(), "adyen");
  EXPECT_EQ(e.flow(), "authorize");
  EXPECT_FALSE(e.retryable);
  EXPECT_FALSE(e.retry_delay);
  EXPECT_FALSE(e.outcome_unknown());
  EXPECT_TRUE(e.has_error_info);
  // A card number echoed in a message is masked in everything the error keeps.
  EXPECT_EQ(e.message.find("4111111111111112"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("411111\u20261112"), std::string::npos) << e.message;
  EXPECT_EQ(e.field_violations[0].description.find("4111111111111112"), std::string::npos);
  EXPECT_EQ(e.to_string().find("4111111111111112"), std::string::npos);
}

TEST(Error, RetryableWithRetryInfoAndProcessorFields) {
  grpc::Status s(
      grpc::StatusCode::UNAVAILABLE, "circuit open",
      details(14, "circuit open", "CIRCUIT_OPEN",
              {{"retryable", "true"}, {"processorCode", "503"}, {"processorMessage", "try later"}},
              "", 1500));
  auto e = error::from_grpc_status(s);
  EXPECT_EQ(*e.reason_enum, connectorservice::v1::ERROR_REASON_CIRCUIT_OPEN);
  EXPECT_TRUE(e.retryable);
  ASSERT_TRUE(e.retry_delay);
  EXPECT_EQ(e.retry_delay->count(), 1500);
  EXPECT_EQ(e.processor_code, "503");
  EXPECT_EQ(e.processor_message, "try later");
  EXPECT_TRUE(e.field.empty());
}

TEST(Error, OutcomeUnknownAndUnknownReason) {
  auto e = error::from_grpc_status(
      grpc::Status(grpc::StatusCode::UNKNOWN, "?",
                   details(2, "?", "OUTCOME_UNKNOWN", {{"retryable", "true"}}, "", std::nullopt)));
  EXPECT_TRUE(e.outcome_unknown());
  // A reason a newer service added: kept as text, no enum value.
  auto n = error::from_grpc_status(
      grpc::Status(grpc::StatusCode::INTERNAL, "new",
                   details(13, "new", "SOMETHING_NEW", {}, "", std::nullopt)));
  EXPECT_EQ(n.reason, "SOMETHING_NEW");
  EXPECT_FALSE(n.reason_enum);
}

TEST(Error, TransportErrorWithoutDetails) {
  auto e = error::from_grpc_status(grpc::Status(grpc::StatusCode::DEADLINE_EXCEEDED, "late"));
  EXPECT_EQ(e.reason, "DEADLINE_EXCEEDED");
  EXPECT_FALSE(e.reason_enum);
  EXPECT_FALSE(e.has_error_info);
  EXPECT_TRUE(e.outcome_unknown());  // it may have reached the service
  auto u = error::from_grpc_status(grpc::Status(grpc::StatusCode::UNAVAILABLE, "down"));
  EXPECT_FALSE(u.outcome_unknown());
  EXPECT_FALSE(u.retryable);  // only the service says what is safe to resend
  auto garbage = error::from_grpc_status(
      grpc::Status(grpc::StatusCode::INTERNAL, "bad details", std::string("\xff\xff\xff", 3)));
  EXPECT_EQ(garbage.reason, "INTERNAL");
}

TEST(Error, Scrub) {
  EXPECT_EQ(cs::sdk::scrub("card 4242 4242 4242 4242 refused"), "card 424242\u20264242 refused");
  EXPECT_EQ(cs::sdk::scrub("order 12345, amount 2500"), "order 12345, amount 2500");
}

}  // namespace
