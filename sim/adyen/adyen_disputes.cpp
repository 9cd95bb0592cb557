#include "adyen_sim.hpp"

#include <openssl/evp.h>

#include <array>

namespace processor_sim::adyen {
namespace {

constexpr std::array<std::string_view, 3> defense_reasons{
    "GoodsOrServicesProvided", "SupplyDefenseMaterial", "ServicesProvided"};

bool valid_base64(const std::string& text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/' || c == '=';
    if (!ok) return false;
  }
  std::string out(text.size(), '\0');
  return EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                         reinterpret_cast<const unsigned char*>(text.data()),
                         static_cast<int>(text.size())) >= 0;
}

sim_response result(bool success, const std::string& message = {}) {
  boost::json::object r{{"success", success}};
  if (!success) r["errorMessage"] = message;
  return json_response(200, boost::json::object{{"disputeServiceResult", std::move(r)}});
}

}  // namespace

sim_response simulator::dispute_service(const std::string& operation,
                                        const boost::json::object& body) {
  static const std::array<std::string_view, 4> operations{"acceptDispute", "defendDispute",
                                                          "supplyDefenseDocument",
                                                          "retrieveApplicableDefenseReasons"};
  if (std::find(operations.begin(), operations.end(), operation) == operations.end()) {
    return error(404, "000", "HTTP Status Response - Not Found");
  }
  if (str(body, "merchantAccountCode").empty()) {
    return result(false, "Required field 'merchantAccountCode' is not provided");
  }
  auto it = disputes_.find(str(body, "disputePspReference"));
  if (it == disputes_.end()) return result(false, "Could not find dispute");
  dispute& d = it->second;
  const payment& p = payments_.at(d.payment_psp_reference);
  if (p.merchant_account != str(body, "merchantAccountCode")) {
    return result(false, "Could not find dispute");
  }

  if (operation == "retrieveApplicableDefenseReasons") {
    boost::json::array reasons;
    for (auto code : defense_reasons) {
      reasons.push_back(
          {{"defenseDocumentTypes", boost::json::array{{{"available", false},
                                                        {"defenseDocumentTypeCode", "TIDorInvoice"},
                                                        {"requirementLevel", "Optional"}}}},
           {"defenseReasonCode", code},
           {"satisfied", false}});
    }
    auto r = result(true);
    auto out = boost::json::parse(r.body).as_object();
    out["defenseReasons"] = std::move(reasons);
    return json_response(200, out);
  }
  if (d.status == "Accepted") return result(false, "Dispute is already accepted");
  if (d.status == "Pending") return result(false, "Dispute is already defended");

  if (operation == "acceptDispute") {
    d.status = "Accepted";
    notification n;
    n.event_code = "CHARGEBACK";
    n.psp_reference = d.psp_reference;
    n.original_reference = d.payment_psp_reference;
    n.merchant_account = p.merchant_account;
    n.merchant_reference = p.reference;
    n.payment_method = p.brand;
    n.value = d.value;
    n.additional_data = {{"disputeStatus", "Accepted"}};
    notify(std::move(n));
    return result(true);
  }
  if (operation == "defendDispute") {
    const std::string code = str(body, "defenseReasonCode");
    if (std::find(defense_reasons.begin(), defense_reasons.end(), code) == defense_reasons.end()) {
      return result(false, "Invalid defense reason code");
    }
    d.defense_reason = code;
    d.status = "Pending";
    return result(true);
  }
  // supplyDefenseDocument
  const auto* docs = body.if_contains("defenseDocuments");
  if (!docs || !docs->is_array() || docs->as_array().empty()) {
    return result(false, "Required field 'defenseDocuments' is not provided");
  }
  std::vector<std::string> types;
  for (const auto& doc : docs->as_array()) {
    if (!doc.is_object()) return result(false, "Invalid defense document");
    const auto& o = doc.as_object();
    if (str(o, "contentType").empty() || str(o, "defenseDocumentTypeCode").empty()) {
      return result(false, "Required defense document field is not provided");
    }
    if (!valid_base64(str(o, "content"))) return result(false, "Invalid base64 content");
    types.push_back(str(o, "defenseDocumentTypeCode"));
  }
  d.document_types.insert(d.document_types.end(), types.begin(), types.end());
  return result(true);
}

sim_response simulator::create_chargeback(const boost::json::object& body) {
  auto it = payments_.find(str(body, "pspReference"));
  if (it == payments_.end()) return json_response(404, {{"error", "unknown payment"}});
  const payment& p = it->second;
  if (!p.is_authorised() || p.captured_total() == 0) {
    return json_response(422, {{"error", "payment is not captured"}});
  }
  dispute d;
  d.psp_reference = new_psp_reference();
  d.payment_psp_reference = p.psp_reference;
  d.value = {p.authorised.currency, p.captured_total()};
  disputes_[d.psp_reference] = d;

  notification n;
  n.event_code = "NOTIFICATION_OF_CHARGEBACK";
  n.psp_reference = d.psp_reference;
  n.original_reference = p.psp_reference;
  n.merchant_account = p.merchant_account;
  n.merchant_reference = p.reference;
  n.payment_method = p.brand;
  n.value = d.value;
  n.reason = "Fraudulent transaction";
  n.additional_data = {{"chargebackReasonCode", "10.4"}, {"disputeStatus", "Undefended"}};
  notify(std::move(n));
  return json_response(200, {{"disputePspReference", d.psp_reference}});
}

boost::json::object simulator::payment_state(const payment& p) const {
  std::string status;
  if (p.result_code != "Authorised") {
    status = p.result_code;
  } else if (p.cancelled) {
    status = "cancelled";
  } else if (p.refunded > 0) {
    status = p.refunded >= p.captured_total() ? "refunded" : "partially_refunded";
  } else if (p.captured_total() > 0) {
    status = p.captured_total() >= p.authorised.value ? "captured" : "partially_captured";
  } else {
    status = "authorised";
  }
  boost::json::array mods;
  for (const auto& m : p.modifications) {
    mods.push_back({{"pspReference", m.psp_reference},
                    {"kind", m.kind},
                    {"reference", m.reference},
                    {"amount", amount_json(m.value)},
                    {"success", m.success},
                    {"reason", m.reason}});
  }
  unsigned key_charges = 0;
  if (auto it = idempotency_.find(p.idempotency_key); it != idempotency_.end()) {
    key_charges = it->second.charges;
  }
  return {{"pspReference", p.psp_reference},
          {"merchantAccount", p.merchant_account},
          {"reference", p.reference},
          {"resultCode", p.result_code},
          {"paymentMethod", {{"type", p.method_type}, {"brand", p.brand}}},
          {"status", status},
          {"manualCapture", p.manual_capture},
          {"currency", p.authorised.currency},
          {"authorised", p.is_authorised() ? p.authorised.value : 0},
          {"captured", p.is_authorised() ? p.captured_total() : 0},
          {"refunded", p.refunded},
          {"cancelled", p.cancelled},
          {"idempotencyKey", p.idempotency_key},
          {"chargesForIdempotencyKey", key_charges},
          {"modifications", std::move(mods)}};
}

}  // namespace processor_sim::adyen
