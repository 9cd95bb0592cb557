// Card mandates: setup_mandate (customer, order with a token request, first payment),
// recurring_charge (read the customer, order, recurring payment, read the payment) and
// revoke_mandate (delete the token).
#include <fmt/format.h>

#include <algorithm>

#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/razorpay/currencies.hpp"
#include "connectors/razorpay/errors.hpp"
#include "connectors/razorpay/flow_parts.hpp"
#include "connectors/razorpay/methods.hpp"
#include "connectors/razorpay/objects.hpp"
#include "connectors/razorpay/order_lookup.hpp"
#include "connectors/razorpay/wire.hpp"

namespace cs::connectors::razorpay {

using namespace domain;

namespace {

// The token's max_amount (the most one later charge may take): the first payment's amount, at
// least ₹15,000 (1500000 paise), the RBI limit for recurring card debits without an extra factor.
constexpr std::int64_t default_max_amount = 1500000;

struct contact_info {
  std::string email, contact;
};

// GET /v1/customers/{id}: the email and contact a recurring payment must repeat.
result<contact_info> customer_contact(const http_response& r, std::string_view key_secret) {
  auto rep = read_reply(r, key_secret);
  if (!rep) return rep.err();
  contact_info c{json::str(*rep->object, "email"), json::text(*rep->object, "contact")};
  if (c.email.empty() || c.contact.empty())
    return make_error(error_code::failed_precondition, reason::processor_rejected,
                      "the Razorpay customer has no email or contact, which recurring payments "
                      "require: update the customer at Razorpay");
  return c;
}

// An earlier attempt's first payment, found by the order lookup: its state, never a second
// charge. Its redirect is not in the lookup: a payment still awaiting the shopper is PENDING
// (read it with GetPayment; it ends by webhook or by CompleteAuthorize from the first redirect).
step_result<mandate_result> earlier_first_payment(payment_result p,
                                                  const std::string& customer_id) {
  mandate_result out;
  out.connector_payment_id = p.connector_payment_id;
  out.payment = p.status;
  out.processor_status = p.processor_status;
  out.mandate = p.mandate ? *p.mandate : mandate{{}, customer_id, mandate_status::pending};
  if (out.mandate->customer_id.empty()) out.mandate->customer_id = customer_id;
  out.status = out.mandate->status;
  return domain::final_result<mandate_result>(std::move(out));
}

}  // namespace

step_result<mandate_result> setup_mandate(const setup_mandate_request& req, const wire::keys& k,
                                          const flow_context& ctx) {
  auto m = check_method(req.method);
  if (!m) return m.err();
  if (!m->card)
    return invalid_argument("payment_method",
                            "Razorpay mandates through this connector are card mandates (not UPI "
                            "collect or intent)");
  auto rc = wire::receipt(req.merchant_reference, req.idempotency_key);
  if (!rc) return rc.err();

  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    // Razorpay card mandates start with a real authorisation payment of at least ₹1.
    if (auto s = check_charge(req.amount, "amount"); !s) return s.err();
    if (auto s = check_shopper(*m, req.shopper); !s) return s.err();
    // The first payment charges and Razorpay takes no idempotency key: look for an earlier
    // attempt's order (by receipt) first, as authorize and recurring_charge do.
    return domain::next_request<mandate_result>("order_lookup", find_orders(*rc, k));
  }

  // Steps: "order_lookup" → "customer" → ["order" →] "payment". The customer is asked for even
  // when the lookup found the payment: the mandate names it.
  auto step = ctx.last_step();
  if (step == "order_lookup") {
    if (auto found = read_orders(*ctx.last_reply(), k.secret, *rc, req.amount); !found)
      return found.err();
    boost::json::object body;
    auto name = req.shopper.name.empty() ? m->card->holder_name : req.shopper.name;
    if (!name.empty()) body["name"] = name;
    body["email"] = req.shopper.email;
    body["contact"] = req.shopper.phone;
    body["fail_existing"] = "0";  // the existing customer with these details, not an error
    body["notes"] = wire::notes({}, req.merchant_reference);
    return domain::next_request<mandate_result>("customer", wire::post("/v1/customers", body, k));
  }

