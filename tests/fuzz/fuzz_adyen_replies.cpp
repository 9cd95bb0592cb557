// Adyen's replies (/payments, modifications, DisputeService, errors) through the reply parsers
// and through every flow of the connector (Get has no call). Input: <selector byte><reply>
// [\n--\n<reply>…] (fuzz_support.hpp); the selector picks a parser or a flow, and for
// parse_payment_reply the capture method and whether the requested amount is known.
#include "connectors/adyen/descriptor.hpp"
#include "connectors/adyen/errors.hpp"
#include "connectors/adyen/payment_reply.hpp"
#include "connectors/adyen/wire.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace cs_fuzz;
using namespace cs::connectors::adyen;

constexpr std::string_view api_key = "AQEfuzzKey0123456789abcdef";
constexpr std::string_view psp = "QFQTPCQ8HXSKGK82";
constexpr std::string_view dispute_psp = "DZ4DPSHB4WD2WN82";

card test_card() {
  return cs_fuzz::test_card("4111111111111111", 3, 2030, "737", "John Smith");
}

void run_flow(unsigned which, const std::vector<http_response>& rs) {
  static const auto& c = cs::connectors::adyen::descriptor();
  credentials cr;
  cr.set("api_key", std::string(api_key));
  cr.set("merchant_account", "TestMerchantECOM");
  auto go = [&](auto fn, const auto& req) { drive(c, fn, req, rs, cr, api_key); };
  switch (which) {
    case 0:
    case 1: {
      auto r = keyed(authorize_request{});
      r.amount = which == 0 ? money{1000, "EUR"} : money{1500, "JPY"};
      r.method = test_card();
      r.capture = which == 0 ? capture_method::manual : capture_method::automatic;
      r.return_url = "https://shop.example/return";
      return go(&cs::domain::flow_table::authorize, r);
    }
    case 2: {
      auto r = keyed(capture_request{});
      r.connector_payment_id = psp;
      r.amount_to_capture = money{600, "EUR"};
      r.payment_amount = money{1000, "EUR"};
      return go(&cs::domain::flow_table::capture, r);
    }
    case 3: {
      auto r = keyed(void_request{});
      r.connector_payment_id = psp;
      return go(&cs::domain::flow_table::void_payment, r);
    }
    case 4: {
      auto r = keyed(refund_request{});
      r.connector_payment_id = psp;
      r.amount = money{300, "EUR"};
      return go(&cs::domain::flow_table::refund, r);
    }
    case 5: {
      auto r = keyed(setup_mandate_request{});
      r.method = test_card();
      r.shopper.id = "cust-42";
      r.amount = money{0, "EUR"};
      r.return_url = "https://shop.example/return";
      return go(&cs::domain::flow_table::setup_mandate, r);
    }
    case 6: {
      auto r = keyed(complete_authorize_request{});
      r.connector_payment_id = psp;
      r.redirect_payload["redirectResult"] = "X6XtfGC3!Y";
      return go(&cs::domain::flow_table::complete_authorize, r);
    }
    case 7: {
      auto r = keyed(recurring_charge_request{});
      r.mandate_id = "8415995487234100";
      r.customer_id = "cust-42";
      r.amount = money{2500, "EUR"};
      r.return_url = "https://shop.example/return";
      return go(&cs::domain::flow_table::recurring_charge, r);
    }
    case 8: {
      auto r = keyed(revoke_mandate_request{});
      r.mandate_id = "8415995487234100";
      r.customer_id = "cust-42";
      return go(&cs::domain::flow_table::revoke_mandate, r);
    }
    case 9: {
      auto r = keyed(dispute_request{});
      r.dispute_id = dispute_psp;
      return go(&cs::domain::flow_table::accept_dispute, r);
    }
    case 10: {
      auto r = keyed(defend_dispute_request{});
      r.dispute_id = dispute_psp;
      r.reason_code = "GoodsOrServicesProvided";
      return go(&cs::domain::flow_table::defend_dispute, r);
    }
    default: {
      auto r = keyed(submit_evidence_request{});
      r.dispute_id = dispute_psp;
      r.documents.push_back({evidence_type::receipt, "%PDF-1.4", "application/pdf", {}});
      return go(&cs::domain::flow_table::submit_evidence, r);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  input in(data, size);
  unsigned selector = in.byte() % 20;
  auto rs = replies(in);
  if (selector >= 8) {
    run_flow(selector - 8, rs);
    return 0;
  }
  if (rs.empty()) return 0;
  const auto& r = rs.front();
  if (selector < 4) {
    // Bit 0: manual capture; bit 1: the requested amount is known (Adyen may leave it out).
    auto capture = selector & 1 ? capture_method::manual : capture_method::automatic;
    std::optional<money> requested;
    if (selector & 2) requested = money{1000, "EUR"};
    expect_no_secret(parse_payment_reply(r, api_key, capture, requested, "order-1"), api_key);
  } else if (selector < 6) {
    expect_no_secret(wire::parse_reply(r, api_key), api_key);
  } else if (r.status < 200 || r.status > 299) {
    expect_no_secret(error_from_response(r, api_key), api_key);
  }
  return 0;
}
