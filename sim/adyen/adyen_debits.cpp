// SEPA Direct Debit (type sepadirectdebit) and ACH Direct Debit (type ach) at /payments: Adyen's
// checks of the bank details (its error codes), then resultCode Received: the debit waits for the
// bank. It settles by the control route POST /_sim/adyen/payments/{psp}/settle, or right after
// the reply when ownerName (or additionalData.RequestedTestAcquirerResponseCode) is a test value;
// settling sends the AUTHORISATION notification with the bank's answer. The IBAN and account
// number are checked here and never kept: the payment keeps only the method type.
#include "adyen_sim.hpp"

#include <algorithm>

namespace processor_sim::adyen {
namespace {

bool ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
bool ascii_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool ascii_letter(char c) {
  return ascii_upper(c) || (c >= 'a' && c <= 'z');
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), ascii_digit);
}

// ISO 13616: two letters, two check digits, 15-34 characters, mod 97 of the rearranged number
// (letters count 10..35) equal to 1. The simulator's own check, not the service's.
bool iban_checks(const std::string& iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  if (!ascii_upper(iban[0]) || !ascii_upper(iban[1]) || !ascii_digit(iban[2]) ||
      !ascii_digit(iban[3]))
    return false;
  int rest = 0;
  for (char c : iban.substr(4) + iban.substr(0, 4)) {
    if (ascii_digit(c)) {
      rest = (rest * 10 + (c - '0')) % 97;
    } else if (ascii_upper(c)) {
      rest = (rest * 100 + (c - 'A' + 10)) % 97;
    } else {
      return false;
    }
  }
  return rest == 1;
}

// An ABA routing number: nine digits, 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).
bool aba_checks(const std::string& routing) {
  if (routing.size() != 9 || !all_digits(routing)) return false;
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i)
    sum += (routing[i] - '0') * (i % 3 == 0 ? 3 : i % 3 == 1 ? 7 : 1);
  return sum % 10 == 0;
}

// AchDetails.ownerName: "at least three alphanumeric characters, at least one of them a Latin
// letter" (Adyen transliterates other scripts first; the simulator does not).
bool owner_name_ok(const std::string& name) {
  const auto alnum = std::count_if(name.begin(), name.end(),
                                   [](char c) { return ascii_digit(c) || ascii_letter(c); });
  return alnum >= 3 && std::any_of(name.begin(), name.end(), ascii_letter);
}

sim_response owner_name_error(const std::string& name) {
  if (name.empty()) return error(422, "127", "Required field 'accountHolderName' is not provided.");
  return error(422, "203", "Invalid bank account holder name");
}

bool one_of(const std::string& v, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

}  // namespace

bool simulator::is_debit_type(const std::string& type) {
  return type == "sepadirectdebit" || type == "ach";
}

std::optional<sim_response> simulator::read_debit_method(const boost::json::object& method,
                                                         const amount& value, payment& p) {
  const std::string type = str(method, "type");
  const std::string owner = str(method, "ownerName");
  if (type == "sepadirectdebit") {
    if (value.currency != "EUR") return error(422, "138", "Unsupported currency specified");
    if (!iban_checks(str(method, "iban"))) return error(422, "161", "Invalid iban");
  } else {
    if (value.currency != "USD") return error(422, "138", "Unsupported currency specified");
    const std::string number = str(method, "bankAccountNumber");
    if (!all_digits(number) || number.size() < 4 || number.size() > 17)
      return error(422, "108", "Invalid bankaccount number");
    if (!aba_checks(str(method, "bankLocationId")))
      return error(422, "126", "Bank Account or Bank Location Id not valid or missing");
    const std::string account_type = str(method, "bankAccountType");
    const std::string holder_type = str(method, "accountHolderType");
    if ((!account_type.empty() &&
         !one_of(account_type,
                 {"balance", "checking", "deposit", "general", "other", "payment", "savings"})) ||
        (!holder_type.empty() && !one_of(holder_type, {"business", "personal"})))
      return error(422, "14_005", "Invalid payment method details");
  }
  if (!owner_name_ok(owner)) return owner_name_error(owner);
  p.method_type = type;
  p.brand = type;  // notifications name the method: sepadirectdebit, ach
  return std::nullopt;
}

void simulator::settle_on_test_value(payment& p, const std::string& test_value) {
  if (test_value == "SETTLED") {
    settle(p, true, {});
  } else if (refusal_test_value(test_value)) {
    settle(p, false, test_value);
  }
}

std::string simulator::settle(payment& p, bool success, const std::string& test_value) {
  if (success) {
    p.result_code = "Authorised";
  } else {
    apply_outcome(p, test_value.empty() ? "NOT_ENOUGH_BALANCE" : test_value);
  }
  store_method_if_requested(p);
  return notify_authorisation(p);
}

sim_response simulator::settle_debit(const std::string& psp, const boost::json::object& body) {
  auto it = payments_.find(psp);
  if (it == payments_.end()) return json_response(404, {{"error", "unknown payment"}});
  payment& p = it->second;
  if (!p.is_debit() || p.result_code != "Received")
    return json_response(422, {{"error", "not a direct debit waiting for the bank"}});
  const std::string outcome = str(body, "outcome");
  const std::string reason = str(body, "reason");
  if (outcome != "success" && outcome != "failure")
    return json_response(400, {{"error", "outcome must be \"success\" or \"failure\""}});
  if (outcome == "failure" && !reason.empty() && !refusal_test_value(reason))
    return json_response(400, {{"error",
                                "reason must be a refusing test value, e.g. "
                                "NOT_ENOUGH_BALANCE"}});
  const std::string sent = settle(p, outcome == "success", reason);
  boost::system::error_code ec;
  auto notification = boost::json::parse(sent, ec);
  boost::json::object out = payment_state(p);
  out["notification"] = ec ? boost::json::value() : std::move(notification);
  return json_response(200, out);
}

}  // namespace processor_sim::adyen
