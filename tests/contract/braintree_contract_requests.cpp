// Dumps, as JSON lines, the request of every step of every Braintree flow the connector has, for
// check_braintree_contract.js to judge against Braintree's GraphQL schema (graphql-js: parse,
// validation, variables coerced). Later steps are reached with canned replies, as the flow actor
// would; legacy-id steps with a legacy id.
#include <string>
#include <vector>

#include "connectors/braintree/descriptor.hpp"
#include "request_dump.hpp"

namespace {

using namespace cs::domain;
using contract_dump::dump;

const std::string txn_id = "dHJhbnNhY3Rpb25fY3M3cTJ4OW0";
const std::string refund_id = "cmVmdW5kX2NzcmYxMjM0";
const std::string dispute_id = "ZGlzcHV0ZV9jc2RwMHg3aw";
const std::string nonce = "tokencc_bh_cs7q2x_9m4k2p_2j6w8d_5t3v1q_4x8";
const std::string vaulted = "cGF5bWVudG1ldGhvZF9jY19jc3Rlc3Q";

credentials test_credentials() {
  credentials c;
  c.set("public_key", "cstestpublickey1");
  c.set("private_key", "cstestprivatekey0000000000000001");
  c.set("merchant_account_id", "cs_test_usd");
  return c;
}

http_response data(const std::string& json) {
  return http_response{200, {}, R"({"data":)" + json + "}"};
}

http_response lookup() {
  return data(
      R"({"search":{"transactions":{"edges":[]}},"viewer":{"merchant":{"merchantAccounts":{"edges":[{"node":{"id":"cs_test_usd","currencyCode":"USD","isDefault":true}}]}}}})");
}

http_response tokenized() {
  return data(R"({"tokenizeCreditCard":{"paymentMethod":{"id":")" + nonce +
              R"(","usage":"SINGLE_USE"}}})");
}

http_response node_txn(std::string_view status) {
  return data(
      R"({"node":{"__typename":"Transaction","id":")" + txn_id +
      R"(","legacyId":"cs7q2x9m","status":")" + std::string(status) +
      R"(","orderId":"order-1001","amount":{"value":"10.50","currencyCode":"USD"},"statusHistory":[],"refunds":[]}})");
}

http_response legacy(const std::string& global) {
  return data(R"({"idFromLegacyId":")" + global + "\"}");
}

authorize_request authorize(capture_method cm, std::string ref) {
  authorize_request r;
  r.idempotency_key = "idem-" + ref;
  r.merchant_reference = std::move(ref);
  r.amount = money{1050, "USD"};
  r.capture = cm;
  r.method = card{secret<std::string>("4111111111111111"), 6, 2030, secret<std::string>("123"),
                  "Asha Rao"};
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const auto& t = cs::connectors::braintree::descriptor().flows;
  const auto creds = test_credentials();
  std::vector<boost::json::object> lines;

  dump(lines, "authorize_manual", t.authorize, authorize(capture_method::manual, "order-1001"),
       creds, {lookup(), tokenized()});
  dump(lines, "authorize_automatic", t.authorize,
       authorize(capture_method::automatic, "order-1002"), creds, {lookup(), tokenized()});
  auto with_nonce = authorize(capture_method::automatic, "order-1004");
  with_nonce.method = processor_token{nonce};
  dump(lines, "authorize_token", t.authorize, with_nonce, creds, {lookup()});

  dump(lines, "get_payment", t.get_payment, get_payment_request{txn_id, ""}, creds);
  dump(lines, "get_payment_legacy_id", t.get_payment, get_payment_request{"cs7q2x9m", ""}, creds,
       {legacy(txn_id)});

  capture_request full;
  full.idempotency_key = "cap-full";
  full.connector_payment_id = txn_id;
  dump(lines, "capture_full", t.capture, full, creds, {node_txn("AUTHORIZED")});
  capture_request partial = full;
  partial.amount_to_capture = money{450, "USD"};
  partial.payment_amount = money{1050, "USD"};
  dump(lines, "capture_partial", t.capture, partial, creds, {node_txn("AUTHORIZED")});

  void_request v;
  v.idempotency_key = "void-1";
  v.connector_payment_id = txn_id;
  dump(lines, "void", t.void_payment, v, creds, {node_txn("AUTHORIZED")});

  refund_request rf;
  rf.idempotency_key = "ref-full";
  rf.connector_payment_id = txn_id;
  dump(lines, "refund_full", t.refund, rf, creds, {node_txn("SETTLED")});
  refund_request rp = rf;
  rp.idempotency_key = "ref-part";
  rp.amount = money{300, "USD"};
  rp.payment_amount = money{1050, "USD"};
  rp.reason = "customer asked";
  dump(lines, "refund_partial", t.refund, rp, creds, {node_txn("SETTLED")});

  get_refund_request gr;
  gr.connector_refund_id = refund_id;
  gr.connector_payment_id = txn_id;
  dump(lines, "get_refund", t.get_refund, gr, creds);

  setup_mandate_request sm;
  sm.idempotency_key = "sm-1";
  sm.method = card{secret<std::string>("4111111111111111"), 6, 2030, secret<std::string>("123"),
                   "Asha Rao"};
  sm.shopper.id = "Y3VzdG9tZXJfY3N0ZXN0";
  sm.amount = money{0, "USD"};
  dump(lines, "setup_mandate", t.setup_mandate, sm, creds, {tokenized()});

  recurring_charge_request rc;
  rc.idempotency_key = "rc-1";
  rc.merchant_reference = "order-1003";
  rc.mandate_id = vaulted;
  rc.amount = money{4999, "USD"};
  rc.model = recurring_model::subscription;
  dump(lines, "recurring_charge", t.recurring_charge, rc, creds, {lookup()});

  revoke_mandate_request rv;
  rv.idempotency_key = "rv-1";
  rv.mandate_id = vaulted;
  dump(lines, "revoke_mandate", t.revoke_mandate, rv, creds);

  dispute_request d;
  d.idempotency_key = "d-1";
  d.dispute_id = dispute_id;
  dump(lines, "get_dispute", t.get_dispute, d, creds);
  dump(lines, "accept_dispute", t.accept_dispute, d, creds);
  dispute_request dl = d;
  dl.dispute_id = "csdp0x7k";
  dump(lines, "accept_dispute_legacy_id", t.accept_dispute, dl, creds, {legacy(dispute_id)});

  submit_evidence_request ev;
  ev.idempotency_key = "ev-1";
  ev.dispute_id = dispute_id;
  ev.text = "Delivered 2026-01-04, tracking 1Z999AA10123456784";
  dump(lines, "submit_evidence_text", t.submit_evidence, ev, creds,
       {data(R"({"createDisputeTextEvidence":{"evidence":{"id":"ev1"}}})")});

  defend_dispute_request df;
  df.idempotency_key = "df-1";
  df.dispute_id = dispute_id;
  dump(lines, "defend_dispute", t.defend_dispute, df, creds);

  return contract_dump::write(lines, argc, argv, "braintree_contract_requests");
}
