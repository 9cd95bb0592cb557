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

credentials test_credentials() {
  credentials c;
  c.set("secret_key", "sk_sbox_m73dzbpy7cf3gfd46xr4yj5xo4e");
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

  return contract_dump::write(lines, argc, argv, "checkout_com_contract_requests");
}
