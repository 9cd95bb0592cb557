// Dumps, as JSON lines, the request of every step of every PayPal flow the connector has, for
// check_paypal_contract.js to send to Prism mocks of PayPal's own Orders v2, Payments v2, Vault
// v3 and Disputes v1 descriptions. Later steps are reached with canned replies (the order as
// PayPal answers it), as the flow actor would. Each line names the spec its path belongs to
// ("orders", "payments", "vault" or "disputes").
#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "connectors/paypal/descriptor.hpp"
#include "domain/connector.hpp"

namespace {

namespace json = boost::json;
using namespace cs::domain;

const std::string order_id = "5O190127TN364715T";

credentials test_credentials() {
  credentials c;
  c.set("client_id", "AbCdClientId");
  c.set("client_secret", "EfGhClientSecret");
  c.set("access_token", "A21AAFcontractTestAccessToken");
  return c;
}

std::string order_reply(std::string_view status, std::string_view intent) {
  return std::string(R"({"id":")") + order_id + R"(","intent":")" + std::string(intent) +
         R"(","status":")" + std::string(status) +
         R"(","purchase_units":[{"reference_id":"default","amount":{"currency_code":"USD","value":"10.50"},)"
         R"("payments":{"authorizations":[{"id":"0AW2184448108334S","status":"CREATED"}],)"
         R"("captures":[{"id":"3C679366HH908993F","status":"COMPLETED"}]}}]})";
}

authorize_request authorize(capture_method cm, std::string ref) {
  authorize_request r;
  r.idempotency_key = "idem-" + ref;
  r.merchant_reference = std::move(ref);
  r.amount = money{1050, "USD"};
  r.capture = cm;
  r.method = card{secret<std::string>("4012888888881881"), 3, 2030, secret<std::string>("123"),
                  "Asha Rao"};
  r.return_url = "https://merchant.example.com/return";
  r.description = "Contract test order";
  return r;
}

json::object line(std::string_view flow, const http_request& req) {
  json::object o;
  o["flow"] = flow;
  o["step"] = req.step;
  o["spec"] = req.target.starts_with("/v2/checkout/")           ? "orders"
              : req.target.starts_with("/v3/vault/")            ? "vault"
              : req.target.starts_with("/v1/customer/disputes") ? "disputes"
              : req.target.starts_with("/v1/notifications/")    ? "notifications"
                                                                : "payments";
  o["method"] = to_string(req.method);
  o["path"] = req.target;
  json::object headers;
  for (const auto& h : req.headers) headers[h.name] = h.value;
  if (!req.body.empty() || req.method == http_method::post)
    headers["Content-Type"] = req.content_type;
  o["headers"] = std::move(headers);
  o["body"] = req.body;
  return o;
}

// Every request of the flow, each answered with the next canned reply.
template <class Req, class R>
void dump(std::vector<json::object>& out, std::string_view flow, flow_fn<Req, R> fn, const Req& req,
          const std::vector<http_response>& replies) {
  const auto creds = test_credentials();
  std::vector<exchange> done;
  for (std::size_t i = 0; i <= replies.size(); ++i) {
    auto s = fn(req, flow_context{creds, done});
    if (!s.ok()) {
      json::object o{{"flow", flow}, {"error", s.err().message}};
      out.push_back(std::move(o));
      return;
    }
    auto* r = std::get_if<http_request>(&s.value());
    if (!r) return;
    out.push_back(line(flow, *r));
    if (i == replies.size()) return;
    done.push_back({*r, replies[i]});
  }
}

}  // namespace

int main(int argc, char** argv) {
  const auto& c = cs::connectors::paypal::descriptor();
  const auto& t = c.flows;
  std::vector<json::object> lines;
  http_response approved{201, {}, order_reply("APPROVED", "AUTHORIZE")};
  http_response approved_capture{201, {}, order_reply("APPROVED", "CAPTURE")};
  http_response completed{200, {}, order_reply("COMPLETED", "AUTHORIZE")};
  dump(lines, "authorize_manual", t.authorize, authorize(capture_method::manual, "order-1001"),
       {approved});
  dump(lines, "authorize_automatic", t.authorize,
       authorize(capture_method::automatic, "order-1002"), {approved_capture});
  complete_authorize_request ca;
  ca.idempotency_key = "idem-3ds";
  ca.connector_payment_id = order_id;
  dump(lines, "complete_authorize", t.complete_authorize, ca, {approved});
  dump(lines, "get_payment", t.get_payment, get_payment_request{order_id, ""}, {});
  capture_request full;
  full.idempotency_key = "cap-full";
  full.connector_payment_id = order_id;
  dump(lines, "capture_full", t.capture, full, {completed});
  capture_request partial = full;
  partial.idempotency_key = "cap-part";
  partial.amount_to_capture = money{400, "USD"};
  partial.payment_amount = money{1050, "USD"};
  dump(lines, "capture_partial", t.capture, partial, {completed});
  void_request v;
  v.connector_payment_id = order_id;
  dump(lines, "void", t.void_payment, v, {completed});
  refund_request rf;
  rf.idempotency_key = "ref-full";
  rf.merchant_reference = "order-1001";
  rf.connector_payment_id = order_id;
  dump(lines, "refund_full", t.refund, rf, {completed});
  refund_request rp = rf;
  rp.idempotency_key = "ref-part";
  rp.amount = money{300, "USD"};
  rp.payment_amount = money{1050, "USD"};
  dump(lines, "refund_partial", t.refund, rp, {completed});
  dump(lines, "get_refund", t.get_refund, get_refund_request{"1JU08902781691411", order_id}, {});
  dispute_request d;
  d.dispute_id = "PP-D-27803";
  dump(lines, "get_dispute", t.get_dispute, d, {});
  d.idempotency_key = "accept-PP-D-27803";
  dump(lines, "accept_dispute", t.accept_dispute, d, {});
  submit_evidence_request ev;
  ev.idempotency_key = "evidence-text";
  ev.dispute_id = "PP-D-27803";
  ev.text = "Shipped 2024-05-02, signed for by the cardholder";
  dump(lines, "submit_evidence_text", t.submit_evidence, ev, {});
  ev.idempotency_key = "evidence-files";
  ev.documents = {{evidence_type::receipt, "%PDF-1.4 receipt", "application/pdf", ""},
                  {evidence_type::other, "GIF89a", "image/gif", "PROOF_OF_FULFILLMENT"}};
  dump(lines, "submit_evidence_files", t.submit_evidence, ev, {});

  auto wallet_pay = authorize(capture_method::automatic, "order-1003");
  wallet_pay.method = wallet::of(wallet_type::paypal);
  dump(lines, "authorize_wallet", t.authorize, wallet_pay, {});
  setup_mandate_request sm;
  sm.idempotency_key = "idem-setup";
  sm.merchant_reference = "sub-1";
  sm.method = card{secret<std::string>("4012888888881881"), 3, 2030, secret<std::string>("123"),
                   "Asha Rao"};
  sm.shopper.id = "cust1001";
  sm.return_url = "https://merchant.example.com/return";
  http_response setup_approved{
      201, {}, R"({"id":"5C991763VB2781612","status":"APPROVED","customer":{"id":"cust1001"}})"};
  dump(lines, "setup_mandate_card", t.setup_mandate, sm, {setup_approved});
  auto smw = sm;
  smw.method = wallet::of(wallet_type::paypal);
  dump(lines, "setup_mandate_wallet", t.setup_mandate, smw, {});
  recurring_charge_request rc;
  rc.idempotency_key = "idem-rec";
  rc.merchant_reference = "sub-1-2026-12";
  rc.mandate_id = "8kk8451t";
  rc.customer_id = "cust1001";
  rc.amount = money{1999, "USD"};
  rc.model = recurring_model::subscription;
  auto token_of = [](std::string_view source) {
    return http_response{200,
                         {},
                         std::string(R"({"id":"8kk8451t","customer":{"id":"cust1001"},)") +
                             R"("payment_source":{")" + std::string(source) + R"(":{}}})"};
  };
  dump(lines, "recurring_card", t.recurring_charge, rc, {token_of("card")});
  dump(lines, "recurring_wallet", t.recurring_charge, rc, {token_of("paypal")});
  revoke_mandate_request rv;
  rv.mandate_id = "8kk8451t";
  dump(lines, "revoke_mandate", t.revoke_mandate, rv, {});

  // What an account with webhook_verification = "api" asks PayPal about a delivery.
  webhook_request wh;
  wh.headers = {
      {"PAYPAL-TRANSMISSION-ID", "69cd13f0-d67a-11e5-baa3-778b53f4ae55"},
      {"PAYPAL-TRANSMISSION-TIME", "2016-02-18T20:01:35Z"},
      {"PAYPAL-CERT-URL",
       "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594"},
      {"PAYPAL-AUTH-ALGO", "SHA256withRSA"},
      {"PAYPAL-TRANSMISSION-SIG", "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rM"}};
  wh.body = R"({"id":"WH-2WR32451HC0233532-67976317FL4543714","event_version":"1.0",)"
            R"("create_time":"2024-03-13T09:21:44.000Z","resource_type":"capture",)"
            R"("resource_version":"2.0","event_type":"PAYMENT.CAPTURE.COMPLETED",)"
            R"("summary":"Payment completed for $ 10.50 USD","resource":{"id":"3C679366HH908993F",)"
            R"("status":"COMPLETED","amount":{"currency_code":"USD","value":"10.50"}},)"
            R"("links":[{"href":"https://api.sandbox.paypal.com/v1/notifications/webhooks-events/)"
            R"(WH-2WR32451HC0233532-67976317FL4543714","rel":"self","method":"GET"}]})";
  wh.secret_key = secret<std::string>("1JE4291016473214C");
  if (auto v = c.webhook_verify->request(wh, test_credentials()))
    lines.push_back(line("webhook_verify", *v));
  else
    lines.push_back(json::object{{"flow", "webhook_verify"}, {"error", v.err().message}});

  std::ofstream file;
  if (argc > 1) {
    file.open(argv[1], std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "paypal_contract_requests: cannot write " << argv[1] << "\n";
      return 1;
    }
  }
  std::ostream& out = argc > 1 ? static_cast<std::ostream&>(file) : std::cout;
  for (const auto& l : lines) out << json::serialize(l) << "\n";
  out.flush();
  return out ? 0 : 1;
}
