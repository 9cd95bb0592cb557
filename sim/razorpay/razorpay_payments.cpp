// Payment creation: S2S card (create/json), UPI collect (create/upi), recurring with a token.

#include "../ids.hpp"
#include "razorpay_cards.hpp"
#include "razorpay_errors.hpp"
#include "razorpay_json.hpp"
#include "razorpay_sim.hpp"

#include <boost/json.hpp>

#include <cctype>
#include <chrono>
#include <ctime>

namespace processor_sim::razorpay {
namespace {

std::optional<card_details> read_card(const boost::json::object& body, sim_response* err) {
  const auto* c = body.if_contains("card");
  if (!c || !c->is_object()) {
    *err = field_required("card");
    return std::nullopt;
  }
  const auto& card = c->as_object();
  card_details out;
  auto number = string_field(card, "number", true, err);
  if (!number) return std::nullopt;
  for (char ch : *number) {
    if (ch != ' ') out.number.push_back(ch);
  }
  if (!luhn_valid(out.number)) {
    *err = bad_request("The card number is invalid.", "card[number]");
    return std::nullopt;
  }
  auto name = string_field(card, "name", false, err);
  auto month = name ? int_field(card, "expiry_month", true, err) : std::nullopt;
  auto year = month ? int_field(card, "expiry_year", true, err) : std::nullopt;
  auto cvv = year ? string_field(card, "cvv", true, err) : std::nullopt;
  if (!cvv) return std::nullopt;
  if (*month < 1 || *month > 12) {
    *err = bad_request("The card expiry month is invalid.", "card[expiry_month]");
    return std::nullopt;
  }
  const std::int64_t full_year = *year < 100 ? 2000 + *year : *year;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  const std::int64_t this_year = utc.tm_year + 1900, this_month = utc.tm_mon + 1;
  if (full_year < this_year || (full_year == this_year && *month < this_month)) {
    *err = bad_request("Your card has expired. Please try with another card.", "card[expiry_year]");
    return std::nullopt;
  }
  bool cvv_ok = cvv->size() == 3 || cvv->size() == 4;
  for (char ch : *cvv) cvv_ok = cvv_ok && std::isdigit(static_cast<unsigned char>(ch));
  if (!cvv_ok) {
    *err = bad_request("The card cvv must be 3 or 4 digits.", "card[cvv]");
    return std::nullopt;
  }
  out.id = new_id("card");
  out.name = *name;
  out.last4 = out.number.substr(out.number.size() - 4);
  out.network = card_network(out.number);
  out.expiry_month = *month;
  out.expiry_year = full_year;
  return out;
}

bool valid_vpa(const std::string& vpa) {
  const auto at = vpa.find('@');
  if (at == std::string::npos || at == 0 || at + 1 >= vpa.size()) return false;
  for (std::size_t i = 0; i < vpa.size(); ++i) {
    const auto c = static_cast<unsigned char>(vpa[i]);
    if (i != at && !std::isalnum(c) && c != '.' && c != '-' && c != '_') return false;
  }
  return true;
}

}  // namespace

payment* simulator::start_payment(const boost::json::object& body, const std::string& method,
                                  sim_response* err) {
  auto amount = int_field(body, "amount", true, err);
  auto currency = amount ? string_field(body, "currency", true, err) : std::nullopt;
  auto order_id = currency ? string_field(body, "order_id", true, err) : std::nullopt;
  if (!order_id) return nullptr;
  auto oit = orders_.find(*order_id);
  if (oit == orders_.end()) {
    *err = id_not_found("order_id");
    return nullptr;
  }
  order& o = oit->second;
  for (auto& ch : *currency) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  if (o.status == "paid") {
    *err = bad_request("Order has already been paid.", "order_id");
    return nullptr;
  }
  if (*amount != o.amount) {
    *err = bad_request(
        "Your payment amount is different from your order amount. To pay successfully, please "
        "try using right amount.",
        "amount");
    return nullptr;
  }
  if (*currency != o.currency) {
    *err = bad_request("Currency of the payment should be the same as the order currency.",
                       "currency");
    return nullptr;
  }
  auto email = string_field(body, "email", true, err);
  auto contact = email ? string_field(body, "contact", true, err) : std::nullopt;
  auto description = contact ? string_field(body, "description", false, err) : std::nullopt;
  auto customer_id = description ? string_field(body, "customer_id", false, err) : std::nullopt;
  auto notes = customer_id ? notes_field(body, err) : std::nullopt;
  if (!notes) return nullptr;
  if (!customer_id->empty() && !customers_.count(*customer_id)) {
    *err = id_not_found("customer_id");
    return nullptr;
  }
  payment p;
  p.id = new_id("pay");
  p.order_id = o.id;
  p.amount = *amount;
  p.currency = *currency;
  p.method = method;
  p.email = *email;
  p.contact = *contact;
  p.description = *description;
  p.customer_id = customer_id->empty() ? o.customer_id : *customer_id;
  p.notes = std::move(*notes);
  p.created_at = unix_now();
  ++o.attempts;
  if (o.status == "created") o.status = "attempted";
  o.payments.push_back(p.id);
  return &payments_.emplace(p.id, std::move(p)).first->second;
}

sim_response simulator::create_card_payment(const boost::json::object& body) {
  sim_response err;
  auto method = string_field(body, "method", true, &err);
  if (!method) return err;
  if (*method != "card") return bad_request("The selected method is invalid.", "method");
  auto card = read_card(body, &err);
  if (!card) return err;
  for (const char* key : {"ip", "referer", "user_agent"}) {
    if (!string_field(body, key, true, &err)) return err;
  }
  auto callback_url = string_field(body, "callback_url", false, &err);
  if (!callback_url) return err;
  payment* p = start_payment(body, "card", &err);
  if (!p) return err;
  p->card = std::move(*card);
  p->callback_url = *callback_url;
  p->bank_token = random_alnum(24);
  const std::string url =
      ctx_.public_base_url + "/razorpay/bank/" + p->id + "?token=" + p->bank_token;
  boost::json::array next{boost::json::object{{"action", "redirect"}, {"url", url}}};
  return json_response(200, {{"razorpay_payment_id", p->id}, {"next", std::move(next)}});
}

sim_response simulator::create_upi_payment(const boost::json::object& body) {
  sim_response err;
  auto method = string_field(body, "method", true, &err);
  if (!method) return err;
  if (*method != "upi") return bad_request("The selected method is invalid.", "method");
  // Intent: no VPA; the answer is the upi://pay link the shopper's UPI app opens, and the
  // payment stays created until the shopper approves or declines in the app (a control route
  // stands for the app, README "Razorpay controls").
  if (const auto* upi = body.if_contains("upi"); upi && upi->is_object()) {
    const auto* flow = upi->as_object().if_contains("flow");
    if (flow && flow->is_string() && flow->as_string() == "intent") {
      payment* p = start_payment(body, "upi", &err);
      if (!p) return err;
      p->upi_flow = "intent";
      const auto rupees = std::to_string(p->amount / 100) + "." +
                          (p->amount % 100 < 10 ? "0" : "") + std::to_string(p->amount % 100);
      const std::string link =
          "upi://pay?pa=processorsim@razorpay&pn=processor-sim&tr=" + p->id.substr(4) +
          "&am=" + rupees + "&cu=INR&mc=5411";
      boost::json::array next{
          boost::json::object{{"action", "intent"}, {"url", link}},
          boost::json::object{
              {"action", "poll"},
              {"url", ctx_.public_base_url + "/razorpay/v1/payments/" + p->id + "/status"}}};
      return json_response(200, {{"razorpay_payment_id", p->id}, {"next", std::move(next)}});
    }
  }
  auto vpa = string_field(body, "vpa", false, &err);
  if (!vpa) return err;
  if (const auto* upi = body.if_contains("upi"); vpa->empty() && upi && upi->is_object()) {
    vpa = string_field(upi->as_object(), "vpa", false, &err);
    if (!vpa) return err;
  }
  if (vpa->empty()) return field_required("vpa");
  if (!valid_vpa(*vpa)) {
    return bad_request("Invalid VPA. Please enter a valid Virtual Payment Address", "vpa");
  }
  payment* p = start_payment(body, "upi", &err);
  if (!p) return err;
  p->vpa = *vpa;
  if (*vpa != "pending@razorpay") {  // pending@razorpay: the shopper never answers
    p->pending_outcome = *vpa == "failure@razorpay" ? "failure" : "success";
    p->due = std::chrono::steady_clock::now() + std::chrono::milliseconds(cfg_.upi_delay_ms);
    schedule(due_kind::payment, p->id, p->due);
  }
  return json_response(200, {{"razorpay_payment_id", p->id}});
}

sim_response simulator::create_recurring_payment(const boost::json::object& body) {
  sim_response err;
  if (!body.if_contains("recurring")) return field_required("recurring");
  if (!truthy(body.if_contains("recurring"))) {
    return bad_request("The recurring field must be 1.", "recurring");
  }
  auto customer_id = string_field(body, "customer_id", true, &err);
  if (!customer_id) return err;
  if (!customers_.count(*customer_id)) return id_not_found("customer_id");
  auto token_id = string_field(body, "token", true, &err);
  if (!token_id) return err;
  auto tit = tokens_.find(*token_id);
  if (tit == tokens_.end() || tit->second.deleted || tit->second.customer_id != *customer_id) {
    return id_not_found("token");
  }
  token& t = tit->second;
  auto amount = int_field(body, "amount", true, &err);
  if (!amount) return err;
  if (t.max_amount > 0 && *amount > t.max_amount) {
    return bad_request("The amount exceeds the maximum amount allowed for this token.", "amount");
  }
  payment* p = start_payment(body, "card", &err);
  if (!p) return err;
  p->recurring = true;
  p->customer_id = *customer_id;
  p->token_id = t.id;
  p->card = t.card;
  t.used_at = unix_now();
  succeed(*p);
  return json_response(200, {{"razorpay_payment_id", p->id},
                             {"razorpay_order_id", p->order_id},
                             {"razorpay_signature", callback_signature(*p)}});
}

std::string simulator::callback_signature(const payment& p) const {
  return hmac_sha256_hex(cfg_.key_secret, p.order_id + "|" + p.id);
}

}  // namespace processor_sim::razorpay
