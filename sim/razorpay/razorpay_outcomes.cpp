// How payments end: the bank page (card authentication), authorization, capture and failure,
// with their webhooks.

#include "../ids.hpp"
#include "razorpay_cards.hpp"
#include "razorpay_json.hpp"
#include "razorpay_sim.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <utility>
#include <vector>

namespace processor_sim::razorpay {
namespace {

std::string url_encode(const std::string& text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '<')
      out += "&lt;";
    else if (c == '>')
      out += "&gt;";
    else if (c == '&')
      out += "&amp;";
    else if (c == '"')
      out += "&quot;";
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace

sim_response simulator::bank_page(const sim_request& req, const std::string& payment_id) {
  auto it = payments_.find(payment_id);
  auto token = req.query.find("token");
  if (it == payments_.end() || it->second.bank_token.empty() || token == req.query.end() ||
      token->second != it->second.bank_token) {
    return text_response(403, "processor-sim: unknown payment or wrong token\n");
  }
  payment& p = it->second;
  if (p.status == "created") {
    auto result = req.query.find("result");
    if (p.card && declined_at_bank(p.card->number)) {
      fail(p, "Your payment has been declined by your bank. Please try another card.", "bank",
           "payment_authorization", "payment_declined");
    } else if (result != req.query.end() && result->second == "failure") {
      fail(p, "Your payment could not be completed as the authentication was not successful.",
           "customer", "payment_authentication", "authentication_failed");
    } else {
      succeed(p);
    }
  }
  std::vector<std::pair<std::string, std::string>> fields;
  if (p.status == "failed") {
    const auto metadata =
        boost::json::serialize(boost::json::object{{"payment_id", p.id}, {"order_id", p.order_id}});
    fields = {{"error[code]", p.error_code},     {"error[description]", p.error_description},
              {"error[source]", p.error_source}, {"error[step]", p.error_step},
              {"error[reason]", p.error_reason}, {"error[metadata]", metadata}};
  } else {
    fields = {{"razorpay_payment_id", p.id},
              {"razorpay_order_id", p.order_id},
              {"razorpay_signature", callback_signature(p)}};
  }
  if (!p.callback_url.empty()) {
    std::string location = p.callback_url;
    char sep = location.find('?') == std::string::npos ? '?' : '&';
    for (const auto& [k, v] : fields) {
      location += sep + url_encode(k) + "=" + url_encode(v);
      sep = '&';
    }
    sim_response r;
    r.status = 302;
    r.content_type = "text/html";
    r.headers.emplace_back("Location", location);
    return r;
  }
  std::string html =
      "<!doctype html><html><head><title>Razorpay (processor-sim)</title></head><body>"
      "<form method=\"POST\" name=\"razorpay_callback\">";
  for (const auto& [k, v] : fields) {
    html +=
        "<input type=\"hidden\" name=\"" + html_escape(k) + "\" value=\"" + html_escape(v) + "\">";
  }
  html += "</form></body></html>\n";
  sim_response r = text_response(200, std::move(html));
  r.content_type = "text/html";
  return r;
}

void simulator::succeed(payment& p) {
  order& o = orders_.at(p.order_id);
  p.status = "authorized";
  ++charges_;
  ++o.successful_payments;
  const std::string customer_id = p.customer_id.empty() ? o.customer_id : p.customer_id;
  if (o.wants_token && !p.recurring && p.token_id.empty() && p.card && !customer_id.empty()) {
    token t;
    t.id = new_id("token");
    t.customer_id = customer_id;
    t.token_value = random_alnum(14);
    t.card = *p.card;
    t.created_at = unix_now();
    sim_response ignored;
    t.max_amount = int_field(o.token_terms, "max_amount", false, &ignored).value_or(0);
    t.expire_at = int_field(o.token_terms, "expire_at", false, &ignored).value_or(0);
    t.expired_at = t.expire_at;
    t.frequency = string_field(o.token_terms, "frequency", false, &ignored).value_or("");
    p.token_id = t.id;
    p.customer_id = customer_id;
    tokens_.emplace(t.id, std::move(t));
  }
  emit_payment("payment.authorized", p);
  if (o.auto_capture) capture_now(p);
}

void simulator::capture_now(payment& p) {
  order& o = orders_.at(p.order_id);
  p.status = "captured";
  p.captured = true;
  const std::int64_t base_fee = p.amount * 2 / 100;
  p.tax = base_fee * 18 / 100;
  p.fee = base_fee + *p.tax;
  o.amount_paid = p.amount;
  o.status = "paid";
  emit_payment("payment.captured", p);
  emit("order.paid", o.id,
       {{"payment", {{"entity", payment_json(p)}}}, {"order", {{"entity", order_json(o)}}}});
}

void simulator::fail(payment& p, const std::string& description, const std::string& source,
                     const std::string& step, const std::string& reason) {
  p.status = "failed";
  p.error_code = "BAD_REQUEST_ERROR";
  p.error_description = description;
  p.error_source = source;
  p.error_step = step;
  p.error_reason = reason;
  emit_payment("payment.failed", p);
}

}  // namespace processor_sim::razorpay
