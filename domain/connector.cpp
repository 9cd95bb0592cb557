#include "domain/connector.hpp"

namespace cs::domain {

// Every flow is unsupported until a connector overrides it: the caller gets UNIMPLEMENTED
// naming the connector and the flow.
#define CS_UNSUPPORTED(result_t, fn, req_t, flow_name)                           \
  step_result<result_t> connector::fn(const req_t&, const flow_context&) const { \
    return unsupported(name(), flow_name);                                       \
  }

CS_UNSUPPORTED(payment_result, authorize, authorize_request, "authorize")
CS_UNSUPPORTED(payment_result, capture, capture_request, "capture")
CS_UNSUPPORTED(payment_result, void_payment, void_request, "void")
CS_UNSUPPORTED(payment_result, get_payment, get_payment_request, "get_payment")
CS_UNSUPPORTED(refund_result, refund, refund_request, "refund")
CS_UNSUPPORTED(refund_result, get_refund, get_refund_request, "get_refund")
CS_UNSUPPORTED(mandate_result, setup_mandate, setup_mandate_request, "setup_mandate")
CS_UNSUPPORTED(payment_result, complete_authorize, complete_authorize_request, "complete_authorize")
CS_UNSUPPORTED(payment_result, recurring_charge, recurring_charge_request, "recurring_charge")
CS_UNSUPPORTED(revoke_result, revoke_mandate, revoke_mandate_request, "revoke_mandate")
CS_UNSUPPORTED(dispute_result, accept_dispute, dispute_request, "accept_dispute")
CS_UNSUPPORTED(dispute_result, submit_evidence, submit_evidence_request, "submit_evidence")
CS_UNSUPPORTED(dispute_result, defend_dispute, defend_dispute_request, "defend_dispute")
CS_UNSUPPORTED(dispute_result, get_dispute, dispute_request, "get_dispute")

#undef CS_UNSUPPORTED

status connector::check_secret(std::string_view key, std::string_view value) const {
  if (value.size() > 4096) return invalid_argument(std::string(key), "is longer than 4096 bytes");
  for (unsigned char c : value)
    if (c <= 0x20 || c == 0x7f)
      return invalid_argument(std::string(key),
                              "holds whitespace or a control character (a copy-paste slip?)");
  return ok_status();
}

result<webhook_result> connector::handle_webhook(const webhook_request&) const {
  return unsupported(name(), "webhook");
}

}  // namespace cs::domain
