// Braintree's GraphQL replies (data, errors in a 200 body, partial data, HTTP errors) through every
// flow of the connector, and signed webhook notifications through the XML reader. Input:
// <selector byte><reply>[\n--\n<reply>…] (fuzz_support.hpp); the selector (taken mod 18) picks a
// flow (0–16, one reply per step) or a webhook (17: the first reply's body is the XML, base64'd
// and signed with the account's key pair, so the notification is read, not refused).
#include "connectors/braintree/descriptor.hpp"
#include "connectors/braintree/webhook.hpp"
#include "connectors/common/crypto.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace cs_fuzz;

// The private key is what every Braintree call carries (Basic auth): it must never come back.
constexpr std::string_view public_key = "fuzz_public_key";
constexpr std::string_view private_key = "fuzz_private_key_0123456789abcdef";
constexpr const char* txn_id = "dHJhbnNhY3Rpb25fY3M3cTJ4OW0";  // transaction_cs7q2x9m
constexpr const char* txn_legacy = "cs7q2x9m";
constexpr const char* refund_id = "cmVmdW5kX2NzcmYweDdr";     // refund_csrf0x7k
constexpr const char* dispute_id = "ZGlzcHV0ZV9jc2RwMHg3aw";  // dispute_csdp0x7k
constexpr const char* vaulted = "cGF5bWVudG1ldGhvZF9jY19jc3Z0MDFhYg";

card visa() {
  return test_card("4111111111111111", 6, 2030, "123", "Asha Rao");
}

void run_flow(unsigned which, const std::vector<http_response>& rs) {
  static const auto& c = cs::connectors::braintree::descriptor();
  credentials cr;
  cr.set("public_key", std::string(public_key));
  cr.set("private_key", std::string(private_key));
  if (which % 2 == 0) cr.set("merchant_account_id", "fuzz_usd");
  auto go = [&](auto fn, const auto& req) { drive(c, fn, req, rs, cr, private_key); };
  switch (which) {
    case 0:
    case 1:
    case 2: {
      auto r = keyed(authorize_request{});
      r.amount = which == 2 ? money{1000, "JPY"} : money{1050, "USD"};
      if (which == 2)
        r.method = processor_token{"fake-valid-nonce"};
      else
        r.method = visa();
      r.capture = which == 0 ? capture_method::manual : capture_method::automatic;
      return go(&flow_table::authorize, r);
    }
    case 3:
      return go(&flow_table::get_payment, get_payment_request{txn_id, "order-1"});
    case 4:
      return go(&flow_table::get_payment, get_payment_request{txn_legacy, "order-1"});
    case 5: {
      auto r = keyed(capture_request{});
      r.connector_payment_id = txn_id;
      r.amount_to_capture = money{400, "USD"};
      r.payment_amount = money{1050, "USD"};
      return go(&flow_table::capture, r);
    }
    case 6: {
      auto r = keyed(void_request{});
      r.connector_payment_id = txn_legacy;
      return go(&flow_table::void_payment, r);
    }
    case 7: {
      auto r = keyed(refund_request{});
      r.connector_payment_id = txn_id;
      r.amount = money{300, "USD"};
      return go(&flow_table::refund, r);
    }
    case 8:
      return go(&flow_table::get_refund, get_refund_request{refund_id, txn_id});
    case 9: {
      auto r = keyed(setup_mandate_request{});
      r.amount = money{0, "USD"};
      r.method = visa();
      r.shopper.id = "shopper-1001";
      return go(&flow_table::setup_mandate, r);
    }
    case 10: {
      auto r = keyed(recurring_charge_request{});
      r.mandate_id = vaulted;
      r.amount = money{1999, "USD"};
      r.model = recurring_model::subscription;
      return go(&flow_table::recurring_charge, r);
    }
    case 11: {
      auto r = keyed(revoke_mandate_request{});
      r.mandate_id = vaulted;
      return go(&flow_table::revoke_mandate, r);
    }
    case 12:
    case 13: {
      dispute_request r;
      r.dispute_id = which == 12 ? dispute_id : "csdp0x7k";
      if (which == 12) return go(&flow_table::get_dispute, r);
      return go(&flow_table::accept_dispute, keyed(r));
    }
    case 14:
    case 15: {
      auto r = keyed(submit_evidence_request{});
      r.dispute_id = dispute_id;
      r.text = "Delivered 2024-05-04";
      r.submit = which == 15;
      return go(&flow_table::submit_evidence, r);
    }
    default: {
      auto r = keyed(defend_dispute_request{});
      r.dispute_id = dispute_id;
      r.reason_code = "fuzz";
      return go(&flow_table::defend_dispute, r);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  input in(data, size);
  unsigned selector = in.byte() % 18;
  auto rs = replies(in);
  if (selector < 17) {
    run_flow(selector, rs);
    return 0;
  }
  if (rs.empty()) return 0;
  const cs::connectors::braintree::webhook_keys keys{std::string(public_key),
                                                     std::string(private_key)};
  const auto payload = cs::connectors::base64_encode(rs.front().body) + "\n";
  const auto pair = cs::connectors::braintree::signature_pair(payload, keys);
  webhook_request w;
  w.headers.push_back({"Content-Type", "application/x-www-form-urlencoded", false});
  // The form encoding of the two fields: the payload's + / = and the pair's | escaped.
  auto form = [](std::string_view v) {
    std::string out;
    for (char ch : v) {
      if (ch == '+')
        out += "%2B";
      else if (ch == '/')
        out += "%2F";
      else if (ch == '=')
        out += "%3D";
      else if (ch == '|')
        out += "%7C";
      else if (ch == '\n')
        out += "%0A";
      else
        out += ch;
    }
    return out;
  };
  w.body = "bt_signature=" + form(pair) + "&bt_payload=" + form(payload);
  w.secret_key = secret<std::string>(std::string(public_key) + ":" + std::string(private_key));
  auto r = cs::connectors::braintree::descriptor().handle_webhook(w);
  if (!r) expect_no_secret(r.err(), private_key);
  return 0;
}