  const auto* customer_reply = ctx.reply_to("customer");
  const auto* lookup_reply = ctx.reply_to("order_lookup");
  if (!customer_reply || !lookup_reply)
    return unexpected_step(wire::connector_name, "setup_mandate", ctx);
  auto customer_id = created_id(*customer_reply, k.secret, "customer");
  if (!customer_id) return customer_id.err();
  auto first_payment = [&](std::string order_id) {
    payment_fields f;
    f.amount = &req.amount;
    f.order_id = std::move(order_id);
    f.shopper = &req.shopper;
    f.dev = device_of(req.shopper, {}, req.return_url);
    f.callback_url = req.return_url;
    f.notes = wire::notes({}, req.merchant_reference);
    f.customer_id = *customer_id;
    f.recurring = true;
    return domain::next_request<mandate_result>(
        "payment", wire::post(std::string(payment_target(*m)), payment_body(*m, f), k));
  };
  if (step == "customer") {
    auto found = read_orders(*lookup_reply, k.secret, *rc, req.amount);
    if (!found) return found.err();
    if (found->payment) return earlier_first_payment(std::move(*found->payment), *customer_id);
    if (!found->order_id.empty()) return first_payment(found->order_id);  // its payments failed
    auto body = wire::order_body(req.amount, *rc, wire::notes({}, req.merchant_reference), true);
    body["customer_id"] = *customer_id;
    body["method"] = "card";
    body["token"] =
        boost::json::object{{"max_amount", std::max(req.amount.minor_amount, default_max_amount)},
                            {"frequency", "as_presented"}};
    return domain::next_request<mandate_result>("order", wire::post("/v1/orders", body, k));
  }
  if (step == "order") {
    auto order_id = created_id(*ctx.last_reply(), k.secret, "order");
    if (!order_id) return order_id.err();
    return first_payment(*order_id);
  }
  if (step != "payment") return unexpected_step(wire::connector_name, "setup_mandate", ctx);

  const auto order_id = order_of_payment_request(ctx.done.back().request);
  auto created = payment_create_reply(*ctx.last_reply(), k.secret);
  if (!created) return payment_create_failed(std::move(created).err(), *ctx.last_reply(), order_id);
  mandate_result out;
  out.connector_payment_id = created->payment_id;
  // The token (mandate_id) exists once the customer completes the first payment: it arrives
  // as the payment's token_id from complete_authorize, get_payment or the webhook.
  out.mandate = mandate{{}, *customer_id, mandate_status::pending};
  if (created->decline) {
    out.status = mandate_status::failed;
    out.mandate->status = mandate_status::failed;
    out.payment = payment_status::failure;
    out.processor_status = "failed";
    out.error = std::move(created->decline);
    out.error->processor_message +=
        fmt::format(" [Razorpay order {} exists; the first payment failed]", order_id);
    return domain::final_result<mandate_result>(std::move(out));
  }
  out.status = mandate_status::pending;
  out.processor_status = "created";
  out.redirect = std::move(created->redirect);
  out.payment = out.redirect ? payment_status::authentication_pending : payment_status::pending;
  return domain::final_result<mandate_result>(std::move(out));
}

