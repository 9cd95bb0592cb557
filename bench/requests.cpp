#include "requests.hpp"

#include <boost/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

#include "connectors/adyen/hmac_signature.hpp"
#include "connectors/common/crypto.hpp"
#include "connectors/registry.hpp"
#include "domain/connector.hpp"
#include "stack.hpp"

namespace cs::bench {

namespace {

v1::Money money(std::int64_t minor, const std::string& currency) {
  v1::Money m;
  m.set_minor_amount(minor);
  m.set_currency_code(currency);
  return m;
}

std::string golden(const std::string& name) {
  std::ifstream in(std::string(CS_GOLDEN_DIR) + "/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

v1::AuthorizeRequest authorize_request(const std::string& connector, const std::string& reference,
                                       bool manual) {
  v1::AuthorizeRequest r;
  r.set_connector(connector);
  r.set_merchant_reference(reference);
  auto* card = r.mutable_payment_method()->mutable_card();
  card->set_expiry_month(12);
  card->set_expiry_year(2031);
  if (connector == "stripe") {
    *r.mutable_amount() = money(2500, "USD");
    card->set_number("4242424242424242");
    card->set_cvc("527");
    card->set_holder_name("Jenny Rosen");
  } else if (connector == "braintree") {
    *r.mutable_amount() = money(1050, "USD");  // Braintree's sandbox decides by amount: approved
    card->set_number("4111111111111111");
    card->set_cvc("373");
    card->set_holder_name("Asha Rao");
  } else if (connector == "checkout_com") {
    *r.mutable_amount() = money(1050, "USD");
    card->set_number("4242424242424242");
    card->set_cvc("100");
    card->set_holder_name("Asha Rao");
  } else if (connector == "paypal") {
    *r.mutable_amount() = money(1050, "USD");
    card->set_number("4012888888881881");
    card->set_cvc("123");
    card->set_holder_name("Asha Rao");  // any name but a CCREJECT-* trigger is approved
  } else if (connector == "razorpay") {
    *r.mutable_amount() = money(50000, "INR");
    card->set_number("4111111111111111");
    card->set_cvc("318");
    card->set_holder_name("Asha Rao");
    auto* c = r.mutable_customer();
    c->set_email("asha.rao@example.in");
    c->set_phone("+919876543210");
    c->set_name("Asha Rao");
    c->set_ip_address("203.0.113.7");
  } else {
    *r.mutable_amount() = money(1000, "EUR");
    card->set_number("4111111111111111");
    card->set_cvc("739");
    card->set_holder_name("Jane Bench");  // any holder other than a test value is Authorised
  }
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  // Checkout.com asks for 3-D Secure when there is somewhere to come back to: the authorize
  // scenario measures a plain authorization there.
  if (connector != "checkout_com") r.set_return_url("https://shop.example/return");
  return r;
}

v1::CaptureRequest capture_request(const v1::AuthorizeRequest& auth, const std::string& payment_id,
                                   const std::string& reference) {
  v1::CaptureRequest c;
  c.set_connector(auth.connector());
  c.set_connector_payment_id(payment_id);
  c.set_merchant_reference(reference);
  *c.mutable_payment_amount() = auth.amount();
  *c.mutable_amount_to_capture() = auth.amount();
  return c;
}

v1::RefundRequest refund_request(const v1::AuthorizeRequest& auth, const std::string& payment_id,
                                 const std::string& reference) {
  v1::RefundRequest r;
  r.set_connector(auth.connector());
  r.set_connector_payment_id(payment_id);
  r.set_merchant_reference(reference);
  *r.mutable_amount() = auth.amount();
  *r.mutable_payment_amount() = auth.amount();
  return r;
}

signed_webhook make_webhook(const std::string& connector, const std::string& hmac_key,
                            std::uint64_t n) {
  signed_webhook w;
  const auto id = std::to_string(1000000000 + n);
  if (connector == "stripe") {
    // The golden event with a fresh timestamp (Stripe's tolerance is five minutes).
    static const std::string body = golden("stripe/event_payment_intent_succeeded.json");
    const auto t = std::to_string(unix_now());
    w.body = body;
    w.headers = {{"Stripe-Signature", "t=" + t + ",v1=" +
                                          connectors::hex_encode(connectors::hmac_sha256(
                                              stripe_whsec, t + "." + w.body))}};
  } else if (connector == "razorpay") {
    static const std::string body = golden("razorpay/event_payment_captured.json");
    w.body = body;
    w.headers = {{"X-Razorpay-Signature",
                  connectors::hex_encode(connectors::hmac_sha256(razorpay_whsec, w.body))},
                 {"X-Razorpay-Event-Id", "EvBench" + id.substr(3)}};
  } else {
    connectors::adyen::notification_fields f{"BENCH" + id, "",    adyen_merchant,  "bench-wh-" + id,
                                             "1000",       "EUR", "AUTHORISATION", "true"};
    boost::json::object item{
        {"additionalData", {{"hmacSignature", connectors::adyen::hmac_signature(hmac_key, f)}}},
        {"amount", {{"currency", "EUR"}, {"value", 1000}}},
        {"eventCode", f.event_code},
        {"eventDate", "2024-07-01T10:00:00+02:00"},
        {"merchantAccountCode", f.merchant_account_code},
        {"merchantReference", f.merchant_reference},
        {"pspReference", f.psp_reference},
        {"success", "true"}};
    boost::json::object note{{"live", "false"},
                             {"notificationItems", {{{"NotificationRequestItem", item}}}}};
    w.body = boost::json::serialize(note);
  }
  return w;
}

adyen_template adyen_payment_template() {
  adyen_template t;
  t.reference = "bench-https-000000000000";
  domain::authorize_request r;
  r.merchant_reference = t.reference;
  r.idempotency_key = t.reference;
  r.amount = {1000, "EUR"};
  domain::card c;
  c.number = domain::secret<std::string>("4111111111111111");
  c.expiry_month = 12;
  c.expiry_year = 2031;
  c.cvc = domain::secret<std::string>("739");
  c.holder_name = "Jane Bench";
  r.method = std::move(c);
  r.return_url = "https://shop.example/return";
  domain::credentials creds;
  creds.set("api_key", adyen_api_key);
  creds.set("merchant_account", adyen_merchant);
  auto step =
      connectors::builtin().find("adyen")->flows.authorize(r, domain::flow_context{creds, {}});
  if (!step) return t;
  auto* req = std::get_if<domain::http_request>(&step.value());
  if (!req) return t;
  t.call.target = "/adyen/v71" + req->target;
  t.call.body = req->body;
  t.call.content_type = req->content_type;
  for (auto& h : req->headers) t.call.headers.emplace_back(h.name, h.value);
  return t;
}

http_call adyen_template::with_reference(std::uint64_t n) const {
  http_call c = call;
  auto digits = std::to_string(n);
  auto ref = reference.substr(0, reference.size() - digits.size()) + digits;
  // Same length, so the body size is that of the template: only the bytes differ.
  for (auto pos = c.body.find(reference); pos != std::string::npos;
       pos = c.body.find(reference, pos + ref.size()))
    c.body.replace(pos, reference.size(), ref);
  for (auto& [name, value] : c.headers)
    if (name == "Idempotency-Key") value = ref;
  return c;
}

}  // namespace cs::bench
