// Writes the request of every step of every Stripe flow, built through the connector's public
// interface from fixed domain requests, as JSON lines for check_stripe_contract.js to send to a
// Prism mock of Stripe's own OpenAPI description:
//
//   {"flow":…, "step":1, "of":2, "method":…, "path":"/v1/…", "headers":{…}, "body":"<form>",
//    "content_type":…}
//
// Multi-step flows hand out their next request only when given the earlier exchanges, so each
// step is answered with a plausible canned Stripe reply (tests/golden/stripe/*.response.json)
// until the flow returns its result. A flow that errs, stops early or wants more steps than
// expected is written as {"flow":…, "error":…} so it shows up as a failure there rather than
// vanishing.
//
//   stripe_contract_requests [OUTFILE]     (stdout when absent)

#include <boost/json.hpp>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include "connectors/registry.hpp"
#include "domain/connector.hpp"

namespace {

namespace json = boost::json;
using namespace cs::domain;

// Fixed inputs: the contract is about shapes, so one plausible value per field is enough.
const std::string pi_id = "pi_3NtwuU2eZvKYlo2C1hG0Jb5X";
const std::string pm_id = "pm_1NtwuT2eZvKYlo2CdBzYHnUf";
const std::string cus_id = "cus_OhGd2Ya6sS7X8z";
const std::string re_id = "re_3NtwuU2eZvKYlo2C0t1Bq4Rz";
const std::string dp_id = "dp_1NtxAB2eZvKYlo2C5XbGcMq1";

credentials test_credentials() {
  credentials c;
  c.set("api_key", "sk_test_51ContractTestKey0123456789abcdef");
  return c;
}

card test_card() {
  return card{secret<std::string>("4242424242424242"), 12, 2034, secret<std::string>("314"),
              "Jenny Rosen"};
}

customer test_shopper() {
  return customer{"shopper-42",   "jenny+shop@example.com",
                  "+14155550123", "Jenny Rosen",
                  "192.0.2.10",   "Mozilla/5.0"};
}

std::string golden(const std::string& name) {
  const std::string path = std::string(CS_GOLDEN_DIR) + "/stripe/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read canned reply " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

http_response reply(const std::string& golden_name) {
  return http_response{200, {{"Content-Type", "application/json", false}}, golden(golden_name)};
}

authorize_request authorize_card(capture_method cm, std::string ref) {
  authorize_request r;
  r.idempotency_key = "idem-" + ref;
  r.merchant_reference = std::move(ref);
  r.amount = money{2000, "USD"};
  r.method = test_card();
  r.capture = cm;
  r.return_url = "https://shop.example/return?order=2001&step=3ds";
  r.shopper = test_shopper();
  r.description = "Order 2001 & gift wrap";
  r.metadata = {{"cart", "c 9/1"}, {"order_id", "2001"}};
  return r;
}

// A PaymentMethod Stripe holds, a Stripe Customer, and no return_url: the intent then rules out
// redirecting methods (automatic_payment_methods[…]).
authorize_request authorize_token() {
  authorize_request r;
  r.idempotency_key = "idem-auth-token";
  r.merchant_reference = "order-2002";
  r.amount = money{1500, "JPY"};
  r.method = processor_token{"pm_card_visa"};
  r.capture = capture_method::automatic;
  r.shopper.id = cus_id;
  return r;
}

capture_request capture(std::optional<money> amount) {
  capture_request r;
  r.idempotency_key = amount ? "idem-cap-part" : "idem-cap-full";
  r.merchant_reference = "order-2001";
  r.connector_payment_id = pi_id;
  r.amount_to_capture = std::move(amount);
  r.payment_amount = money{2000, "USD"};
  return r;
}

refund_request refund(std::optional<money> amount) {
  refund_request r;
  r.idempotency_key = amount ? "idem-ref-part" : "idem-ref-full";
  r.merchant_reference = "refund-2001";
  r.connector_payment_id = pi_id;
  r.amount = std::move(amount);
  r.payment_amount = money{2000, "USD"};
  r.reason = "requested_by_customer";
  return r;
}

void_request void_req() {
  void_request r;
  r.idempotency_key = "idem-void";
  r.merchant_reference = "order-2001";
  r.connector_payment_id = pi_id;
  r.reason = "requested_by_customer";
  return r;
}

complete_authorize_request complete_authorize() {
  complete_authorize_request r;
  r.idempotency_key = "idem-complete";
  r.merchant_reference = "order-2001";
  r.connector_payment_id = pi_id;
  r.redirect_payload = {{"payment_intent", pi_id},
                        {"payment_intent_client_secret", pi_id + "_secret_kXyVZ"}};
  r.capture = capture_method::manual;
  return r;
}

setup_mandate_request setup_mandate(payment_method method) {
  setup_mandate_request r;
  r.idempotency_key = "idem-mandate-3001";
  r.merchant_reference = "mandate-3001";
  r.method = std::move(method);
  r.shopper = test_shopper();
  r.amount = money{0, "EUR"};
  r.model = recurring_model::card_on_file;
  r.return_url = "https://shop.example/mandate/return";
  return r;
}

recurring_charge_request recurring_charge() {
  recurring_charge_request r;
  r.idempotency_key = "idem-recurring-1";
  r.merchant_reference = "sub-2023-10";
  r.mandate_id = pm_id;
  r.customer_id = cus_id;
  r.amount = money{4999, "EUR"};
  r.capture = capture_method::automatic;
  r.model = recurring_model::unscheduled;
  return r;
}

submit_evidence_request evidence(bool submit) {
  submit_evidence_request r;
  r.dispute_id = dp_id;
  r.text = "Delivered 2023-09-20 to the cardholder's address; signed for by J. Rosen.";
  r.documents = {
      {evidence_type::receipt, "file_1NtxC22eZvKYlo2CReceipt0", "application/vnd.stripe.file-id",
       ""},
      {evidence_type::shipping_proof, "file_1NtxC22eZvKYlo2CShipping",
       "application/vnd.stripe.file-id", ""},
      {evidence_type::other, "file_1NtxC22eZvKYlo2CSignature", "application/vnd.stripe.file-id",
       "customer_signature"},
  };
  r.submit = submit;
  return r;
}

json::object request_line(std::string_view flow, std::size_t step, std::size_t of,
                          const http_request& req) {
  json::object o;
  o["flow"] = flow;
  o["step"] = step;
  o["of"] = of;
  o["method"] = to_string(req.method);
  // Stripe's base URL has no path: the spec's paths are the targets (/v1/…).
  o["path"] = req.target;
  json::object headers;
  for (const auto& h : req.headers) headers[h.name] = h.value;
  headers["Accept"] = "application/json";
  // As the HTTP client does: a Content-Type for every body and every non-GET request.
  if (!req.body.empty() || req.method != http_method::get)
    headers["Content-Type"] = req.content_type;
  o["headers"] = std::move(headers);
  o["body"] = req.body;
  o["content_type"] = req.content_type;
  return o;
}

json::object error_line(std::string_view flow, std::size_t step, std::string message) {
  json::object o;
  o["flow"] = flow;
  o["step"] = step;
  o["error"] = std::move(message);
  return o;
}

// Runs one flow to its end: every request it asks for is written, and answered with the next
// canned reply. `replies` holds one reply per step, so the flow must ask exactly that often.
template <class R>
void drive(std::vector<json::object>& out, const std::string& flow,
           const std::function<step_result<R>(const flow_context&)>& step,
           const std::vector<std::string>& replies) {
  const credentials creds = test_credentials();
  std::vector<exchange> done;
  for (std::size_t i = 0;; ++i) {
    step_result<R> s = step(flow_context{creds, std::span<const exchange>(done)});
    if (!s.ok()) {
      out.push_back(error_line(
          flow, i + 1,
          std::string(to_string(s.err().code)) + " " + s.err().reason + ": " + s.err().message));
      return;
    }
    if (std::holds_alternative<R>(s.value())) {
      if (i < replies.size())
        out.push_back(error_line(flow, i + 1,
                                 "the flow ended after " + std::to_string(i) + " of " +
                                     std::to_string(replies.size()) + " expected steps"));
      return;
    }
    const auto& req = std::get<http_request>(s.value());
    if (i >= replies.size()) {
      out.push_back(
          error_line(flow, i + 1,
                     "the flow asked for a step beyond the " + std::to_string(replies.size()) +
                         " expected: " + std::string(to_string(req.method)) + " " + req.target));
      return;
    }
    out.push_back(request_line(flow, i + 1, replies.size(), req));
    done.push_back(exchange{req, reply(replies[i])});
  }
}

}  // namespace

int main(int argc, char** argv) {
  const connector* c = cs::connectors::builtin().find("stripe");
  if (c == nullptr) {
    std::cerr << "stripe_contract_requests: connector \"stripe\" is not registered\n";
    return 1;
  }
  std::vector<json::object> lines;
  try {
    using pay = payment_result;
    auto authorize = [&](std::string flow, authorize_request r, std::vector<std::string> replies) {
      drive<pay>(
          lines, flow, [&](const flow_context& ctx) { return c->flows.authorize(r, ctx); },
          replies);
    };
    authorize("authorize_card_manual", authorize_card(capture_method::manual, "order-2001"),
              {"payment_method.response.json", "pi_requires_capture.response.json"});
    authorize("authorize_card_automatic", authorize_card(capture_method::automatic, "order-2003"),
              {"payment_method.response.json", "pi_succeeded.response.json"});
    authorize("authorize_token", authorize_token(), {"pi_succeeded.response.json"});
    // Google Pay through gateway "stripe": the token's id becomes a card PaymentMethod
    // (card[token]). Apple Pay's first step, POST /v1/tokens (pk_token), is not in the spec's
    // subset, so it is not dumped (connectors/stripe/README.md).
    auto google = authorize_card(capture_method::automatic, "order-2004");
    google.method = wallet::of(wallet_type::google_pay, R"({"id":"tok_visa","object":"token"})");
    authorize("authorize_google_pay", google,
              {"payment_method.response.json", "pi_succeeded.response.json"});
    // SEPA Direct Debit: a sepa_debit PaymentMethod, then the intent with payment_method_types
    // and the online mandate (customer_acceptance with the shopper's IP and browser).
    auto sepa = authorize_card(capture_method::automatic, "order-2005");
    sepa.amount = money{2500, "EUR"};
    sepa.method = sepa_debit{secret<std::string>("DE89370400440532013000"), "Jenny Rosen"};
    authorize("authorize_sepa_debit", sepa,
              {"payment_method.response.json", "pi_succeeded.response.json"});
    // ACH: a us_bank_account PaymentMethod, then the intent with the mandate, as SEPA.
    auto ach = sepa;
    ach.merchant_reference = "order-2008";
    ach.amount = money{4200, "USD"};
    ach.method =
        ach_debit{secret<std::string>("000123456789"), "110000000", bank_account_type::checking,
                  "Jenny Rosen", account_holder_type::individual};
    authorize("authorize_ach_debit", ach,
              {"payment_method.response.json", "pi_succeeded.response.json"});
    // iDEAL (a bank picked) and Bancontact: the PaymentMethod, then the intent limited to the
    // type, with the return_url the bank sends the shopper back to.
    auto ideal = authorize_card(capture_method::automatic, "order-2006");
    ideal.amount = money{1500, "EUR"};
    ideal.return_url = "https://shop.example/return";
    ideal.method = bank_redirect{bank_redirect_type::ideal, "rabobank"};
    authorize("authorize_ideal", ideal,
              {"payment_method.response.json", "pi_succeeded.response.json"});
    auto bancontact = ideal;
    bancontact.merchant_reference = "order-2007";
    bancontact.method = bank_redirect{bank_redirect_type::bancontact, {}};
    authorize("authorize_bancontact", bancontact,
              {"payment_method.response.json", "pi_succeeded.response.json"});

    drive<pay>(
        lines, "capture_full",
        [&](const flow_context& ctx) { return c->flows.capture(capture(std::nullopt), ctx); },
        {"pi_succeeded.response.json"});
    drive<pay>(lines, "capture_partial",
               [&](const flow_context& ctx) {
                 return c->flows.capture(capture(money{400, "USD"}), ctx);
               },
               {"pi_partially_captured.response.json"});
    drive<refund_result>(
        lines, "refund_full",
        [&](const flow_context& ctx) { return c->flows.refund(refund(std::nullopt), ctx); },
        {"refund_succeeded.response.json"});
    drive<refund_result>(lines, "refund_partial",
                         [&](const flow_context& ctx) {
                           return c->flows.refund(refund(money{300, "USD"}), ctx);
                         },
                         {"refund_pending.response.json"});
    drive<pay>(lines, "void",
               [&](const flow_context& ctx) { return c->flows.void_payment(void_req(), ctx); },
               {"pi_canceled.response.json"});
    drive<pay>(lines, "get_payment",
               [&](const flow_context& ctx) {
                 return c->flows.get_payment(get_payment_request{pi_id, "order-2001"}, ctx);
               },
               {"pi_requires_capture.response.json"});
    drive<refund_result>(lines, "get_refund",
                         [&](const flow_context& ctx) {
                           return c->flows.get_refund(get_refund_request{re_id, pi_id}, ctx);
                         },
                         {"refund_succeeded.response.json"});
    drive<pay>(lines, "complete_authorize",
               [&](const flow_context& ctx) {
                 return c->flows.complete_authorize(complete_authorize(), ctx);
               },
               {"pi_requires_capture.response.json"});

    drive<mandate_result>(lines, "setup_mandate_card",
                          [&](const flow_context& ctx) {
                            return c->flows.setup_mandate(setup_mandate(test_card()), ctx);
                          },
                          {"customer.response.json", "payment_method.response.json",
                           "setup_intent_succeeded.response.json"});
    drive<mandate_result>(lines, "setup_mandate_token",
                          [&](const flow_context& ctx) {
                            return c->flows.setup_mandate(
                                setup_mandate(processor_token{"pm_card_visa"}), ctx);
                          },
                          {"customer.response.json", "setup_intent_succeeded.response.json"});
    drive<pay>(
        lines, "recurring_charge",
        [&](const flow_context& ctx) { return c->flows.recurring_charge(recurring_charge(), ctx); },
        {"pi_succeeded.response.json"});
    drive<revoke_result>(
        lines, "revoke_mandate",
        [&](const flow_context& ctx) {
          return c->flows.revoke_mandate(revoke_mandate_request{{}, pm_id, cus_id}, ctx);
        },
        {"payment_method_detached.response.json"});

    drive<dispute_result>(lines, "accept_dispute",
                          [&](const flow_context& ctx) {
                            return c->flows.accept_dispute(dispute_request{{}, dp_id}, ctx);
                          },
                          {"dispute_lost.response.json"});
    drive<dispute_result>(
        lines, "submit_evidence_draft",
        [&](const flow_context& ctx) { return c->flows.submit_evidence(evidence(false), ctx); },
        {"dispute_needs_response.response.json"});
    drive<dispute_result>(
        lines, "submit_evidence_submit",
        [&](const flow_context& ctx) { return c->flows.submit_evidence(evidence(true), ctx); },
        {"dispute_under_review.response.json"});
    drive<dispute_result>(lines, "get_dispute",
                          [&](const flow_context& ctx) {
                            return c->flows.get_dispute(dispute_request{{}, dp_id}, ctx);
                          },
                          {"dispute_under_review.response.json"});
  } catch (const std::exception& e) {
    std::cerr << "stripe_contract_requests: " << e.what() << "\n";
    return 1;
  }

  std::ofstream file;
  if (argc > 1) {
    file.open(argv[1], std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "stripe_contract_requests: cannot write " << argv[1] << "\n";
      return 1;
    }
  }
  std::ostream& out = argc > 1 ? static_cast<std::ostream&>(file) : std::cout;
  for (const auto& l : lines) out << json::serialize(l) << "\n";
  out.flush();
  return out ? 0 : 1;
}
