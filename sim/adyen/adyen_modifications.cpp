#include "adyen_sim.hpp"

namespace processor_sim::adyen {
namespace {

struct decision {
  bool success = false;
  std::string reason;
  std::string event_code;
};

// The accounting rules Adyen applies asynchronously; the answer arrives by webhook.
decision decide(payment& p, const std::string& kind, const amount& value) {
  auto fail = [](std::string event, std::string why) {
    return decision{false, std::move(why), std::move(event)};
  };
  if (kind == "capture") {
    if (!p.is_authorised()) return fail("CAPTURE", "Payment is not authorised");
    if (p.cancelled) return fail("CAPTURE", "Payment has been cancelled");
    if (!p.manual_capture) return fail("CAPTURE", "Payment is captured automatically");
    if (value.currency != p.authorised.currency) return fail("CAPTURE", "Currency mismatch");
    if (value.value > p.authorised.value - p.captured) {
      return fail("CAPTURE", "Insufficient balance on payment");
    }
    p.captured += value.value;
    return {true, "", "CAPTURE"};
  }
  if (kind == "refund") {
    if (!p.is_authorised() || p.cancelled) return fail("REFUND", "Payment is not captured");
    if (value.currency != p.authorised.currency) return fail("REFUND", "Currency mismatch");
    if (p.refunded + value.value > p.captured_total()) {
      return fail("REFUND", "Insufficient balance on payment");
    }
    p.refunded += value.value;
    return {true, "", "REFUND"};
  }
  const std::string event = kind == "cancel" ? "CANCELLATION" : "CANCEL_OR_REFUND";
  if (!p.is_authorised()) return fail(event, "Payment is not authorised");
  if (p.cancelled) return fail(event, "Payment has already been cancelled");
  if (p.captured_total() == 0) {
    p.cancelled = true;
    return {true, "", event};
  }
  if (kind == "cancel") return fail(event, "Payment has already been captured");
  // Reversal of a captured payment refunds what is left.
  p.refunded = p.captured_total();
  return {true, "", event};
}

}  // namespace

sim_response simulator::modify(const std::string& psp, const std::string& kind,
                               const boost::json::object& body) {
  const std::string merchant = str(body, "merchantAccount");
  if (merchant.empty()) {
    return error(422, "901", "Required field 'merchantAccount' is not provided.");
  }
  auto it = payments_.find(psp);
  if (it == payments_.end() || it->second.merchant_account != merchant) {
    return error(422, "167", "Original pspReference required for this operation");
  }
  payment& p = it->second;
  const bool has_amount = kind == "capture" || kind == "refund";
  amount value = p.authorised;
  if (has_amount) {
    if (!body.contains("amount")) {
      return error(422, "100", "Required field 'amount' is not provided.");
    }
    auto parsed = read_amount(body);
    if (!parsed || parsed->value == 0) return error(422, "137", "Invalid amount specified");
    value = *parsed;
  }
  const std::string reference = str(body, "reference");
  const std::string mod_psp = new_psp_reference();
  const amount before_refund{p.authorised.currency, p.captured_total() - p.refunded};
  decision d = decide(p, kind, value);
  if (kind == "reversal" && d.success && p.cancelled == false) value = before_refund;
  p.modifications.push_back({mod_psp, kind, reference, value, d.success, d.reason});

  notification n;
  n.event_code = d.event_code;
  n.psp_reference = mod_psp;
  n.original_reference = p.psp_reference;
  n.merchant_account = p.merchant_account;
  n.merchant_reference = reference.empty() ? p.reference : reference;
  n.payment_method = p.brand;
  n.value = value;
  n.success = d.success;
  n.reason = d.reason;
  if (d.event_code == "CANCEL_OR_REFUND") {
    n.additional_data = {{"modification.action", p.cancelled ? "cancel" : "refund"}};
  }
  notify(std::move(n));

  boost::json::object out{
      {"merchantAccount", merchant}, {"paymentPspReference", psp}, {"pspReference", mod_psp}};
  if (!reference.empty()) out["reference"] = reference;
  if (has_amount) out["amount"] = amount_json(value);
  out["status"] = "received";
  return json_response(201, out);
}

}  // namespace processor_sim::adyen
