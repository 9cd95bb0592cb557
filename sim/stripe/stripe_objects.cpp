#include "stripe_objects.hpp"

#include <boost/json.hpp>

#include <array>
#include <chrono>
#include <string_view>

namespace processor_sim::stripe {
namespace {

constexpr std::array<std::string_view, 27> evidence_fields{"access_activity_log",
                                                           "billing_address",
                                                           "cancellation_policy",
                                                           "cancellation_policy_disclosure",
                                                           "cancellation_rebuttal",
                                                           "customer_communication",
                                                           "customer_email_address",
                                                           "customer_name",
                                                           "customer_purchase_ip",
                                                           "customer_signature",
                                                           "duplicate_charge_documentation",
                                                           "duplicate_charge_explanation",
                                                           "duplicate_charge_id",
                                                           "product_description",
                                                           "receipt",
                                                           "refund_policy",
                                                           "refund_policy_disclosure",
                                                           "refund_refusal_explanation",
                                                           "service_date",
                                                           "service_documentation",
                                                           "shipping_address",
                                                           "shipping_carrier",
                                                           "shipping_date",
                                                           "shipping_documentation",
                                                           "shipping_tracking_number",
                                                           "uncategorized_file",
                                                           "uncategorized_text"};

// card.wallet of PaymentMethods and charges: null, or the wallet the card came from (the spec's
// payment_method_card_wallet; last4 and dynamic_last4 are both the DPAN's, the sim knows no FPAN).
boost::json::value wallet_json(const payment_method& pm) {
  if (pm.wallet.empty()) return nullptr;
  return boost::json::object{
      {pm.wallet, boost::json::object{}}, {"dynamic_last4", pm.last4}, {"type", pm.wallet}};
}

boost::json::object card_details(const payment_method& pm) {
  return {{"brand", pm.brand},       {"country", "US"},          {"exp_month", pm.exp_month},
          {"exp_year", pm.exp_year}, {"funding", "credit"},      {"last4", pm.last4},
          {"network", pm.brand},     {"wallet", wallet_json(pm)}};
}

// Card objects (tokens) name brands as Stripe's Card resource does.
std::string card_object_brand(const std::string& brand) {
  if (brand == "visa") return "Visa";
  if (brand == "mastercard") return "MasterCard";
  if (brand == "amex") return "American Express";
  if (brand == "discover") return "Discover";
  return "Unknown";
}

}  // namespace

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

boost::json::object payment_method_json(const payment_method& pm) {
  boost::json::object address{{"city", nullptr},  {"country", nullptr},     {"line1", nullptr},
                              {"line2", nullptr}, {"postal_code", nullptr}, {"state", nullptr}};
  boost::json::object out{{"id", pm.id},
                          {"object", "payment_method"},
                          {"billing_details",
                           {{"address", address},
                            {"email", or_null(pm.billing_email)},
                            {"name", or_null(pm.billing_name)},
                            {"phone", or_null(pm.billing_phone)}}},
                          {"created", pm.created},
                          {"customer", or_null(pm.customer)},
                          {"livemode", false},
                          {"metadata", pm.metadata},
                          {"type", pm.type}};
  if (pm.type == "sepa_debit") {
    out["sepa_debit"] = sepa_debit_json(pm);
    return out;
  }
  if (pm.type == "us_bank_account") {
    out["us_bank_account"] = us_bank_account_json(pm);
    return out;
  }
  if (pm.type != "card") {
    out[pm.type] = bank_redirect_json(pm);
    return out;
  }
  auto card = card_details(pm);
  card.erase("network");
  card["checks"] = {{"address_line1_check", nullptr},
                    {"address_postal_code_check", nullptr},
                    {"cvc_check", "pass"}};
  card["fingerprint"] = "sim" + pm.last4 + pm.brand;
  card["networks"] = {{"available", boost::json::array{boost::json::string(pm.brand)}},
                      {"preferred", nullptr}};
  card["three_d_secure_usage"] = {{"supported", true}};
  out["card"] = std::move(card);
  return out;
}

boost::json::object token_json(const token& t) {
  boost::json::object card{{"id", t.card_id},
                           {"object", "card"},
                           {"address_city", nullptr},
                           {"address_country", nullptr},
                           {"address_line1", nullptr},
                           {"address_line1_check", nullptr},
                           {"address_line2", nullptr},
                           {"address_state", nullptr},
                           {"address_zip", nullptr},
                           {"address_zip_check", nullptr},
                           {"brand", card_object_brand(t.brand)},
                           {"country", "US"},
                           {"cvc_check", nullptr},
                           {"dynamic_last4", t.last4},
                           {"exp_month", t.exp_month},
                           {"exp_year", t.exp_year},
                           {"fingerprint", "sim" + t.last4 + t.brand},
                           {"funding", "credit"},
                           {"last4", t.last4},
                           {"metadata", boost::json::object{}},
                           {"name", nullptr},
                           {"tokenization_method", or_null(t.tokenization_method)},
                           {"wallet", nullptr}};
  return {{"id", t.id},           {"object", "token"},    {"card", std::move(card)},
          {"client_ip", nullptr}, {"created", t.created}, {"livemode", false},
          {"type", "card"},       {"used", t.used}};
}

boost::json::object customer_json(const customer& c) {
  return {{"id", c.id},
          {"object", "customer"},
          {"address", nullptr},
          {"balance", 0},
          {"created", c.created},
          {"currency", nullptr},
          {"default_source", nullptr},
          {"delinquent", false},
          {"description", or_null(c.description)},
          {"discount", nullptr},
          {"email", or_null(c.email)},
          {"invoice_prefix", c.id.substr(4, 8)},
          {"invoice_settings",
           {{"custom_fields", nullptr},
            {"default_payment_method", nullptr},
            {"footer", nullptr},
            {"rendering_options", nullptr}}},
          {"livemode", false},
          {"metadata", c.metadata},
          {"name", or_null(c.name)},
          {"phone", nullptr},
          {"preferred_locales", boost::json::array{}},
          {"shipping", nullptr},
          {"tax_exempt", "none"},
          {"test_clock", nullptr}};
}

boost::json::object charge_json(const charge& ch, const payment_method* pm) {
  const bool paid = ch.status == "succeeded";
  boost::json::object outcome{
      {"network_status", paid ? "approved_by_network" : "declined_by_network"},
      {"reason", or_null(ch.failure_code)},
      {"risk_level", "normal"},
      {"seller_message", paid ? "Payment complete."
                              : "The bank did not return any further details "
                                "with this decline."},
      {"type", paid ? "authorized" : "issuer_declined"}};
  boost::json::object details{{"type", pm ? pm->type : "card"}};
  if (pm && pm->type == "sepa_debit") {
    auto sepa = sepa_debit_json(*pm);
    sepa.erase("generated_from");
    sepa["mandate"] = or_null(ch.mandate);
    details["sepa_debit"] = std::move(sepa);
  } else if (pm && pm->type == "us_bank_account") {
    auto ach = us_bank_account_json(*pm);
    ach["mandate"] = or_null(ch.mandate);
    details["us_bank_account"] = std::move(ach);
  } else if (pm && pm->type != "card") {
    details[pm->type] = bank_redirect_json(*pm);
  } else if (pm) {
    details["card"] = card_details(*pm);
  }
  return {{"id", ch.id},
          {"object", "charge"},
          {"amount", ch.amount},
          {"amount_captured", ch.amount_captured},
          {"amount_refunded", ch.amount_refunded},
          {"balance_transaction", nullptr},
          {"captured", ch.captured},
          {"created", ch.created},
          {"currency", ch.currency},
          {"dispute", or_null(ch.dispute)},
          {"disputed", !ch.dispute.empty()},
          {"failure_code", or_null(ch.failure_code)},
          {"failure_message", or_null(ch.failure_message)},
          {"livemode", false},
          {"metadata", boost::json::object{}},
          {"outcome", std::move(outcome)},
          {"paid", paid},
          {"payment_intent", ch.payment_intent},
          {"payment_method", ch.payment_method},
          {"payment_method_details", std::move(details)},
          {"refunded", ch.amount_captured > 0 && ch.amount_refunded >= ch.amount_captured},
          {"status", ch.status}};
}

boost::json::object refund_json(const refund& r) {
  return {{"id", r.id},
          {"object", "refund"},
          {"amount", r.amount},
          {"balance_transaction", nullptr},
          {"charge", r.charge},
          {"created", r.created},
          {"currency", r.currency},
          {"metadata", r.metadata},
          {"payment_intent", or_null(r.payment_intent)},
          {"reason", or_null(r.reason)},
          {"receipt_number", nullptr},
          {"source_transfer_reversal", nullptr},
          {"status", r.status},
          {"transfer_reversal", nullptr}};
}

boost::json::object dispute_json(const dispute& d) {
  boost::json::object evidence;
  for (auto field : evidence_fields) {
    const auto* set = d.evidence.if_contains(field);
    evidence[field] = set ? *set : boost::json::value(nullptr);
  }
  return {{"id", d.id},
          {"object", "dispute"},
          {"amount", d.amount},
          {"balance_transactions", boost::json::array{}},
          {"charge", d.charge},
          {"created", d.created},
          {"currency", d.currency},
          {"evidence", std::move(evidence)},
          {"evidence_details",
           {{"due_by", d.due_by},
            {"has_evidence", !d.evidence.empty()},
            {"past_due", false},
            {"submission_count", d.submission_count}}},
          {"is_charge_refundable", false},
          {"livemode", false},
          {"metadata", d.metadata},
          {"payment_intent", or_null(d.payment_intent)},
          {"reason", d.reason},
          {"status", d.status}};
}

bool is_evidence_field(const std::string& name) {
  for (auto field : evidence_fields) {
    if (field == name) return true;
  }
  return false;
}

boost::json::object card_error_json(const std::string& code, const std::string& decline_code,
                                    const std::string& message, const std::string& charge_id,
                                    const payment_method& pm) {
  boost::json::object e;
  if (!charge_id.empty()) e["charge"] = charge_id;
  e["code"] = code;
  if (!decline_code.empty()) e["decline_code"] = decline_code;
  e["doc_url"] = "https://stripe.com/docs/error-codes/" + code;
  e["message"] = message;
  e["payment_method"] = payment_method_json(pm);
  e["type"] = "card_error";
  return e;
}

boost::json::value redirect_action(const std::string& url, const std::string& return_url) {
  return boost::json::object{
      {"type", "redirect_to_url"},
      {"redirect_to_url", {{"return_url", or_null(return_url)}, {"url", url}}}};
}

}  // namespace processor_sim::stripe
