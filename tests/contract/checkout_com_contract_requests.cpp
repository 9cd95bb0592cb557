// Dumps, as JSON lines, the request of every step of every Checkout.com flow the connector has,
// for check_checkout_com_contract.js to send to a Prism mock of Checkout.com's own API
// description (nas_spec). Later steps are reached with canned replies, as the flow actor would.
#include <string>
#include <vector>

#include "connectors/checkout_com/descriptor.hpp"
#include "request_dump.hpp"

namespace {

using namespace cs::domain;
using contract_dump::dump;

const std::string payment_id = "pay_mbabizu24mvu3mela5njyhpit4";
const std::string source_id = "src_nq6m5dqvxmsunhtzf7adymbq3i";
const std::string dispute_id = "dsp_rbhwd2qrg13uhrp2newfq4dwm6";

credentials test_credentials() {
  credentials c;
  c.set("secret_key", "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e");
  c.set("processing_channel_id", "pc_zs5fqhybzc2e3jmq3efvybybpq");
  c.set("public_key", "pk_sbox_ejblhj7vyhxmeu3mjcqrhuq3hi5");
  return c;
}

authorize_request authorize(capture_method cm, std::string ref) {
  authorize_request r;
  r.idempotency_key = "idem-" + ref;
  r.merchant_reference = std::move(ref);
  r.amount = money{1050, "USD"};
  r.capture = cm;
  r.method = card{secret<std::string>("4242424242424242"), 6, 2030, secret<std::string>("100"),
                  "Asha Rao"};
  r.description = "Contract test order";
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const auto& t = cs::connectors::checkout_com::descriptor().flows;
  const auto creds = test_credentials();
  std::vector<boost::json::object> lines;

  dump(lines, "authorize_manual", t.authorize, authorize(capture_method::manual, "order-1001"),
       creds);
  dump(lines, "authorize_automatic", t.authorize,
       authorize(capture_method::automatic, "order-1002"), creds);
  dump(lines, "get_payment", t.get_payment, get_payment_request{payment_id, ""}, creds);

  capture_request full;
  full.idempotency_key = "cap-full";
  full.merchant_reference = "order-1001";
  full.connector_payment_id = payment_id;
  dump(lines, "capture_full", t.capture, full, creds);
  capture_request partial = full;
  partial.idempotency_key = "cap-part";
  partial.amount_to_capture = money{400, "USD"};
  partial.payment_amount = money{1050, "USD"};
  dump(lines, "capture_partial", t.capture, partial, creds);

  void_request v;
  v.idempotency_key = "void-1";
  v.merchant_reference = "order-1001";
  v.connector_payment_id = payment_id;
  dump(lines, "void", t.void_payment, v, creds);

  refund_request rf;
  rf.idempotency_key = "ref-full";
  rf.merchant_reference = "order-1001";
  rf.connector_payment_id = payment_id;
  dump(lines, "refund_full", t.refund, rf, creds);
  refund_request rp = rf;
  rp.idempotency_key = "ref-part";
  rp.amount = money{300, "USD"};
  rp.payment_amount = money{1050, "USD"};
  dump(lines, "refund_partial", t.refund, rp, creds);

  auto three_ds = authorize(capture_method::automatic, "order-1003");
  three_ds.return_url = "https://merchant.example.com/return";
  dump(lines, "authorize_3ds", t.authorize, three_ds, creds);
  auto token = authorize(capture_method::manual, "order-1004");
  token.method = processor_token{"tok_ubfj2q76miwundwlk72vxt2i7q"};
  dump(lines, "authorize_token", t.authorize, token, creds);
  auto stored = authorize(capture_method::automatic, "order-1005");
  stored.method = processor_token{source_id};
  dump(lines, "authorize_stored_card", t.authorize, stored, creds);
  // Wallets: POST /tokens with the public key, then the payment with the token (canned 201).
  const http_response token_created{
      201,
      {},
      R"({"type":"applepay","token":"tok_ubfj2q76miwundwlk72vxt2i7q","expires_on":)"
      R"("2026-12-05T13:15:00Z","expiry_month":12,"expiry_year":2029,"last4":"1111",)"
      R"("bin":"411111"})"};
  auto apple = authorize(capture_method::automatic, "order-1006");
  apple.method = wallet::of(
      wallet_type::apple_pay,
      R"({"version":"EC_v1","data":"t7GeajLB9skXB6QSWfEpPA4WPhDqB7ekdd+F7588arLzve",)"
      R"("signature":"MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAKCAMI",)"
      R"("header":{"ephemeralPublicKey":"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEX1ievoT8DRB8T5zG",)"
      R"("publicKeyHash":"tqYV+tmG9aMh+l/K6cicUnPqkb1gUiLjSTM9gEz6Nl0=",)"
      R"("transactionId":"3cee89679130a4b2617c76118a1c62fd400cd45b49dc0916d5b951b560cd17b4"}})");
  dump(lines, "authorize_apple_pay", t.authorize, apple, creds, {token_created});
  auto google = authorize(capture_method::manual, "order-1007");
  google.method = wallet::of(
      wallet_type::google_pay,
      R"({"protocolVersion":"ECv2","signature":"TJVA95OrM7E2cBab30RMHrHDcEfxjoYZgeFONFh7HgQ",)"
      R"("intermediateSigningKey":{"signedKey":"{}","signatures":["MEQ"]},)"
      R"("signedMessage":"{\"encryptedMessage\":\"ZW5jcnlwdGVk\",\"ephemeralPublicKey\":)"
      R"(\"ZXBoZW1lcmFs\",\"tag\":\"c2lnbmF0dXJl\"}"})");
  dump(lines, "authorize_google_pay", t.authorize, google, creds, {token_created});
  auto decrypted = authorize(capture_method::automatic, "order-1008");
  decrypted.method = network_token{secret<std::string>("4543474002249996"),
                                   6,
                                   2030,
                                   secret<std::string>("hv8mUFzPzRZoCAAAAAEQBDMAAAA="),
                                   "05",
                                   "Bruce Wayne",
                                   token_origin::apple_pay};
  dump(lines, "authorize_apple_pay_decrypted", t.authorize, decrypted, creds);
  auto vts = decrypted;
  vts.merchant_reference = "order-1009";
  vts.idempotency_key = "idem-order-1009";
  std::get<network_token>(vts.method).origin = token_origin::token_service;
  dump(lines, "authorize_network_token", t.authorize, vts, creds);

  complete_authorize_request ca;
  ca.idempotency_key = "idem-3ds";
  ca.connector_payment_id = payment_id;
  ca.redirect_payload = {{"cko-session-id", "sid_ubfj2q76miwundwlk72vxt2i7q"}};
  dump(lines, "complete_authorize", t.complete_authorize, ca, creds);
  dump(lines, "get_refund", t.get_refund,
       get_refund_request{"act_y3oqhf46pyzuxjbcn2giaqnb44", payment_id}, creds);

  setup_mandate_request sm;
  sm.idempotency_key = "idem-setup";
  sm.merchant_reference = "sub-1";
  sm.method = card{secret<std::string>("4242424242424242"), 6, 2030, secret<std::string>("100"),
                   "Asha Rao"};
  sm.shopper.id = "cust1001";
  sm.amount = money{0, "USD"};
  sm.model = recurring_model::subscription;
  dump(lines, "setup_mandate", t.setup_mandate, sm, creds);
  auto sm3 = sm;
  sm3.idempotency_key = "idem-setup-3ds";
  sm3.return_url = "https://merchant.example.com/return";
  dump(lines, "setup_mandate_3ds", t.setup_mandate, sm3, creds);
  recurring_charge_request rc;
  rc.idempotency_key = "idem-rec";
  rc.merchant_reference = "sub-1-2026-12";
  rc.mandate_id = source_id + "." + payment_id;
  rc.amount = money{1999, "USD"};
  rc.model = recurring_model::subscription;
  dump(lines, "recurring_charge", t.recurring_charge, rc, creds);
  revoke_mandate_request rv;
  rv.mandate_id = rc.mandate_id;
  dump(lines, "revoke_mandate", t.revoke_mandate, rv, creds);

  dispute_request d;
  d.dispute_id = dispute_id;
  dump(lines, "get_dispute", t.get_dispute, d, creds);
  d.idempotency_key = "accept-1";
  dump(lines, "accept_dispute", t.accept_dispute, d, creds);
  submit_evidence_request ev;
  ev.idempotency_key = "evidence-1";
  ev.dispute_id = dispute_id;
  ev.text = "The customer signed for the parcel on 2024-05-04.";
  ev.documents.push_back({evidence_type::shipping_proof,
                          "Tracking 1Z999AA10123456784, delivered 2024-05-04", "text/plain", ""});
  ev.documents.push_back({evidence_type::other, "file_jmbfgkjromvcrn9t4qu4",
                          "application/vnd.checkout.file-id", "invoice_or_receipt"});
  // The evidence step answered 204, then the submission.
  dump(lines, "submit_evidence", t.submit_evidence, ev, creds, {http_response{204, {}, ""}});
  ev.submit = false;
  ev.idempotency_key = "evidence-draft";
  dump(lines, "submit_evidence_draft", t.submit_evidence, ev, creds);

  return contract_dump::write(lines, argc, argv, "checkout_com_contract_requests");
}
