#pragma once
// The simulator's in-memory view of Adyen objects.

#include "adyen_json.hpp"

#include <map>
#include <string>
#include <vector>

namespace processor_sim::adyen {

struct modification {
  std::string psp_reference, kind, reference;  // kind: capture, refund, cancel, reversal
  amount value;
  bool success = false;
  std::string reason;
};

struct payment {
  std::string psp_reference, merchant_account, reference, brand, idempotency_key;
  // The request's paymentMethod.type (scheme, applepay, googlepay, networkToken,
  // sepadirectdebit, ach, ideal, klarna…), echoed in the reply; `brand` is what notifications name
  // (visa, visa_applepay, mc_googlepay, sepadirectdebit, ach…).
  std::string method_type = "scheme";
  amount authorised;
  std::string result_code;  // Authorised, Refused, Error, Received, RedirectShopper
  std::string refusal_reason, refusal_reason_code;
  bool manual_capture = false;
  std::int64_t captured = 0, refunded = 0;
  bool cancelled = false;
  std::string shopper_reference, stored_method_token;  // token created by this payment
  bool store_method = false;
  // Redirect flow (3DS, iDEAL, Klarna); redirect_outcome is what the shopper chose on the
  // iDEAL / Klarna page: approve, fail or cancel.
  std::string return_url, redirect_token, redirect_result, redirect_outcome;
  bool redirect_fails = false;
  std::vector<modification> modifications;

  std::int64_t captured_total() const { return manual_capture ? captured : authorised.value; }
  bool is_authorised() const { return result_code == "Authorised"; }
  bool is_debit() const { return method_type == "sepadirectdebit" || method_type == "ach"; }
  bool is_redirect_method() const {
    return method_type == "ideal" || method_type.rfind("klarna", 0) == 0;
  }
};

struct dispute {
  std::string psp_reference, payment_psp_reference;
  amount value;
  std::string status = "Undefended";  // Undefended, Accepted, Pending (defended)
  std::string defense_reason;
  std::vector<std::string> document_types;
};

struct stored_method {
  std::string token, shopper_reference, merchant_account, brand;
};

struct idempotent_reply {
  std::string fingerprint;  // method + path + body
  int status = 0;
  std::string body;
  unsigned charges = 0;
};

}  // namespace processor_sim::adyen
