// Writes the first request of every Adyen Checkout flow, built through the connector's public
// interface from fixed domain requests, as JSON lines for check_adyen_contract.js to send to a
// Prism mock of Adyen's own OpenAPI description:
//
//   {"flow":…, "method":…, "path":"/v71/…", "headers":{…}, "body":"<raw body or empty>"}
//
// A flow whose request cannot be built is written as {"flow":…, "error":…} so it shows up as a
// failure there rather than vanishing. Dispute flows go to DisputeService, which the Checkout
// spec does not describe: they are not dumped.
//
//   adyen_contract_requests [OUTFILE]     (stdout when absent)

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <fstream>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "connectors/registry.hpp"
#include "domain/connector.hpp"

namespace {

namespace json = boost::json;
using namespace cs::domain;

// Fixed inputs: the contract is about shapes, so one plausible value per field is enough.
credentials test_credentials() {
  credentials c;
  c.set("api_key", "AQEyhmfxTEST_API_KEY_0123456789");
  c.set("merchant_account", "ConnectorServiceECOM");
  return c;
}

card test_card() {
  return card{secret<std::string>("4111111111111111"), 3, 2030, secret<std::string>("737"),
              "John Smith"};
}

customer test_shopper() {
  return customer{"shopper-42", "shopper@example.com", "+31201234567",
                  "John Smith", "192.0.2.10",          "Mozilla/5.0"};
}

const std::string psp = "QFQTPCQ8HXSKGK82";
const std::string stored_method = "8415718415172204";

authorize_request authorize(capture_method cm, std::string ref) {
  authorize_request r;
  r.idempotency_key = "idem-" + ref;
  r.merchant_reference = std::move(ref);
  r.amount = money{1000, "EUR"};
  r.method = test_card();
  r.capture = cm;
  r.return_url = "https://merchant.example.com/return";
  r.shopper = test_shopper();
  r.description = "Contract test order";
  r.metadata = {{"order_id", "1001"}};
  return r;
}

// Wallets and network tokens: the paymentMethod (and mpiData) shapes of each form.
authorize_request with_method(payment_method m, std::string ref) {
  auto r = authorize(capture_method::automatic, std::move(ref));
  r.method = std::move(m);
  return r;
}

network_token dpan(token_origin origin) {
  return network_token{secret<std::string>("4111111111111111"),
                       3,
                       2030,
                       secret<std::string>("AgAAAAAAAIR8CQrXcIhbQAAAAAA="),
                       "07",
                       "John Smith",
                       origin};
}

const char* apple_payment_data =
    R"({"version":"EC_v1","data":"eyJhcHBsaWNhdGlvblByaW1hcnlBY2NvdW50TnVtYmVyIjoiNDExMSJ9",)"
    R"("signature":"MIAGCSqGSIb3DQEHAqCAMIACAQE=","header":{"ephemeralPublicKey":"MFkwEwYH",)"
    R"("publicKeyHash":"tqYV+tmG9aMh","transactionId":"3cee89679130a4b2"}})";
const char* google_token =
    R"({"signature":"MEYCIQC","intermediateSigningKey":{"signedKey":"{}","signatures":["MEQ"]},)"
    R"("protocolVersion":"ECv2","signedMessage":"{\"encryptedMessage\":\"ZW5j\",\"tag\":\"dGFn\"}"})";

// Direct debits: SepaDirectDebitDetails (EUR) and AchDetails (USD).
sepa_debit sepa() {
  return sepa_debit{secret<std::string>("NL13TEST0123456789"), "A. Klaassen"};
}

authorize_request ach(std::string ref) {
  ach_debit d;
  d.account_number = secret<std::string>("123456789");
  d.routing_number = "011000015";
  d.holder_name = "John Smith";
  d.account_type = bank_account_type::savings;
  d.holder_type = account_holder_type::company;
  auto r = with_method(std::move(d), std::move(ref));
  r.amount = money{1000, "USD"};
  return r;
}