step_result<payment_result> recurring_charge(const recurring_charge_request& req,
                                             const wire::keys& k, const flow_context& ctx) {
  if (auto s = wire::check_id(req.mandate_id, "connector_mandate_id", "token_", "token"); !s)
    return s.err();
  if (auto s = wire::check_id(req.customer_id, "customer_id", "cust_", "customer"); !s)
    return s.err();
  auto rc = wire::receipt(req.merchant_reference, req.idempotency_key);
  if (!rc) return rc.err();

  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = check_charge(req.amount, "amount"); !s) return s.err();
    return domain::next_request<payment_result>("order_lookup", find_orders(*rc, k));
  }
  auto with_mandate = [&](payment_result p) {
    if (p.status != payment_status::failure && p.status != payment_status::unrecognized)
      p.mandate = mandate{req.mandate_id, req.customer_id, mandate_status::active};
    if (p.merchant_reference.empty()) p.merchant_reference = req.merchant_reference;
    return domain::final_result<payment_result>(std::move(p));
  };
  // Steps: "order_lookup" → "customer" → ["order" →] "payment" → "payment_read". The last step
  // says where the flow is (a lookup that finds the charge ends it at once).
  const auto& last = ctx.done.back();
  auto step = ctx.last_step();
  auto order_payment = [&](std::string_view order_id) -> step_result<payment_result> {
    const auto* customer = ctx.reply_to("customer");
    if (!customer) return unexpected_step(wire::connector_name, "recurring_charge", ctx);
    auto who = customer_contact(*customer, k.secret);
    if (!who) return who.err();
    boost::json::object body{{"email", who->email},
                             {"contact", who->contact},
                             {"amount", req.amount.minor_amount},
                             {"currency", req.amount.currency},
                             {"order_id", order_id},
                             {"customer_id", req.customer_id},
                             {"token", req.mandate_id},
                             {"recurring", "1"},
                             {"notes", wire::notes({}, req.merchant_reference)}};
    return domain::next_request<payment_result>(
        "payment", wire::post("/v1/payments/create/recurring", body, k));
  };

  if (step == "order_lookup") {
    auto found = read_orders(last.response, k.secret, *rc, req.amount);
    if (!found) return found.err();
    if (found->payment) return with_mandate(std::move(*found->payment));  // charged before
    return domain::next_request<payment_result>(
        "customer", wire::get(wire::path("customers", req.customer_id), k));
  }
  if (step == "customer") {
    if (auto who = customer_contact(last.response, k.secret); !who) return who.err();
    auto found = read_orders(*ctx.reply_to("order_lookup"), k.secret, *rc, req.amount);
    if (!found) return found.err();
    if (!found->order_id.empty()) return order_payment(found->order_id);  // its payments failed
    return domain::next_request<payment_result>(
        "order",
        wire::post("/v1/orders",
                   wire::order_body(req.amount, *rc, wire::notes({}, req.merchant_reference),
                                    req.capture == capture_method::automatic),
                   k));
  }
  if (step == "order") {
    auto order_id = created_id(last.response, k.secret, "order");
    if (!order_id) return order_id.err();
    return order_payment(*order_id);
  }
  if (step == "payment") {
    auto order_id = order_of_payment_request(last.request);
    auto created = payment_create_reply(last.response, k.secret);
    if (!created) return payment_create_failed(std::move(created).err(), last.response, order_id);
    if (created->decline) {
      payment_result p;
      p.status = payment_status::failure;
      p.processor_status = "failed";
      p.connector_payment_id = created->payment_id;
      p.connector_operation_id = order_id;
      p.amount = req.amount;
      p.merchant_reference = req.merchant_reference;
      p.error = std::move(created->decline);
      p.error->processor_message +=
          fmt::format(" [Razorpay order {} exists; the recurring payment failed]", order_id);
      return domain::final_result<payment_result>(std::move(p));
    }
    // The create call answers ids only: read the payment for its status.
    return domain::next_request<payment_result>(
        "payment_read", wire::get(wire::path("payments", created->payment_id), k));
  }
  if (step != "payment_read") return unexpected_step(wire::connector_name, "recurring_charge", ctx);
  auto p = payment_reply(last.response, k.secret, req.merchant_reference);
  if (!p) return p.err();
  return with_mandate(std::move(*p));
}

step_result<revoke_result> revoke_mandate(const revoke_mandate_request& req, const wire::keys& k,
                                          const flow_context& ctx) {
  if (auto* resp = ctx.last_reply()) {
    auto rep = read_reply(*resp, k.secret);
    if (!rep) return rep.err();
    if (json::text(*rep->object, "deleted") != "true")
      return make_error(error_code::unavailable, reason::bad_processor_reply,
                        "Razorpay answered the token deletion without deleted: true, so the "
                        "outcome is unknown");
    return domain::final_result<revoke_result>(revoke_result{mandate_status::revoked, {}});
  }
  if (auto s = wire::check_id(req.mandate_id, "connector_mandate_id", "token_", "token"); !s)
    return s.err();
  if (auto s = wire::check_id(req.customer_id, "customer_id", "cust_", "customer"); !s)
    return s.err();
  return domain::next_request<revoke_result>(
      wire::del("/v1/customers/" + req.customer_id + "/tokens/" + req.mandate_id, k));
}

void add_mandates_flows(flow_table& t) {
  t.setup_mandate = with_auth<&wire::require_keys, &setup_mandate>::run;
  t.recurring_charge = with_auth<&wire::require_keys, &recurring_charge>::run;
  t.revoke_mandate = with_auth<&wire::require_keys, &revoke_mandate>::run;
}

}  // namespace cs::connectors::razorpay
