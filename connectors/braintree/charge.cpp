#include "connectors/braintree/charge.hpp"

#include <fmt/format.h>

#include "connectors/braintree/currencies.hpp"
#include "connectors/braintree/queries.hpp"
#include "connectors/braintree/replies.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"

namespace cs::connectors::braintree {

using namespace domain;

namespace {

struct earlier_attempt {
  std::optional<payment_result> payment;  // a transaction of the orderId that did not fail
};

// The lookup's answer: an earlier live transaction with the orderId (the same amount, else the
// orderId was used for another charge), and the merchant account's currency against the charge.
result<earlier_attempt> read_lookup(const http_response& r, const charge_spec& c,
                                    const wire::auth& a) {
  auto data = read_data(r, a);
  if (!data) return data.err();
  earlier_attempt out;
  for (auto edge : array_of(at(*data, {"search", "transactions", "edges"}))) {
    auto node = at(edge, {"node"});
    if (!node || json::str(*node, "orderId") != c.order_id) continue;
    auto p = read_transaction(*node, c.merchant_reference);
    if (!p || p->status == payment_status::failure || p->status == payment_status::unrecognized)
      continue;  // a failed attempt charged nothing: charge again
    if (!p->amount || *p->amount != c.amount)
      return make_error(
          error_code::failed_precondition, reason::processor_rejected,
          fmt::format("Braintree transaction {} already carries orderId '{}' for {}, not {}: "
                      "the same merchant_reference or idempotency_key was used for another "
                      "charge",
                      p->connector_payment_id, c.order_id,
                      p->amount ? to_string(*p->amount) : std::string("another amount"),
                      to_string(c.amount)));
    if (!out.payment) out.payment = std::move(*p);
  }
  std::string currency, account;
  for (auto edge : array_of(at(*data, {"viewer", "merchant", "merchantAccounts", "edges"}))) {
    auto node = at(edge, {"node"});
    if (!node) continue;
    bool wanted = a.merchant_account_id.empty() ? json::text(*node, "isDefault") == "true"
                                                : json::str(*node, "id") == a.merchant_account_id;
    if (!wanted) continue;
    currency = json::str(*node, "currencyCode");
    account = json::str(*node, "id");
  }
  if (currency.empty())
    return make_error(
        error_code::failed_precondition, reason::processor_rejected,
        a.merchant_account_id.empty()
            ? std::string("Braintree named no default merchant account, so the charge's "
                          "currency cannot be checked: nothing was charged")
            : fmt::format("Braintree has no merchant account '{}' (credential "
                          "merchant_account_id): nothing was charged",
                          a.merchant_account_id.substr(0, 64)));
  if (currency != c.amount.currency)
    return invalid_argument(
        "amount.currency_code",
        fmt::format("Braintree takes the currency of the merchant account: '{}' is in {}, not {}; "
                    "set the credential merchant_account_id to an account in {}",
                    account.substr(0, 64), currency.substr(0, 3), c.amount.currency,
                    c.amount.currency));
  return out;
}

}  // namespace

http_request tokenize_request(const card& k, const wire::auth& a) {
  boost::json::object cc{
      {"number", k.number.reveal()},
      {"expirationMonth", fmt::format("{:02}", k.expiry_month)},
      {"expirationYear", std::to_string(k.expiry_year)},
  };
  if (!k.cvc.empty()) cc["cvv"] = k.cvc.reveal();
  if (!k.holder_name.empty()) cc["cardholderName"] = k.holder_name;
  return wire::graphql("tokenize", queries::tokenize_credit_card,
                       {{"input", boost::json::object{{"creditCard", std::move(cc)}}}}, a);
}

namespace {

result<http_request> transact(const charge_spec& c, std::string_view payment_method_id,
                              const wire::auth& a) {
  auto amount = to_amount(c.amount, "amount");
  if (!amount) return amount.err();
  boost::json::object txn{{"amount", *amount}, {"orderId", c.order_id}};
  if (!a.merchant_account_id.empty()) txn["merchantAccountId"] = a.merchant_account_id;
  if (!c.initiator.empty()) txn["paymentInitiator"] = c.initiator;
  boost::json::object input{{"paymentMethodId", payment_method_id}, {"transaction", txn}};
  bool manual = c.capture == capture_method::manual;
  return wire::graphql(manual ? "authorize" : "charge",
                       manual ? queries::authorize_payment_method : queries::charge_payment_method,
                       {{"input", std::move(input)}}, a);
}

std::string advice(const charge_spec& c) {
  return fmt::format(
      "the charge may have been made: call again with the same merchant_reference / "
      "idempotency_key (the connector finds the transaction by its orderId '{}' instead of "
      "charging again) or look the orderId up in the Control Panel",
      c.order_id);
}

}  // namespace

status check_charge(const charge_spec& c) {
  if (auto s = to_amount(c.amount, "amount"); !s) return s.err();
  if (c.method == nullptr || std::holds_alternative<std::monostate>(*c.method))
    return missing_field("payment_method");
  if (const auto* k = std::get_if<card>(c.method)) return validate_card(*k, "payment_method.card");
  if (const auto* t = std::get_if<processor_token>(c.method)) {
    if (t->value.empty()) return missing_field("payment_method.token");
    return ok_status();
  }
  return invalid_argument("payment_method",
                          "the Braintree connector takes a card (payment_method.card) or a "
                          "Braintree payment method id or nonce (payment_method.token)");
}

step_result<payment_result> run_charge(const charge_spec& c, const wire::auth& a,
                                       const flow_context& ctx) {
  if (ctx.first()) {
    if (auto s = check_charge(c); !s) return s.err();
    boost::json::object search{{"orderId", boost::json::object{{"is", c.order_id}}}};
    boost::json::object vars{{"search", std::move(search)}};
    if (!a.merchant_account_id.empty())
      vars["accounts"] =
          boost::json::object{{"id", boost::json::object{{"is", a.merchant_account_id}}}};
    return next_request<payment_result>(wire::graphql("lookup", queries::lookup, vars, a));
  }
  auto step = ctx.last_step();
  if (step == "lookup") {
    auto found = read_lookup(*ctx.last_reply(), c, a);
    if (!found) return found.err();
    if (found->payment) return final_result(std::move(*found->payment));
    if (const auto* k = std::get_if<card>(c.method))
      return next_request<payment_result>(tokenize_request(*k, a));
    auto req = transact(c, std::get<processor_token>(*c.method).value, a);
    if (!req) return req.err();
    return next_request<payment_result>(std::move(*req));
  }
  if (step == "tokenize") {
    auto data = read_data(*ctx.last_reply(), a);
    if (!data) return data.err();  // nothing charged yet: a plain error
    auto pm = at(*data, {"tokenizeCreditCard", "paymentMethod"});
    auto id = pm ? json::str(*pm, "id") : std::string();
    if (id.empty())
      return make_error(error_code::unavailable, reason::bad_processor_reply,
                        "Braintree tokenized the card without a payment method id: nothing was "
                        "charged");
    auto req = transact(c, id, a);
    if (!req) return req.err();
    return next_request<payment_result>(std::move(*req));
  }
  if (step == "authorize" || step == "charge") {
    auto data = read_data(*ctx.last_reply(), a);
    if (!data) return mutation_failed(std::move(data).err(), advice(c));
    auto txn = at(*data, {step == "authorize" ? "authorizePaymentMethod" : "chargePaymentMethod",
                          "transaction"});
    if (!txn)
      return mutation_failed(make_error(error_code::unavailable, reason::bad_processor_reply,
                                        "Braintree answered the charge without a transaction"),
                             advice(c));
    auto p = read_transaction(*txn, c.merchant_reference);
    if (!p) return mutation_failed(std::move(p).err(), advice(c));
    return final_result(std::move(*p));
  }
  return unexpected_step(wire::connector_name, c.flow, ctx);
}

}  // namespace cs::connectors::braintree
