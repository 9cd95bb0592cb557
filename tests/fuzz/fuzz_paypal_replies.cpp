// PayPal's replies (orders, authorizations, captures, refunds, disputes, errors, token replies)
// and webhook events through the parsers and through every flow of the connector. Input: <selector
// byte><reply>[\n--\n<reply>…] (fuzz_support.hpp); the selector picks a parser (one reply) or a
// flow (one reply per step: order → authorize/capture, order lookup → capture/void/refund;
// selectors 16–19 the dispute flows, 20–23 the mandate flows; the selector byte is taken mod 24).
#include "connectors/common/json.hpp"
#include "connectors/paypal/descriptor.hpp"
#include "connectors/paypal/replies.hpp"
#include "connectors/paypal/webhook_events.hpp"
#include "connectors/paypal/wire.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace cs_fuzz;
using namespace cs::connectors::paypal;

// The access token is what a PayPal call carries: it must never come back in an error.
constexpr std::string_view token = "A21AAFfuzzAccessToken0123456789";
constexpr std::string_view order_id = "5O190127TN364715T";
constexpr const char* dispute_id = "PP-D-27803";

void run_flow(unsigned which, const std::vector<http_response>& rs) {
  static const auto& c = cs::connectors::paypal::descriptor();
  credentials cr;
  cr.set("client_id", "FuzzClientId");
  cr.set("client_secret", "FuzzClientSecret");
  cr.set("access_token", std::string(token));
  auto go = [&](auto fn, const auto& req) { drive(c, fn, req, rs, cr, token); };
  switch (which) {
    case 0:
    case 1: {
      auto r = keyed(authorize_request{});
      r.amount = which == 0 ? money{1050, "USD"} : money{1000, "JPY"};
      r.method = test_card("4012888888881881", 3, 2034, "123", "Asha Rao");
      r.capture = which == 0 ? capture_method::manual : capture_method::automatic;
      r.return_url = "https://shop.example/return";
      return go(&flow_table::authorize, r);
    }
    case 2: {
      auto r = keyed(complete_authorize_request{});
      r.connector_payment_id = order_id;
      return go(&flow_table::complete_authorize, r);
    }
    case 3:
      return go(&flow_table::get_payment, get_payment_request{std::string(order_id), "order-1"});
    case 4: {
      auto r = keyed(capture_request{});
      r.connector_payment_id = order_id;
      r.amount_to_capture = money{400, "USD"};
      r.payment_amount = money{1050, "USD"};
      return go(&flow_table::capture, r);
    }
    case 5: {
      auto r = keyed(void_request{});
      r.connector_payment_id = order_id;
      return go(&flow_table::void_payment, r);
    }
    case 6: {
      auto r = keyed(refund_request{});
      r.connector_payment_id = order_id;
      r.amount = money{300, "USD"};
      r.payment_amount = money{1050, "USD"};
      return go(&flow_table::refund, r);
    }
    case 7:
      return go(&flow_table::get_refund,
                get_refund_request{"1JU08902781691411", std::string(order_id)});
    case 8:
    case 9: {
      dispute_request r;
      r.dispute_id = dispute_id;
      if (which == 8) return go(&flow_table::get_dispute, r);
      return go(&flow_table::accept_dispute, keyed(r));
    }
    case 12: {
      auto r = keyed(setup_mandate_request{});
      r.method = test_card("4012888888881881", 3, 2034, "123", "Asha Rao");
      r.shopper.id = "cust1001";
      r.return_url = "https://shop.example/return";
      return go(&flow_table::setup_mandate, r);
    }
    case 13: {
      auto r = keyed(setup_mandate_request{});
      r.method = processor_token{"5C991763VB2781612"};
      return go(&flow_table::setup_mandate, r);
    }
    case 14: {
      auto r = keyed(recurring_charge_request{});
      r.mandate_id = "8kk8451t";
      r.customer_id = "cust1001";
      r.amount = money{1999, "USD"};
      return go(&flow_table::recurring_charge, r);
    }
    case 15: {
      auto r = keyed(revoke_mandate_request{});
      r.mandate_id = "8kk8451t";
      return go(&flow_table::revoke_mandate, r);
    }
    default: {
      auto r = keyed(submit_evidence_request{});
      r.dispute_id = dispute_id;
      r.text = "Shipped 2024-05-02";
      r.documents.push_back({evidence_type::receipt, "%PDF-1.4", "application/pdf", ""});
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
      expect_no_secret(read_reply(r, token), token);
      break;
    case 1:
    case 2: {
      auto rep = read_reply(r, token);
      if (rep && rep->object) expect_no_secret(read_order(*rep->object, "order-1"), token);
      break;
    }
    case 3: {
      // The token reply holds a token by design; its errors must not echo the body.
      auto t = wire::token_source().read(r);
      if (t) break;
      std::string tok;
      if (auto doc = cs::connectors::json::parse(r.body, "paypal"); doc)
        tok = cs::connectors::json::str(*doc, "access_token");
      if (tok.size() >= 8) expect_no_secret(t.err().message, tok, "token error");
      break;
    }
    case 4:
      (void)read_event(r.body);
      break;
    default:
      (void)cs::connectors::paypal::descriptor().handle_webhook(
          webhook_request{{{"PAYPAL-TRANSMISSION-ID", "t"},
                           {"PAYPAL-TRANSMISSION-TIME", "0"},
                           {"PAYPAL-CERT-URL", "https://api.paypal.com/c"},
                           {"PAYPAL-AUTH-ALGO", "SHA256withRSA"},
                           {"PAYPAL-TRANSMISSION-SIG", r.body.substr(0, 64)}},
                          r.body,
                          secret<std::string>("WH-ID"),
                          {},
                          std::chrono::seconds(300),
                          r.body,
                          {}});
      break;
  }
  return 0;
}
