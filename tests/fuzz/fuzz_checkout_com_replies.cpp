// Checkout.com's replies (payments, 202 accepted actions, the actions list, disputes, bodiless
// 204s, error bodies) and signed webhook events through the reply readers and through every flow
// of the connector. Input: <selector byte><reply>[\n--\n<reply>…] (fuzz_support.hpp); the
// selector (taken mod 24) picks a reader (0–7, one reply) or a flow (8–23, one reply per step:
// submit_evidence has two).
#include "connectors/checkout_com/descriptor.hpp"
#include "connectors/checkout_com/replies.hpp"
#include "connectors/common/crypto.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace cs_fuzz;
using namespace cs::connectors::checkout_com;

// The secret key is what every Checkout.com call carries: it must never come back.
constexpr std::string_view key = "sk_sbox_fuzzkey0123456789abcdefghij";
constexpr const char* payment_id = "pay_mbabizu24mvu3mela5njyhpit4";
constexpr const char* dispute_id = "dsp_3dc29c89ce075g46136d7df7fa";
constexpr const char* mandate_id = "src_nq6m5dqvxmsunhtzf7adymbq3i.pay_mbabizu24mvu3mela5njyhpit4";

card visa() {
  return test_card("4242424242424242", 6, 2030, "100", "Asha Rao");
}

void run_flow(unsigned which, const std::vector<http_response>& rs) {
  static const auto& c = cs::connectors::checkout_com::descriptor();
  credentials cr;
  cr.set("secret_key", std::string(key));
  cr.set("processing_channel_id", "pc_q4dbxom5jbgudnjzjpz7j2z6uq");
  auto go = [&](auto fn, const auto& req) { drive(c, fn, req, rs, cr, key); };
  switch (which) {
    case 0:
    case 1: {
      auto r = keyed(authorize_request{});
      r.amount = which == 0 ? money{1050, "USD"} : money{1230, "BHD"};
      r.method = visa();
      r.capture = which == 0 ? capture_method::manual : capture_method::automatic;
      if (which == 1) r.return_url = "https://shop.example/return";
      return go(&flow_table::authorize, r);
    }
    case 2: {
      auto r = keyed(complete_authorize_request{});
      r.connector_payment_id = payment_id;
      r.redirect_payload = {{"cko-session-id", "sid_ubfj2q76miwundwlk72vxt2i7q"}};
      return go(&flow_table::complete_authorize, r);
    }
    case 3:
      return go(&flow_table::get_payment, get_payment_request{payment_id, "order-1"});
    case 4: {
      auto r = keyed(capture_request{});
      r.connector_payment_id = payment_id;
      r.amount_to_capture = money{400, "USD"};
      r.payment_amount = money{1050, "USD"};
      return go(&flow_table::capture, r);
    }
    case 5: {
      auto r = keyed(void_request{});
      r.connector_payment_id = payment_id;
      return go(&flow_table::void_payment, r);
    }
    case 6: {
      auto r = keyed(refund_request{});
      r.connector_payment_id = payment_id;
      r.amount = money{300, "USD"};
      return go(&flow_table::refund, r);
    }
    case 7:
      return go(&flow_table::get_refund,
                get_refund_request{"act_refundrefundrefundrefund12", payment_id});
    case 8:
    case 9: {
      auto r = keyed(setup_mandate_request{});
      r.amount = which == 8 ? money{0, "EUR"} : money{500, "JPY"};
      r.shopper.id = "cust-1001";
      if (which == 8) {
        r.method = visa();
      } else {
        r.method = processor_token{"tok_ubfj2q76miwundwlk72vxt2i7q"};
        r.model = recurring_model::subscription;
        r.return_url = "https://shop.example/mandate";
      }
      return go(&flow_table::setup_mandate, r);
    }
    case 10: {
      auto r = keyed(recurring_charge_request{});
      r.mandate_id = mandate_id;
      r.amount = money{1999, "EUR"};
      return go(&flow_table::recurring_charge, r);
    }
    case 11: {
      auto r = keyed(revoke_mandate_request{});
      r.mandate_id = mandate_id;
      return go(&flow_table::revoke_mandate, r);
    }
    case 12:
    case 13: {
      dispute_request r;
      r.dispute_id = dispute_id;
      if (which == 12) return go(&flow_table::get_dispute, r);
      return go(&flow_table::accept_dispute, keyed(r));
    }
    default: {
      auto r = keyed(submit_evidence_request{});
      r.dispute_id = dispute_id;
      r.text = "Delivered 2024-05-04";
      r.documents.push_back({evidence_type::receipt, "file_jmbfgkjromvcrn9t4qu4",
                             "application/vnd.checkout.file-id", ""});
      r.submit = which != 14;
      return go(&flow_table::submit_evidence, r);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  input in(data, size);
  unsigned selector = in.byte() % 24;
  auto rs = replies(in);
  if (selector >= 8) {
    run_flow(selector - 8, rs);
    return 0;
  }
  if (rs.empty()) return 0;
  const auto& r = rs.front();
  switch (selector) {
    case 0:
      expect_no_secret(read_reply(r, key), key);
      break;
    case 1: {
      auto body = read_reply(r, key);
      if (body) expect_no_secret(read_payment(*body, "order-1", key), key);
      break;
    }
    case 2: {
      auto body = read_reply(r, key);
      if (body) (void)read_action_id(*body);
      break;
    }
    case 3: {
      auto body = read_list_reply(r, key);
      if (!body) expect_no_secret(body.err(), key);
      if (body)
        expect_no_secret(read_refund_action(*body, "act_refundrefundrefundrefund12", key), key);
      break;
    }
    case 4: {
      auto body = read_reply(r, key);
      if (body) expect_no_secret(read_dispute(*body, dispute_id, key), key);
      break;
    }
    case 5:
      if (auto s = read_empty_reply(r, key); !s) expect_no_secret(s.err(), key);
      break;
    case 6: {
      auto body = read_reply(r, key);
      if (body) (void)read_source_id(*body);
      break;
    }
    default: {
      // A delivery signed with the key, so the event is read (an unsigned one stops at the check).
      webhook_request w;
      w.body = r.body;
      w.secret_key = secret<std::string>("fuzz-signature-key");
      w.headers.push_back(
          {"Cko-Signature",
           cs::connectors::hex_encode(cs::connectors::hmac_sha256("fuzz-signature-key", r.body)),
           false});
      (void)cs::connectors::checkout_com::descriptor().handle_webhook(w);
      break;
    }
  }
  return 0;
}
