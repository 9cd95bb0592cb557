// setup_mandate: POST /v1/customers → [card: POST /v1/payment_methods] → POST /v1/setup_intents
// (confirm, off_session); revoke_mandate: POST /v1/payment_methods/{pm}/detach.
#include <fmt/format.h>

#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/stripe/errors.hpp"
#include "connectors/stripe/flow_parts.hpp"
#include "connectors/stripe/methods.hpp"
#include "connectors/stripe/objects.hpp"
#include "connectors/stripe/status_map.hpp"
#include "connectors/stripe/wire.hpp"

namespace cs::connectors::stripe {

using namespace domain;

namespace {

mandate_result failed(processor_error pe) {
  mandate_result m;
  m.status = mandate_status::failed;
  m.error = std::move(pe);
  return m;
}

http_request customer_request(const setup_mandate_request& req, std::string_view api_key) {
  form f;
  if (!req.shopper.email.empty()) f.add("email", req.shopper.email);
  if (!req.shopper.name.empty()) f.add("name", req.shopper.name);
  if (!req.shopper.phone.empty()) f.add("phone", req.shopper.phone);
  if (!req.shopper.id.empty()) f.add_nested("metadata", "merchant_customer_id", req.shopper.id);
  return wire::post("/v1/customers", f, api_key, wire::step_key(req.idempotency_key, "customer"));
}

http_request setup_request(const setup_mandate_request& req, std::string_view customer,
                           std::string_view payment_method, std::string_view api_key) {
  form f;
  f.add("customer", customer);
  f.add("payment_method", payment_method);
  f.add("confirm", "true");
  f.add("usage", "off_session");
  add_return(f, req.return_url);
  wire::add_metadata(f, {}, req.merchant_reference);
  return wire::post("/v1/setup_intents", f, api_key, wire::step_key(req.idempotency_key));
}

// The SetupIntent (or a 402 with the SetupIntent embedded) as the mandate.
result<mandate_result> setup_reply(const http_response& r, std::string_view api_key,
                                   std::string_view customer, std::string_view payment_method) {
  auto rep = read_reply(r, api_key, "setup_intent");
  if (!rep) return rep.err();
  mandate_result m;
  std::string pm(payment_method), cus(customer);
  if (rep->object) {
    auto si = *rep->object;
    m.connector_payment_id = json::str(si, "id");
    m.processor_status = scrub(json::str(si, "status"), api_key);
    if (auto v = json::str(si, "payment_method"); !v.empty()) pm = v;
    if (auto v = json::str(si, "customer"); !v.empty()) cus = v;
    m.status = map_setup_status(m.processor_status);
    if (m.status == mandate_status::pending) m.redirect = redirect_of(si);
    if (auto last = json::obj(si, "last_setup_error"); last && m.status == mandate_status::failed)
      m.error = decline_error(json::str(*last, "code"), json::str(*last, "decline_code"),
                              json::str(*last, "message"), api_key);
  } else if (!rep->decline) {
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "Stripe answered without a SetupIntent, so the mandate's state is unknown");
  }
  if (rep->decline) {
    m.status = mandate_status::failed;
    m.error = std::move(rep->decline);
    m.redirect.reset();
  } else if (m.processor_status.empty()) {
    return make_error(error_code::unavailable, reason::bad_processor_reply,
                      "Stripe answered a SetupIntent without a status");
  }
  if (m.status == mandate_status::failed && !m.error) {
    processor_error pe;
    pe.code = decline_code::generic;
    pe.processor_message = fmt::format("the SetupIntent ended in status {}", m.processor_status);
    m.error = std::move(pe);
  }
  if (m.status != mandate_status::failed) m.mandate = mandate{pm, cus, m.status};
  return m;
}

}  // namespace

step_result<mandate_result> setup_mandate(const setup_mandate_request& req, const std::string& key,
                                          const flow_context& ctx) {
  auto method = check_method(req.method);
  if (!method) return method.err();
  const card* c = *method;

  // Steps: "customer" → [card: "payment_method" →] "setup_intent".
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    // A SetupIntent charges nothing; the amount is only checked when given.
    if (!req.amount.currency.empty())
      if (auto s = validate_money(req.amount, "amount", true); !s) return s.err();
    return domain::next_request<mandate_result>("customer", customer_request(req, key));
  }
  // Every later step needs the Customer's id.
  const auto* customer_reply = ctx.reply_to("customer");
  if (!customer_reply) return unexpected_step(wire::connector_name, "setup_mandate", ctx);
  auto customer = created_reply(*customer_reply, key);
  if (!customer) return customer.err();
  if (customer->decline)
    return domain::final_result<mandate_result>(failed(std::move(*customer->decline)));
  if (ctx.last_step() == "customer") {
    if (c)
      return domain::next_request<mandate_result>(
          "payment_method", wire::post("/v1/payment_methods", card_form(*c, req.shopper), key,
                                       wire::step_key(req.idempotency_key, "payment_method")));
    return domain::next_request<mandate_result>(
        "setup_intent",
        setup_request(req, customer->id, std::get<processor_token>(req.method).value, key));
  }
  std::string payment_method = c ? std::string() : std::get<processor_token>(req.method).value;
  if (const auto* pm_reply = ctx.reply_to("payment_method")) {
    auto pm = created_reply(*pm_reply, key);
    if (!pm) return pm.err();
    if (pm->decline) return domain::final_result<mandate_result>(failed(std::move(*pm->decline)));
    payment_method = pm->id;
  }
  if (ctx.last_step() == "payment_method")
    return domain::next_request<mandate_result>(
        "setup_intent", setup_request(req, customer->id, payment_method, key));
  if (ctx.last_step() == "setup_intent")
    return domain::final_result<mandate_result>(
        setup_reply(*ctx.last_reply(), key, customer->id, payment_method));
  return unexpected_step(wire::connector_name, "setup_mandate", ctx);
}

step_result<revoke_result> revoke_mandate(const revoke_mandate_request& req, const std::string& key,
                                          const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto rep = read_reply(*resp, key);
    if (!rep) return rep.err();
    if (rep->decline)
      return domain::final_result<revoke_result>(
          revoke_result{mandate_status::failed, std::move(rep->decline)});
    return domain::final_result<revoke_result>(
        revoke_result{mandate_status::revoked, std::nullopt});
  }
  if (auto s = wire::check_id(req.mandate_id, "connector_mandate_id", {"pm_"}, "PaymentMethod"); !s)
    return s.err();
  // Detaching twice is the same call: without a key in the request it comes from the method.
  return domain::next_request<revoke_result>(
      wire::post(wire::path("payment_methods", req.mandate_id, "detach"), form{}, key,
                 wire::step_key(req.idempotency_key.empty() ? "revoke_mandate:" + req.mandate_id
                                                            : req.idempotency_key)));
}

void add_mandates_flows(flow_table& t) {
  t.setup_mandate = with_auth<&wire::require_api_key, &setup_mandate>::run;
  t.revoke_mandate = with_auth<&wire::require_api_key, &revoke_mandate>::run;
}

}  // namespace cs::connectors::stripe
