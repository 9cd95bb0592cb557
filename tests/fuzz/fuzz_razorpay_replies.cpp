// Razorpay's replies (entities, create replies, declines, errors) through the reply parsers and
// through every flow of the connector (void has no call). Input: <selector byte><reply>
// [\n--\n<reply>…] (fuzz_support.hpp); the selector picks a parser (one reply) or a flow (one
// reply per step: order → payment, customer → order → payment, …).
#include "connectors/razorpay/descriptor.hpp"
#include "connectors/razorpay/errors.hpp"
#include "connectors/razorpay/objects.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace cs_fuzz;
using namespace cs::connectors::razorpay;

constexpr std::string_view key_secret = "FuzzKeySecret0123456789abcd";
constexpr std::string_view pay_id = "pay_NtEI3XtBTM5pBG";

customer shopper() {
  customer s;
  s.email = "gaurav.kumar@example.com";
  s.phone = "+919000090000";
  s.name = "Gaurav Kumar";
  s.ip_address = "192.0.2.10";
  return s;
}

card test_card() {
  return cs_fuzz::test_card("4111111111111111", 3, 2034, "123", "Gaurav Kumar");
}

void run_flow(unsigned which, const std::vector<http_response>& rs) {
  static const auto& c = cs::connectors::razorpay::descriptor();
  credentials cr;
  cr.set("key_id", "rzp_test_FuzzKeyId");
  cr.set("key_secret", std::string(key_secret));
  auto go = [&](auto fn, const auto& req) { drive(c, fn, req, rs, cr, key_secret); };
  switch (which) {
    case 0:
    case 1: {
      auto r = keyed(authorize_request{});
      r.amount = money{50000, "INR"};
      if (which == 0)
        r.method = test_card();
      else
        r.method = upi{"success@razorpay"};
      r.capture = which == 0 ? capture_method::manual : capture_method::automatic;
      r.return_url = "https://shop.example/rzp/return";
      r.shopper = shopper();
      return go(&cs::domain::flow_table::authorize, r);
    }
    case 2: {
      auto r = keyed(capture_request{});
      r.connector_payment_id = pay_id;
      r.payment_amount = money{50000, "INR"};
      return go(&cs::domain::flow_table::capture, r);
    }
    case 3: {
      get_payment_request r;
      r.connector_payment_id = pay_id;
      return go(&cs::domain::flow_table::get_payment, r);
    }
    case 4: {
      auto r = keyed(refund_request{});
      r.connector_payment_id = pay_id;
      r.amount = money{100, "INR"};
      return go(&cs::domain::flow_table::refund, r);
    }
    case 5: {
      get_refund_request r;
      r.connector_refund_id = "rfnd_NtEN6RZsxFyLpF";
      return go(&cs::domain::flow_table::get_refund, r);
    }
    case 6: {
      auto r = keyed(setup_mandate_request{});
      r.method = test_card();
      r.shopper = shopper();
      r.amount = money{100, "INR"};
      r.return_url = "https://shop.example/rzp/mandate";
      return go(&cs::domain::flow_table::setup_mandate, r);
    }
    case 7: {
      auto r = keyed(complete_authorize_request{});
      r.connector_payment_id = pay_id;
      return go(&cs::domain::flow_table::complete_authorize, r);
    }
    case 8: {
      auto r = keyed(recurring_charge_request{});
      r.mandate_id = "token_NtF0kqyNq5jXYd";
      r.customer_id = "cust_NtF0kqyNq5jXYd";
      r.amount = money{49900, "INR"};
      return go(&cs::domain::flow_table::recurring_charge, r);
    }
    case 9: {
      auto r = keyed(revoke_mandate_request{});
      r.mandate_id = "token_NtF0kqyNq5jXYd";
      r.customer_id = "cust_NtF0kqyNq5jXYd";
      return go(&cs::domain::flow_table::revoke_mandate, r);
    }
    case 10: {
      auto r = keyed(dispute_request{});
      r.dispute_id = "disp_NtF0kqyNq5jXYd";
      return go(&cs::domain::flow_table::accept_dispute, r);
    }
    case 11: {
      auto r = keyed(submit_evidence_request{});
      r.dispute_id = "disp_NtF0kqyNq5jXYd";
      r.text = "Delivered on 2024-07-01";
      return go(&cs::domain::flow_table::submit_evidence, r);
    }
    default: {
      dispute_request r;
      r.dispute_id = "disp_NtF0kqyNq5jXYd";
      return go(&cs::domain::flow_table::get_dispute, r);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  input in(data, size);
  unsigned selector = in.byte() % 20;
  auto rs = replies(in);
  if (selector >= 7) {
    run_flow(selector - 7, rs);
    return 0;
  }
  if (rs.empty()) return 0;
  const auto& r = rs.front();
  switch (selector) {
    case 0:
      expect_no_secret(read_reply(r, key_secret), key_secret);
      break;
    case 1:
      expect_no_secret(read_reply(r, key_secret, call_kind::payment_create), key_secret);
      break;
    case 2:
      expect_no_secret(payment_reply(r, key_secret, "order-1"), key_secret);
      break;
    case 3:
      expect_no_secret(refund_reply(r, key_secret), key_secret);
      break;
    case 4:
      expect_no_secret(dispute_reply(r, key_secret), key_secret);
      break;
    case 5:
      expect_no_secret(payment_create_reply(r, key_secret), key_secret);
      break;
    default:
      expect_no_secret(created_id(r, key_secret, "order"), key_secret);
      if (r.status < 200 || r.status > 299)
        expect_no_secret(error_from_response(r, key_secret), key_secret);
      break;
  }
  return 0;
}