// Redirects: IdealDetails (EUR) and KlarnaDetails with the basket, the addresses and the locale
// Klarna decides on (SEK in SE; two lines adding up to the amount).
authorize_request klarna(std::string ref) {
  auto r = with_method(bnpl{}, std::move(ref));
  r.amount = money{25000, "SEK"};
  r.capture = capture_method::manual;
  r.order.items = {{"Tent", "TENT-2", 1, 20000, 4000, 2500, "https://shop.example.com/tent", ""},
                   {"Tent peg", "PEG-1", 10, 500, 1000, 2500, "", ""}};
  r.order.billing = address{"Storgatan 1", "", "Stockholm", "11122", "", "SE"};
  r.order.shipping = address{"Lilla vägen 2", "lgh 1101", "Uppsala", "75320", "", "SE"};
  r.order.locale = "sv-SE";
  return r;
}

capture_request capture(std::optional<money> amount) {
  capture_request r;
  r.idempotency_key = amount ? "idem-cap-part" : "idem-cap-full";
  r.merchant_reference = "order-1001";
  r.connector_payment_id = psp;
  r.amount_to_capture = std::move(amount);
  r.payment_amount = money{1000, "EUR"};
  return r;
}

refund_request refund(std::optional<money> amount) {
  refund_request r;
  r.idempotency_key = amount ? "idem-ref-part" : "idem-ref-full";
  r.merchant_reference = "refund-1001";
  r.connector_payment_id = psp;
  r.amount = std::move(amount);
  r.payment_amount = money{1000, "EUR"};
  r.reason = "requested_by_customer";
  return r;
}

void_request void_req() {
  void_request r;
  r.idempotency_key = "idem-void";
  r.merchant_reference = "order-1001";
  r.connector_payment_id = psp;
  r.reason = "requested_by_customer";
  return r;
}

complete_authorize_request complete_authorize() {
  complete_authorize_request r;
  r.idempotency_key = "idem-complete";
  r.merchant_reference = "order-1001";
  r.connector_payment_id = psp;
  r.redirect_payload = {{"redirectResult", "X6XtfGC3!Y29uZXhhbXBsZS5jb20"}};
  r.capture = capture_method::manual;
  return r;
}

setup_mandate_request setup_mandate() {
  setup_mandate_request r;
  r.idempotency_key = "idem-mandate";
  r.merchant_reference = "mandate-77";
  r.method = test_card();
  r.shopper = test_shopper();
  r.amount = money{0, "EUR"};
  r.model = recurring_model::card_on_file;
  r.return_url = "https://merchant.example.com/return";
  return r;
}

recurring_charge_request recurring_charge() {
  recurring_charge_request r;
  r.idempotency_key = "idem-recurring";
  r.merchant_reference = "order-2002";
  r.mandate_id = stored_method;
  r.customer_id = "shopper-42";
  r.amount = money{2500, "EUR"};
  r.capture = capture_method::automatic;
  r.model = recurring_model::unscheduled;
  r.return_url = "https://merchant.example/return";
  return r;
}

revoke_mandate_request revoke_mandate() {
  return revoke_mandate_request{{}, stored_method, "shopper-42"};
}

// The path of the named base URL ("/v71"), which Prism's spec paths include.
std::string base_path(const connector& c, std::string_view name) {
  for (const auto& b : c.base_urls) {
    if (b.name != name) continue;
    auto u = boost::urls::parse_uri(b.test_default);
    if (!u) return {};
    std::string p(u->encoded_path());
    while (!p.empty() && p.back() == '/') p.pop_back();
    return p;
  }
  return {};
}

