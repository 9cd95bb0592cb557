#include "cs/sdk/redact.hpp"

#include <google/protobuf/descriptor.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "connectorservice/v1/common.pb.h"

namespace cs::sdk {

namespace pb = google::protobuf;
namespace v1 = connectorservice::v1;

namespace {

std::string keep(const std::string& s, int (*pred)(int)) {
  std::string out;
  for (char c : s)
    if (pred(static_cast<unsigned char>(c))) out += c;
  return out;
}

std::string mask_number(const std::string& number) {
  std::string digits = keep(number, [](int c) { return std::isdigit(c); });
  if (digits.size() >= 12) return digits.substr(0, 6) + "\u2026" + digits.substr(digits.size() - 4);
  return number.empty() ? std::string{} : std::string{redacted};
}

// Country code and check digits, then the last four: "NL91…4300". The shortest IBAN (Norway)
// has 15 characters, so at least seven stay hidden; anything shorter is not shown at all.
std::string mask_iban(const std::string& iban) {
  std::string compact = keep(iban, [](int c) { return std::isalnum(c); });
  std::transform(compact.begin(), compact.end(), compact.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (compact.size() >= 15)
    return compact.substr(0, 4) + "\u2026" + compact.substr(compact.size() - 4);
  return iban.empty() ? std::string{} : std::string{redacted};
}

// "…6789"; fewer than six characters would leave too little hidden.
std::string mask_account_number(const std::string& number) {
  std::string compact = keep(number, [](int c) { return std::isalnum(c); });
  if (compact.size() >= 6) return "\u2026" + compact.substr(compact.size() - 4);
  return number.empty() ? std::string{} : std::string{redacted};
}

std::string mask_secret(const std::string& s) {
  return s.empty() ? s : std::string{redacted};
}

// One secret field of a message type and how it is shown.
struct secret_field {
  const pb::Descriptor* type;
  const char* field;
  std::string (*mask)(const std::string&);
};

const std::vector<secret_field>& secret_fields() {
  static const std::vector<secret_field> fields{
      {v1::Card::descriptor(), "number", mask_number},
      {v1::Card::descriptor(), "cvc", mask_secret},
      {v1::NetworkToken::descriptor(), "number", mask_number},
      {v1::NetworkToken::descriptor(), "cryptogram", mask_secret},
      {v1::SepaDebit::descriptor(), "iban", mask_iban},
      {v1::AchDebit::descriptor(), "account_number", mask_account_number},
      // Members of the wallets' oneof `data`, beside the NetworkToken `decrypted`.
      {v1::ApplePay::descriptor(), "payment_token", mask_secret},
      {v1::GooglePay::descriptor(), "payment_token", mask_secret},
  };
  return fields;
}

// Calls f(field descriptor) for each secret field that is set (non-empty) in `message`, and
// visit(sub-message) for each message field, repeated and map entries included.
template <class OnSecret, class OnMessage>
void for_each_field(const pb::Message& message, OnSecret on_secret, OnMessage on_message) {
  const auto* d = message.GetDescriptor();
  const auto* r = message.GetReflection();
  std::vector<const pb::FieldDescriptor*> fields;
  r->ListFields(message, &fields);  // set fields only: a oneof's other arms are not listed
  for (const auto* f : fields) {
    if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE) {
      on_message(f);
      continue;
    }
    if (f->cpp_type() != pb::FieldDescriptor::CPPTYPE_STRING || f->is_repeated()) continue;
    for (const auto& s : secret_fields())
      if (s.type == d && f->name() == s.field) on_secret(f, s);
  }
}

}  // namespace

void redact_in_place(pb::Message& message) {
  // By reflection, so that a message type added later is walked without a change here.
  const auto* r = message.GetReflection();
  for_each_field(
      message,
      [&](const pb::FieldDescriptor* f, const secret_field& s) {
        std::string value = r->GetString(message, f);
        if (!value.empty()) r->SetString(&message, f, s.mask(value));
      },
      [&](const pb::FieldDescriptor* f) {
        if (f->is_repeated()) {
          // Map fields are repeated entry messages; walking them reaches message values too.
          for (int i = 0; i < r->FieldSize(message, f); ++i)
            redact_in_place(*r->MutableRepeatedMessage(&message, f, i));
        } else {
          redact_in_place(*r->MutableMessage(&message, f));
        }
      });
}

namespace {

void collect_secrets(const pb::Message& message, std::vector<std::string>& out) {
  const auto* r = message.GetReflection();
  for_each_field(
      message,
      [&](const pb::FieldDescriptor* f, const secret_field&) {
        std::string value = r->GetString(message, f);
        if (!value.empty()) out.push_back(std::move(value));
      },
      [&](const pb::FieldDescriptor* f) {
        if (f->is_repeated()) {
          for (int i = 0; i < r->FieldSize(message, f); ++i)
            collect_secrets(r->GetRepeatedMessage(message, f, i), out);
        } else {
          collect_secrets(r->GetMessage(message, f), out);
        }
      });
}

}  // namespace

std::vector<std::string> secrets_of(const pb::Message& message) {
  std::vector<std::string> out;
  collect_secrets(message, out);
  return out;
}

std::string redacted_text(const pb::Message& message) {
  std::unique_ptr<pb::Message> copy(message.New());
  copy->CopyFrom(message);
  redact_in_place(*copy);
  return message.GetDescriptor()->name() + "{" + copy->ShortDebugString() + "}";
}

}  // namespace cs::sdk
