#include "../ids.hpp"
#include "adyen_sim.hpp"

#include <algorithm>
#include <array>

namespace processor_sim::adyen {
namespace {

struct outcome {
  std::string_view test_value, result_code, reason, code;
};

// Adyen's test values (holderName or additionalData.RequestedTestAcquirerResponseCode).
constexpr std::array<outcome, 15> outcomes{{
    {"DECLINED", "Refused", "Refused", "2"},
    {"REFERRAL", "Refused", "Referral", "3"},
    {"ERROR", "Error", "Acquirer Error", "4"},
    {"BLOCK_CARD", "Refused", "Blocked Card", "5"},
    {"CARD_EXPIRED", "Refused", "Expired Card", "6"},
    {"INVALID_AMOUNT", "Refused", "Invalid Amount", "7"},
    {"INVALID_CARD_NUMBER", "Refused", "Invalid Card Number", "8"},
    {"ISSUER_UNAVAILABLE", "Refused", "Issuer Unavailable", "9"},
    {"NOT_SUPPORTED", "Refused", "Not supported", "10"},
    {"NOT_3D_AUTHENTICATED", "Refused", "3D Not Authenticated", "11"},
    {"NOT_ENOUGH_BALANCE", "Refused", "Not enough balance", "12"},
    {"ACQUIRER_FRAUD", "Refused", "Acquirer Fraud", "14"},
    {"CANCELLED", "Refused", "Cancelled", "15"},
    {"SHOPPER_CANCELLED", "Refused", "Shopper Cancelled", "16"},
    {"PENDING", "Received", "", ""},
}};

}  // namespace

bool simulator::refusal_test_value(std::string_view test_value) {
  return std::any_of(outcomes.begin(), outcomes.end(), [&](const outcome& o) {
    return o.test_value == test_value && o.result_code != "Received";
  });
}

sim_response simulator::create_payment(const sim_request& req, const boost::json::object& body) {
  const std::string merchant = str(body, "merchantAccount");
  if (merchant.empty()) {
    return error(422, "901", "Required field 'merchantAccount' is not provided.");
  }
  if (!body.contains("amount"))
    return error(422, "100", "Required field 'amount' is not provided.");
  auto value = read_amount(body);
  if (!value) return error(422, "137", "Invalid amount specified");
  const std::string reference = str(body, "reference");
  if (reference.empty()) return error(422, "130", "Required field 'reference' is not provided.");
  const auto* method = obj(body, "paymentMethod");
  if (!method) return error(422, "14_004", "Required object 'paymentMethod' is not provided.");
  const auto* additional = obj(body, "additionalData");

  payment p;
  p.merchant_account = merchant;
  p.reference = reference;
  p.authorised = *value;
  p.idempotency_key = req.header("idempotency-key");
  p.manual_capture = flag(additional, "manualCapture");
  p.return_url = str(body, "returnUrl");
  p.shopper_reference = str(body, "shopperReference");
  const auto* store = body.if_contains("storePaymentMethod");
  p.store_method = store && store->is_bool() && store->as_bool() && !p.shopper_reference.empty();

  const std::string stored_id = str(*method, "storedPaymentMethodId");
  if (!stored_id.empty()) {
    auto it = stored_methods_.find(stored_id);
    if (it == stored_methods_.end() || it->second.shopper_reference != p.shopper_reference ||
        it->second.merchant_account != merchant) {
      return error(422, "803", "PaymentDetail not found");
    }
    if (str(body, "shopperInteraction") != "ContAuth") {
      return error(422, "14_030",
                   "shopperInteraction must be ContAuth for a stored payment method");
    }
    p.brand = it->second.brand;
    p.store_method = false;
  } else if (is_debit_type(str(*method, "type"))) {
    if (auto bad = read_debit_method(*method, *value, p)) return *bad;
  } else if (is_redirect_type(str(*method, "type"))) {
    if (auto bad = read_redirect_method(*method, body, *value, p)) return *bad;
  } else if (auto bad = read_card_method(*method, body, p)) {
    return *bad;
  }

  std::string test_value = additional ? str(*additional, "RequestedTestAcquirerResponseCode") : "";
  if (test_value.empty()) test_value = str(*method, p.is_debit() ? "ownerName" : "holderName");

  p.psp_reference = new_psp_reference();
  if (p.is_debit()) {
    p.result_code = "Received";  // the bank answers later: settle_on_test_value or the control
  } else if (p.is_redirect_method() || test_value == "3DS_CHALLENGE" || test_value == "3DS_FAIL") {
    if (p.return_url.empty()) {
      return error(422, "14_006", "Required field 'returnUrl' is not provided.");
    }
    p.result_code = "RedirectShopper";
    p.redirect_fails = test_value == "3DS_FAIL";
    p.redirect_token = random_alnum(24);
    redirect_pages_[p.redirect_token] = p.psp_reference;
  } else {
    apply_outcome(p, test_value);
  }
  auto& saved = payments_[p.psp_reference] = std::move(p);
  count_charge(saved);
  if (saved.result_code != "RedirectShopper") {
    store_method_if_requested(saved);
    notify_authorisation(saved);
  }
  auto reply = payment_reply(saved);
  if (saved.is_debit()) settle_on_test_value(saved, test_value);  // after the Received reply
  return reply;
}

void simulator::apply_outcome(payment& p, const std::string& test_value) {
  p.result_code = "Authorised";
  for (const auto& o : outcomes) {
    if (o.test_value != test_value) continue;
    p.result_code = o.result_code;
    p.refusal_reason = o.reason;
    p.refusal_reason_code = o.code;
  }
}

void simulator::store_method_if_requested(payment& p) {
  if (!p.store_method || !p.is_authorised() || !p.stored_method_token.empty()) return;
  p.stored_method_token = random_alnum(16);
  stored_methods_[p.stored_method_token] = {p.stored_method_token, p.shopper_reference,
                                            p.merchant_account, p.brand};
  notification n;
  n.event_code = "RECURRING_CONTRACT";
  n.psp_reference = p.stored_method_token;
  n.original_reference = p.psp_reference;
  n.merchant_account = p.merchant_account;
  n.merchant_reference = p.reference;
  n.payment_method = p.brand;
  n.value = p.authorised;
  n.additional_data = {{"shopperReference", p.shopper_reference}};
  notify(std::move(n));
}

std::string simulator::notify_authorisation(const payment& p) {
  if (p.result_code == "Received" || p.result_code == "RedirectShopper") return {};  // not final
  notification n;
  n.event_code = "AUTHORISATION";
  n.psp_reference = p.psp_reference;
  n.merchant_account = p.merchant_account;
  n.merchant_reference = p.reference;
  n.payment_method = p.brand;
  n.value = p.authorised;
  n.success = p.is_authorised();
  n.reason = p.refusal_reason;
  if (n.success) {
    n.operations = p.manual_capture ? std::vector<std::string>{"CANCEL", "CAPTURE", "REFUND"}
                                    : std::vector<std::string>{"REFUND"};
  }
  if (!p.stored_method_token.empty()) {
    n.additional_data = {{"recurring.recurringDetailReference", p.stored_method_token},
                         {"recurring.shopperReference", p.shopper_reference}};
  }
  return notify(std::move(n));
}

sim_response simulator::payment_reply(payment& p) {
  boost::json::object out;
  if (p.result_code == "RedirectShopper") {
    out["resultCode"] = "RedirectShopper";
    const char* page = p.is_redirect_method() ? "/adyen/hpp/redirect?ref=" : "/adyen/hpp/3ds?ref=";
    out["action"] = {{"paymentMethodType", p.method_type},
                     {"url", ctx_.public_base_url + page + p.redirect_token},
                     {"method", "GET"},
                     {"type", "redirect"}};
    return json_response(200, out);
  }
  if (!p.stored_method_token.empty()) {
    out["additionalData"] = {{"recurring.recurringDetailReference", p.stored_method_token},
                             {"recurring.shopperReference", p.shopper_reference}};
  }
  out["amount"] = amount_json(p.authorised);
  out["merchantReference"] = p.reference;
  // The spec's ResponsePaymentMethod: brand "only returned if paymentMethod.type is scheme".
  if (p.method_type == "scheme") {
    out["paymentMethod"] = {{"brand", p.brand}, {"type", p.method_type}};
  } else {
    out["paymentMethod"] = {{"type", p.method_type}};
  }
  out["pspReference"] = p.psp_reference;
  if (!p.refusal_reason.empty()) {
    out["refusalReason"] = p.refusal_reason;
    out["refusalReasonCode"] = p.refusal_reason_code;
  }
  out["resultCode"] = p.result_code;
  return json_response(200, out);
}

sim_response simulator::payment_details(const boost::json::object& body) {
  const auto* details = obj(body, "details");
  const std::string redirect_result = details ? str(*details, "redirectResult") : "";
  auto it = redirect_results_.find(redirect_result);
  if (redirect_result.empty() || it == redirect_results_.end()) {
    return error(422, "14_018", "Invalid payload provided");
  }
  payment& p = payments_.at(it->second);
  if (p.result_code == "RedirectShopper" && p.is_redirect_method()) {
    finish_redirect(p);
    notify_authorisation(p);
  } else if (p.result_code == "RedirectShopper") {
    apply_outcome(p, p.redirect_fails ? "NOT_3D_AUTHENTICATED" : "APPROVED");
    store_method_if_requested(p);
    notify_authorisation(p);
  }
  return payment_reply(p);
}

sim_response simulator::redirect_page(const sim_request& req) {
  auto ref = req.query.find("ref");
  auto it = ref == req.query.end() ? redirect_pages_.end() : redirect_pages_.find(ref->second);
  if (it == redirect_pages_.end()) return text_response(404, "unknown 3DS session");
  payment& p = payments_.at(it->second);
  return back_to_shop(p);
}

sim_response simulator::back_to_shop(payment& p) {
  if (p.redirect_result.empty()) {
    p.redirect_result = random_alnum(40);
    redirect_results_[p.redirect_result] = p.psp_reference;
  }
  const char separator = p.return_url.find('?') == std::string::npos ? '?' : '&';
  sim_response r = text_response(302, "");
  r.headers.emplace_back("Location",
                         p.return_url + separator + "redirectResult=" + p.redirect_result);
  return r;
}

sim_response simulator::delete_stored_method(const sim_request& req, const std::string& id) {
  auto get = [&](const char* key) {
    auto it = req.query.find(key);
    return it == req.query.end() ? std::string{} : it->second;
  };
  auto it = stored_methods_.find(id);
  if (it == stored_methods_.end() || it->second.shopper_reference != get("shopperReference") ||
      it->second.merchant_account != get("merchantAccount")) {
    return error(422, "803", "PaymentDetail not found");
  }
  stored_methods_.erase(it);
  sim_response r;
  r.status = 204;
  return r;
}

}  // namespace processor_sim::adyen