template <class R>
json::object line(const connector& c, std::string_view flow, const step_result<R>& res) {
  json::object o;
  o["flow"] = flow;
  if (!res.ok()) {
    o["error"] =
        std::string(to_string(res.err().code)) + " " + res.err().reason + ": " + res.err().message;
    return o;
  }
  const auto* req = std::get_if<http_request>(&res.value());
  if (req == nullptr) {
    o["error"] = "the connector answered a result instead of a first request";
    return o;
  }
  if (req->base != "default") {
    o["error"] = "request goes to base URL \"" + req->base + "\", not the Checkout API";
    return o;
  }
  o["method"] = to_string(req->method);
  o["path"] = base_path(c, req->base) + req->target;
  json::object headers;
  for (const auto& h : req->headers) headers[h.name] = h.value;
  if (!req->body.empty() && !headers.contains("Content-Type") &&
      !headers.contains("content-type")) {
    headers["Content-Type"] = req->content_type;
  }
  o["headers"] = std::move(headers);
  o["body"] = req->body;
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const connector* c = cs::connectors::builtin().find("adyen");
  if (c == nullptr) {
    std::cerr << "adyen_contract_requests: connector \"adyen\" is not registered\n";
    return 1;
  }
  const credentials creds = test_credentials();
  const flow_context ctx{creds, {}};

  std::vector<json::object> lines;
  lines.push_back(line(*c, "authorize_manual",
                       c->flows.authorize(authorize(capture_method::manual, "order-1001"), ctx)));
  lines.push_back(
      line(*c, "authorize_automatic",
           c->flows.authorize(authorize(capture_method::automatic, "order-1002"), ctx)));
  lines.push_back(line(
      *c, "authorize_apple_pay",
      c->flows.authorize(
          with_method(wallet::of(wallet_type::apple_pay, apple_payment_data), "order-1003"), ctx)));
  lines.push_back(
      line(*c, "authorize_google_pay",
           c->flows.authorize(
               with_method(wallet::of(wallet_type::google_pay, google_token), "order-1004"), ctx)));
  lines.push_back(
      line(*c, "authorize_apple_pay_decrypted",
           c->flows.authorize(with_method(dpan(token_origin::apple_pay), "order-1005"), ctx)));
  lines.push_back(
      line(*c, "authorize_network_token",
           c->flows.authorize(with_method(dpan(token_origin::token_service), "order-1006"), ctx)));
  lines.push_back(
      line(*c, "authorize_sepa_debit", c->flows.authorize(with_method(sepa(), "order-1007"), ctx)));
  lines.push_back(line(*c, "authorize_ach_debit", c->flows.authorize(ach("order-1008"), ctx)));
  lines.push_back(
      line(*c, "authorize_ideal",
           c->flows.authorize(
               with_method(bank_redirect{bank_redirect_type::ideal, {}}, "order-1009"), ctx)));
  lines.push_back(line(*c, "authorize_klarna", c->flows.authorize(klarna("order-1010"), ctx)));
  lines.push_back(line(*c, "capture_full", c->flows.capture(capture(std::nullopt), ctx)));
  lines.push_back(line(*c, "capture_partial", c->flows.capture(capture(money{400, "EUR"}), ctx)));
  auto klarna_part = capture(money{20000, "SEK"});
  klarna_part.payment_amount = money{25000, "SEK"};
  klarna_part.idempotency_key = "idem-cap-klarna";
  lines.push_back(line(*c, "capture_klarna_partial", c->flows.capture(klarna_part, ctx)));
  lines.push_back(line(*c, "refund_full", c->flows.refund(refund(std::nullopt), ctx)));
  lines.push_back(line(*c, "refund_partial", c->flows.refund(refund(money{300, "EUR"}), ctx)));
  lines.push_back(line(*c, "void", c->flows.void_payment(void_req(), ctx)));
  lines.push_back(
      line(*c, "complete_authorize", c->flows.complete_authorize(complete_authorize(), ctx)));
  lines.push_back(line(*c, "setup_mandate", c->flows.setup_mandate(setup_mandate(), ctx)));
  lines.push_back(line(*c, "recurring_charge", c->flows.recurring_charge(recurring_charge(), ctx)));
  lines.push_back(line(*c, "revoke_mandate", c->flows.revoke_mandate(revoke_mandate(), ctx)));

  std::ofstream file;
  if (argc > 1) {
    file.open(argv[1], std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "adyen_contract_requests: cannot write " << argv[1] << "\n";
      return 1;
    }
  }
  std::ostream& out = argc > 1 ? static_cast<std::ostream&>(file) : std::cout;
  for (const auto& l : lines) out << json::serialize(l) << "\n";
  out.flush();
  return out ? 0 : 1;
}
