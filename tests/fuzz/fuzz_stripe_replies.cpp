// Stripe's replies (2xx objects, declines, errors) through the reply parsers and through every
// flow of the connector. Input: <selector byte><reply>[\n--\n<reply>…] (fuzz_support.hpp); the
// selector picks a parser (one reply) or a flow (one reply per step).
#include "connectors/stripe/descriptor.hpp"
#include "connectors/stripe/errors.hpp"
#include "connectors/stripe/objects.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace cs_fuzz;
using namespace cs::connectors::stripe;

constexpr std::string_view key = "sk_test_51FuzzKey0123456789abcdefXYZ";
constexpr std::string_view pi_id = "pi_3NtwuU2eZvKYlo2C1hG0Jb5X";

card test_card() {
  return cs_fuzz::test_card("4242424242424242", 12, 2034, "314", "Jenny Rosen");
}

void run_flow(unsigned which, const std::vector<http_response>& rs) {
  static const auto& c = cs::connectors::stripe::descriptor();
  credentials cr;
  cr.set("api_key", std::string(key));
  auto go = [&](auto fn, const auto& req) { drive(c, fn, req, rs, cr, key); };
  switch (which) {
    case 0: {
      auto r = keyed(authorize_request{});
      r.amount = money{2000, "USD"};
      r.method = test_card();
      r.capture = capture_method::manual;
      r.return_url = "https://shop.example/return";
      return go(&cs::domain::flow_table::authorize, r);
    }
    case 1: {
      auto r = keyed(authorize_request{});
      r.amount = money{1500, "JPY"};
      r.method = processor_token{"pm_card_visa"};
      return go(&cs::domain::flow_table::authorize, r);
    }
    case 2: {
      auto r = keyed(capture_request{});
      r.connector_payment_id = pi_id;
      r.amount_to_capture = money{500, "USD"};
      r.payment_amount = money{2000, "USD"};
      return go(&cs::domain::flow_table::capture, r);
    }
    case 3: {
      auto r = keyed(void_request{});
      r.connector_payment_id = pi_id;
      return go(&cs::domain::flow_table::void_payment, r);
    }
    case 4: {
      get_payment_request r;
      r.connector_payment_id = pi_id;
      return go(&cs::domain::flow_table::get_payment, r);
    }
    case 5: {
      auto r = keyed(refund_request{});
      r.connector_payment_id = pi_id;
      r.amount = money{300, "USD"};
      return go(&cs::domain::flow_table::refund, r);
    }
    case 6: {
      get_refund_request r;
      r.connector_refund_id = "re_3NtwuU2eZvKYlo2C0t1Bq4Rz";
      return go(&cs::domain::flow_table::get_refund, r);
    }
    case 7: {
      auto r = keyed(setup_mandate_request{});
      r.method = test_card();
      r.shopper.email = "jenny@example.com";
      r.amount = money{0, "EUR"};
      return go(&cs::domain::flow_table::setup_mandate, r);
    }
    case 8: {
      auto r = keyed(complete_authorize_request{});
      r.connector_payment_id = pi_id;
      return go(&cs::domain::flow_table::complete_authorize, r);
    }
    case 9: {
      auto r = keyed(recurring_charge_request{});
      r.mandate_id = "pm_1NtwuT2eZvKYlo2CdBzYHnUf";
      r.customer_id = "cus_OhGd2Ya6sS7X8z";
      r.amount = money{4990, "EUR"};
      return go(&cs::domain::flow_table::recurring_charge, r);
    }
    case 10: {
      auto r = keyed(revoke_mandate_request{});
      r.mandate_id = "pm_1NtwuT2eZvKYlo2CdBzYHnUf";
      return go(&cs::domain::flow_table::revoke_mandate, r);
    }
    case 11: {
      auto r = keyed(dispute_request{});
      r.dispute_id = "dp_1NtwuU2eZvKYlo2C0abc";
      return go(&cs::domain::flow_table::accept_dispute, r);
    }
    case 12: {
      auto r = keyed(submit_evidence_request{});
      r.dispute_id = "dp_1NtwuU2eZvKYlo2C0abc";
      r.text = "Delivered on 2024-07-01";
      return go(&cs::domain::flow_table::submit_evidence, r);
    }
    default: {
      dispute_request r;
      r.dispute_id = "dp_1NtwuU2eZvKYlo2C0abc";
      return go(&cs::domain::flow_table::get_dispute, r);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  input in(data, size);
  unsigned selector = in.byte() % 20;
  auto rs = replies(in);
  if (selector >= 6) {
    run_flow(selector - 6, rs);
    return 0;
  }
  if (rs.empty()) return 0;
  const auto& r = rs.front();
  switch (selector) {
    case 0:
      expect_no_secret(read_reply(r, key), key);
      break;
    case 1:
      expect_no_secret(read_reply(r, key, "payment_intent"), key);
      break;
    case 2:
      expect_no_secret(payment_reply(r, key, "order-1"), key);
      break;
    case 3:
      expect_no_secret(refund_reply(r, key), key);
      break;
    case 4:
      expect_no_secret(dispute_reply(r, key), key);
      break;
    default:
      expect_no_secret(created_reply(r, key), key);
      if (r.status < 200 || r.status > 299) expect_no_secret(error_from_response(r, key), key);
      break;
  }
  return 0;
}
