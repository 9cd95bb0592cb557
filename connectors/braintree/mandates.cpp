// setup_mandate ("tokenize" a card, or take a nonce / single-use payment method id, then
// "vault" it: vaultPaymentMethod verifies the card and stores it as a multi-use payment method,
// the mandate) and revoke_mandate (deletePaymentMethodFromVault). The recurring charge on the
// vaulted id is in payments.cpp.
#include <fmt/format.h>

#include "connectors/braintree/charge.hpp"
#include "connectors/braintree/flow_parts.hpp"
#include "connectors/braintree/ids.hpp"
#include "connectors/braintree/queries.hpp"
#include "connectors/braintree/replies.hpp"
#include "connectors/braintree/scrubbed.hpp"
#include "connectors/braintree/wire.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"

namespace cs::connectors::braintree {

using namespace domain;

namespace {

http_request vault(std::string_view payment_method_id, const setup_mandate_request& req,
                   const wire::auth& a) {
  boost::json::object input{{"paymentMethodId", payment_method_id}};
  // customerId must be a Braintree customer's (global) id; a merchant's own shopper id is not
  // one, and then Braintree makes a new customer, whose id the mandate carries back.
  if (is_global_id(req.shopper.id, id_kind::customer)) input["customerId"] = req.shopper.id;
  if (!a.merchant_account_id.empty())
    input["verification"] = boost::json::object{{"merchantAccountId", a.merchant_account_id}};
  return wire::graphql("vault", queries::vault_payment_method, {{"input", std::move(input)}}, a);
}

result<mandate_result> read_vault(const http_response& r, const wire::auth& a) {
  auto data = read_data(r, a);
  if (!data) return data.err();
  mandate_result m;
  auto ver = at(*data, {"vaultPaymentMethod", "verification"});
  auto pm = at(*data, {"vaultPaymentMethod", "paymentMethod"});
  std::string verification = ver ? json::str(*ver, "status") : std::string();
  m.processor_status = verification.empty() ? std::string("VAULTED") : verification;
  bool failed = verification == "PROCESSOR_DECLINED" || verification == "GATEWAY_REJECTED" ||
                verification == "FAILED";
  if (failed || !pm) {
    m.status = mandate_status::failed;
    processor_error pe;
    auto rejection = ver ? json::str(*ver, "gatewayRejectionReason") : std::string();
    auto resp = ver ? at(*ver, {"processorResponse"}) : std::nullopt;
    auto code = resp ? json::str(*resp, "legacyCode") : std::string();
    if (!rejection.empty()) {
      pe.code = map_gateway_rejection(rejection);
      pe.processor_code = rejection.substr(0, 40);
    } else {
      auto d = map_processor_code(code);
      pe.code = code.empty() ? decline_code::generic : d.code;
      pe.processor_code = code.substr(0, 8);
      pe.retryable = d.soft;
    }
    pe.decline_code_raw = pe.processor_code;
    pe.processor_message = resp ? json::str(*resp, "message").substr(0, 120) : std::string();
    m.error = std::move(pe);
    return m;
  }
  domain::mandate out;
  out.mandate_id = json::str(*pm, "id");
  if (auto c = at(*pm, {"customer"})) out.customer_id = json::str(*c, "id");
  if (out.mandate_id.empty())
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "Braintree vaulted the payment method without an id");
  out.status = mandate_status::active;
  m.status = mandate_status::active;
  m.mandate = std::move(out);
  return m;
}

step_result<mandate_result> setup_mandate(const setup_mandate_request& req, const wire::auth& a,
                                          const flow_context& ctx) {
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (req.amount.minor_amount != 0)
      return invalid_argument("amount",
                              "must be zero: Braintree verifies the card when it vaults it and "
                              "charges nothing; charge with RecurringCharge on the mandate");
    if (const auto* k = std::get_if<card>(&req.method)) {
      if (auto s = validate_card(*k, "payment_method.card"); !s) return s.err();
      return next_request<mandate_result>(tokenize_request(*k, a));
    }
    if (const auto* t = std::get_if<processor_token>(&req.method)) {
      if (t->value.empty()) return missing_field("payment_method.token");
      return next_request<mandate_result>(vault(t->value, req, a));
    }
    if (std::holds_alternative<std::monostate>(req.method)) return missing_field("payment_method");
    return invalid_argument("payment_method",
                            "a Braintree mandate is a vaulted card (payment_method.card) or a "
                            "nonce to vault (payment_method.token)");
  }
  if (ctx.last_step() == "tokenize") {
    auto data = read_data(*ctx.last_reply(), a);
    if (!data) return data.err();
    auto pm = at(*data, {"tokenizeCreditCard", "paymentMethod"});
    auto id = pm ? json::str(*pm, "id") : std::string();
    if (id.empty())
      return make_error(error_code::unavailable, reason::bad_processor_reply,
                        "Braintree tokenized the card without a payment method id");
    return next_request<mandate_result>(vault(id, req, a));
  }
  if (ctx.last_step() != "vault")
    return unexpected_step(wire::connector_name, "setup_mandate", ctx);
  return final_result(read_vault(*ctx.last_reply(), a));
}

step_result<revoke_result> revoke_mandate(const revoke_mandate_request& req, const wire::auth& a,
                                          const flow_context& ctx) {
  if (auto* r = ctx.last_reply()) {
    auto data = read_data(*r, a);
    if (!data) return data.err();
    if (!at(*data, {"deletePaymentMethodFromVault"}))
      return make_error(error_code::unavailable, reason::bad_processor_reply,
                        "Braintree answered the delete without its payload");
    revoke_result out;
    out.status = mandate_status::revoked;
    return final_result(std::move(out));
  }
  if (req.mandate_id.empty()) return missing_field("mandate_id");
  return next_request<revoke_result>(
      wire::graphql("delete", queries::delete_payment_method,
                    {{"input", boost::json::object{{"paymentMethodId", req.mandate_id}}}}, a));
}

}  // namespace

void add_mandates_flows(flow_table& t) {
  t.setup_mandate = with_auth<&wire::read_auth, &guarded<&setup_mandate>::run>::run;
  t.revoke_mandate = with_auth<&wire::read_auth, &guarded<&revoke_mandate>::run>::run;
}

}  // namespace cs::connectors::braintree
