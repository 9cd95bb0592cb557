#include "cs/sdk/redact.hpp"

#include <google/protobuf/descriptor.h>

#include "connectorservice/v1/common.pb.h"

namespace cs::sdk {

namespace pb = google::protobuf;
namespace v1 = connectorservice::v1;

namespace {

std::string mask_number(const std::string& number) {
  std::string digits;
  for (char c : number)
    if (c >= '0' && c <= '9') digits += c;
  if (digits.size() >= 12) return digits.substr(0, 6) + "\u2026" + digits.substr(digits.size() - 4);
  return number.empty() ? std::string{} : std::string{redacted};
}

void mask(std::string* s) {
  if (!s->empty()) *s = redacted;
}

}  // namespace

void redact_in_place(pb::Message& message) {
  // By reflection, so that a message type added later is walked without a change here.
  const auto* d = message.GetDescriptor();
  const auto* r = message.GetReflection();
  if (d == v1::Card::descriptor()) {
    const auto* number = d->FindFieldByName("number");
    const auto* cvc = d->FindFieldByName("cvc");
    r->SetString(&message, number, mask_number(r->GetString(message, number)));
    std::string c = r->GetString(message, cvc);
    mask(&c);
    r->SetString(&message, cvc, c);
    return;
  }
  if (d == v1::ApplePay::descriptor() || d == v1::GooglePay::descriptor()) {
    const auto* token = d->FindFieldByName("payment_token");
    std::string t = r->GetString(message, token);
    mask(&t);
    r->SetString(&message, token, t);
    return;
  }
  std::vector<const pb::FieldDescriptor*> fields;
  r->ListFields(message, &fields);
  for (const auto* f : fields) {
    if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (f->is_repeated()) {
      // Map fields are repeated entry messages; walking them reaches message values too.
      for (int i = 0; i < r->FieldSize(message, f); ++i)
        redact_in_place(*r->MutableRepeatedMessage(&message, f, i));
    } else {
      redact_in_place(*r->MutableMessage(&message, f));
    }
  }
}

std::string redacted_text(const pb::Message& message) {
  std::unique_ptr<pb::Message> copy(message.New());
  copy->CopyFrom(message);
  redact_in_place(*copy);
  return message.GetDescriptor()->name() + "{" + copy->ShortDebugString() + "}";
}

}  // namespace cs::sdk
