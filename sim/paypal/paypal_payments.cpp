// Payments v2: capture / void / reauthorize an authorization, refund a capture, and the JSON of
// authorizations, captures and refunds.
#include "../ids.hpp"
#include "paypal_errors.hpp"
#include "paypal_money.hpp"
#include "paypal_sim.hpp"

#include <boost/json.hpp>

namespace processor_sim::paypal {
namespace {

std::string str(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string{};
}

boost::json::object link(const std::string& href, const char* rel, const char* method) {
  return {{"href", href}, {"rel", rel}, {"method", method}};
}

// The optional "amount" of a capture/refund/reauthorize request, in the resource's currency;
// `fallback` when omitted. nullopt with *err set when invalid.
std::optional<std::int64_t> requested_amount(const boost::json::object& body,
                                             const std::string& currency, std::int64_t fallback,
                                             sim_response* err) {
  const auto* amount = body.if_contains("amount");
  if (!amount) return fallback;
  std::string code;
  money_problem problem;
  auto minor = parse_money(*amount, &code, &problem);
  if (!minor) {
    *err = issue_error(problem.schema ? 400 : 422, problem.issue, problem.description,
                       "/amount/value");
    return std::nullopt;
  }
  if (code != currency) {
    *err = issue_error(422, "CURRENCY_MISMATCH",
                       "Currency of capture must be the same as currency of authorization.",
                       "/amount/currency_code");
    return std::nullopt;
  }
  return minor;
}

boost::json::object processor_response(const std::string& code) {
  return {{"avs_code", "Y"}, {"cvv_code", code == "00N7" ? "N" : "M"}, {"response_code", code}};
}

}  // namespace

sim_response simulator::capture_authorization(const std::string& id,
                                              const boost::json::object& body) {
  authorization& a = authorizations_.at(id);
  if (a.status == "CAPTURED") {
    return issue_error(422, "AUTHORIZATION_ALREADY_CAPTURED",
                       "Authorization has been previously captured and hence cannot be captured "
                       "again.");
  }
  if (a.status == "VOIDED") {
    return issue_error(422, "AUTHORIZATION_VOIDED",
                       "A voided authorization cannot be captured or reauthorized.");
  }
  if (a.status == "DENIED") {
    return issue_error(422, "AUTHORIZATION_DENIED", "A denied authorization cannot be captured.");
  }
  sim_response err;
  auto amount = requested_amount(body, a.currency, a.amount - a.captured, &err);
  if (!amount) return err;
  if (*amount > a.amount - a.captured) {
    return issue_error(422, "MAX_CAPTURE_AMOUNT_EXCEEDED",
                       "Capture amount exceeds allowable limit. Please contact customer service "
                       "or your account manager to request the change to your overcapture limit.",
                       "/amount/value");
  }
  const auto* final_v = body.if_contains("final_capture");
  const bool final_capture = final_v && final_v->is_bool() && final_v->as_bool();
  capture c;
  c.id = random_alnum(17);
  c.order_id = a.order_id;
  c.authorization_id = a.id;
  c.status = "COMPLETED";
  c.currency = a.currency;
  c.amount = *amount;
  c.final_capture = final_capture;
  c.invoice_id = body.contains("invoice_id") ? str(body, "invoice_id") : a.invoice_id;
  c.custom_id = a.custom_id;
  c.note_to_payer = str(body, "note_to_payer");
  c.response_code = a.response_code;
  c.create_time = c.update_time = iso_time();
  a.captured += *amount;
  a.status = final_capture || a.captured == a.amount ? "CAPTURED" : "PARTIALLY_CAPTURED";
  a.update_time = c.create_time;
  a.captures.push_back(c.id);
  if (auto o = orders_.find(a.order_id); o != orders_.end()) o->second.captures.push_back(c.id);
  auto& stored = captures_[c.id] = std::move(c);
  emit_capture_event(stored);
  produced("capture", stored.id);
  return json_response(201, capture_json(stored, representation_));
}

sim_response simulator::void_authorization(const std::string& id) {
  authorization& a = authorizations_.at(id);
  if (a.status == "CAPTURED") {
    return issue_error(422, "PREVIOUSLY_CAPTURED",
                       "Authorization has been previously captured and hence cannot be voided.");
  }
  if (a.status == "VOIDED") {
    return issue_error(422, "PREVIOUSLY_VOIDED",
                       "Authorization has been previously voided and hence cannot be voided "
                       "again.");
  }
  if (a.status != "CREATED" && a.status != "PARTIALLY_CAPTURED") {
    return issue_error(422, "CANNOT_BE_VOIDED",
                       "A reauthorization cannot be voided. Please void the original "
                       "parent authorization.");
  }
  a.status = "VOIDED";
  a.update_time = iso_time();
  emit("PAYMENT.AUTHORIZATION.VOIDED", "authorization", authorization_json(a, true),
       "A payment authorization was voided");
  produced("void", a.id);
  return render("void", a.id, 200);
}

sim_response simulator::reauthorize(const std::string& id, const boost::json::object& body) {
  authorization& a = authorizations_.at(id);
  if (a.status != "CREATED") {
    return issue_error(
        422, a.status == "VOIDED" ? "AUTHORIZATION_VOIDED" : "REAUTHORIZATION_NOT_SUPPORTED",
        "Only an authorization in status CREATED can be reauthorized.");
  }
  sim_response err;
  auto amount = requested_amount(body, a.currency, a.amount, &err);
  if (!amount) return err;
  authorization re = a;
  re.id = random_alnum(17);
  re.amount = *amount;
  re.captured = 0;
  re.captures.clear();
  re.create_time = re.update_time = iso_time();
  if (auto o = orders_.find(a.order_id); o != orders_.end()) {
    o->second.authorizations.push_back(re.id);
  }
  auto& stored = authorizations_[re.id] = std::move(re);
  produced("authorization", stored.id);
  return json_response(201, authorization_json(stored, representation_));
}

sim_response simulator::refund_capture(const std::string& id, const boost::json::object& body) {
  capture& c = captures_.at(id);
  if (c.status == "REFUNDED") {
    return issue_error(422, "CAPTURE_FULLY_REFUNDED",
                       "The capture has already been fully refunded");
  }
  if (c.status == "PENDING") {
    return issue_error(422, "PENDING_CAPTURE",
                       "Cannot initiate a refund as the capture is pending. Capture is typically "
                       "pending when the payer has funded the transaction using an e-check or "
                       "the capture is under review.");
  }
  if (c.status != "COMPLETED" && c.status != "PARTIALLY_REFUNDED") {
    return issue_error(422, "REFUND_NOT_ALLOWED",
                       "Refund cannot be issued for this capture (status " + c.status + ").");
  }
  sim_response err;
  auto amount = requested_amount(body, c.currency, c.amount - c.refunded, &err);
  if (!amount) return err;
  if (*amount > c.amount - c.refunded) {
    return issue_error(422, "REFUND_AMOUNT_EXCEEDED",
                       "The refund amount must be less than or equal to the capture amount that "
                       "has not yet been refunded.",
                       "/amount/value");
  }
  refund r;
  r.id = random_alnum(17);
  r.capture_id = c.id;
  r.currency = c.currency;
  r.amount = *amount;
  r.invoice_id = str(body, "invoice_id");
  r.custom_id = str(body, "custom_id");
  r.note_to_payer = str(body, "note_to_payer");
  r.create_time = r.update_time = iso_time();
  c.refunded += *amount;
  c.status = c.refunded == c.amount ? "REFUNDED" : "PARTIALLY_REFUNDED";
  c.update_time = r.create_time;
  c.refunds.push_back(r.id);
  auto& stored = refunds_[r.id] = std::move(r);
  emit("PAYMENT.CAPTURE.REFUNDED", "refund", refund_json(stored, true),
       "A " + format_value(stored.amount, stored.currency) + " " + stored.currency +
           " capture payment was refunded");
  produced("refund", stored.id);
  return json_response(201, refund_json(stored, representation_));
}

void simulator::emit_capture_event(const capture& c) {
  const std::string amount = format_value(c.amount, c.currency) + " " + c.currency;
  if (c.status == "COMPLETED") {
    emit("PAYMENT.CAPTURE.COMPLETED", "capture", capture_json(c, true),
         "Payment completed for " + amount);
  } else if (c.status == "PENDING") {
    emit("PAYMENT.CAPTURE.PENDING", "capture", capture_json(c, true),
         "Payment pending for " + amount);
  } else {
    emit("PAYMENT.CAPTURE.DENIED", "capture", capture_json(c, true),
         "Payment denied for " + amount);
  }
}

boost::json::object simulator::authorization_json(const authorization& a, bool full) const {
  const std::string self = link_base() + "/v2/payments/authorizations/" + a.id;
  boost::json::object out{{"id", a.id}, {"status", a.status}};
  if (full) {
    out["amount"] = money_json(a.amount, a.currency);
    if (!a.invoice_id.empty()) out["invoice_id"] = a.invoice_id;
    if (!a.custom_id.empty()) out["custom_id"] = a.custom_id;
    out["seller_protection"] = {{"status", "NOT_ELIGIBLE"}};
    out["processor_response"] = processor_response(a.response_code);
    out["expiration_time"] = a.expiration_time;
    out["create_time"] = a.create_time;
    out["update_time"] = a.update_time;
  }
  boost::json::array links{link(self, "self", "GET")};
  if (a.status == "CREATED" || a.status == "PARTIALLY_CAPTURED") {
    links.push_back(link(self + "/capture", "capture", "POST"));
    links.push_back(link(self + "/void", "void", "POST"));
  }
  if (a.status == "CREATED") links.push_back(link(self + "/reauthorize", "reauthorize", "POST"));
  links.push_back(link(link_base() + "/v2/checkout/orders/" + a.order_id, "up", "GET"));
  out["links"] = std::move(links);
  return out;
}

boost::json::object simulator::capture_json(const capture& c, bool full) const {
  const std::string self = link_base() + "/v2/payments/captures/" + c.id;
  boost::json::object out{{"id", c.id}, {"status", c.status}};
  if (c.status == "DECLINED") out["status_details"] = {{"reason", "DECLINED"}};
  if (c.status == "PENDING") out["status_details"] = {{"reason", "PENDING_REVIEW"}};
  if (full) {
    out["amount"] = money_json(c.amount, c.currency);
    out["final_capture"] = c.final_capture;
    if (!c.invoice_id.empty()) out["invoice_id"] = c.invoice_id;
    if (!c.custom_id.empty()) out["custom_id"] = c.custom_id;
    out["seller_protection"] = {{"status", "NOT_ELIGIBLE"}};
    if (c.status != "DECLINED") {
      // PayPal's fee: 3.49% + 0.49 (the US card rate), rounded to the minor unit.
      const std::int64_t fee = c.amount * 349 / 10000 + (currency_decimals(c.currency) ? 49 : 0);
      out["seller_receivable_breakdown"] = {{"gross_amount", money_json(c.amount, c.currency)},
                                            {"paypal_fee", money_json(fee, c.currency)},
                                            {"net_amount", money_json(c.amount - fee, c.currency)}};
    }
    out["processor_response"] = processor_response(c.response_code);
    out["create_time"] = c.create_time;
    out["update_time"] = c.update_time;
  }
  boost::json::array links{link(self, "self", "GET")};
  if (c.status == "COMPLETED" || c.status == "PARTIALLY_REFUNDED") {
    links.push_back(link(self + "/refund", "refund", "POST"));
  }
  links.push_back(
      c.authorization_id.empty()
          ? link(link_base() + "/v2/checkout/orders/" + c.order_id, "up", "GET")
          : link(link_base() + "/v2/payments/authorizations/" + c.authorization_id, "up", "GET"));
  out["links"] = std::move(links);
  return out;
}

boost::json::object simulator::refund_json(const refund& r, bool full) const {
  boost::json::object out{{"id", r.id}, {"status", r.status}};
  if (full) {
    out["amount"] = money_json(r.amount, r.currency);
    if (!r.invoice_id.empty()) out["invoice_id"] = r.invoice_id;
    if (!r.custom_id.empty()) out["custom_id"] = r.custom_id;
    if (!r.note_to_payer.empty()) out["note_to_payer"] = r.note_to_payer;
    out["create_time"] = r.create_time;
    out["update_time"] = r.update_time;
  }
  out["links"] =
      boost::json::array{link(link_base() + "/v2/payments/refunds/" + r.id, "self", "GET"),
                         link(link_base() + "/v2/payments/captures/" + r.capture_id, "up", "GET")};
  return out;
}

}  // namespace processor_sim::paypal
