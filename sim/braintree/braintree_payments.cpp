// Card tokenization and transactions: authorize / charge (amount-triggered outcomes), capture,
// reverse (void or refund), refund, sandbox settlement. Validation messages and legacy codes are
// Braintree's (braintree_node validation_error_codes.js).
#include "braintree_input.hpp"
#include "braintree_objects.hpp"
#include "braintree_responses.hpp"
#include "braintree_sim.hpp"

#include <algorithm>

namespace processor_sim::braintree {
namespace {

std::int64_t amount_of(const std::string& text, const std::string& currency,
                       const std::vector<std::string>& path) {
  const auto minor = parse_amount(text, currency);
  if (!minor) throw api_error("Amount is an invalid format.", "81503", path);
  if (*minor <= 0) throw api_error("Amount must be greater than zero.", "81531", path);
  return *minor;
}

}  // namespace

const merchant_account& simulator::account(const std::string& id) const {
  for (const auto& a : store_.accounts) {
    if (id.empty() ? a.is_default : a.id == id) return a;
  }
  if (id.empty()) return store_.accounts.front();
  throw api_error("Merchant account ID is invalid.", "91513",
                  {"input", "transaction", "merchantAccountId"});
}

transaction& simulator::transaction_by_id(const std::string& id, const std::string& field) {
  const auto decoded = decode_global_id(id);
  if (decoded && decoded->kind == "transaction") {
    auto it = store_.transactions.find(decoded->rest);
    if (it != store_.transactions.end()) return it->second;
  }
  throw api_error("An object with this ID was not found.", "", {"input", field}, "NOT_FOUND");
}

void simulator::add_event(transaction& t, const std::string& status, std::int64_t amount,
                          std::optional<processor_answer> answer, const std::string& rejection) {
  t.status = status;
  t.history.push_back({status, now_timestamp(), amount, std::move(answer), rejection});
}

boost::json::value simulator::tokenize(const boost::json::object& input) {
  const auto* cc = object_at(input, "creditCard", "input");
  if (!cc) {
    throw gql::error(
        "Variable \"$input\" got invalid value at \"input.creditCard\"; Expected "
        "non-nullable type \"CreditCardInput!\" not to be null",
        {});
  }
  payment_method pm;
  pm.details.number = text(*cc, "number", "input.creditCard");
  pm.details.expiration_month = text(*cc, "expirationMonth", "input.creditCard");
  pm.details.expiration_year = text(*cc, "expirationYear", "input.creditCard");
  const std::string cvv = text(*cc, "cvv", "input.creditCard");
  pm.details.cardholder = text(*cc, "cardholderName", "input.creditCard");
  const auto& d = pm.details;
  const std::vector<std::string> at{"input", "creditCard"};
  auto field = [&](const char* name) {
    auto p = at;
    p.emplace_back(name);
    return p;
  };
  if (d.number.empty())
    throw api_error("Credit card number is required.", "81714", field("number"));
  if (!luhn_valid(d.number)) {
    throw api_error("Credit card number is invalid.", "81715", field("number"));
  }
  const bool month_ok =
      d.expiration_month.size() >= 1 && d.expiration_month.size() <= 2 &&
      std::all_of(d.expiration_month.begin(), d.expiration_month.end(), ::isdigit) &&
      std::stoi(d.expiration_month) >= 1 && std::stoi(d.expiration_month) <= 12;
  if (!month_ok) throw api_error("Expiration month is invalid.", "81712", field("expirationMonth"));
  const bool year_ok = (d.expiration_year.size() == 2 || d.expiration_year.size() == 4) &&
                       std::all_of(d.expiration_year.begin(), d.expiration_year.end(), ::isdigit);
  if (!year_ok) throw api_error("Expiration year is invalid.", "81713", field("expirationYear"));
  if (!cvv.empty() &&
      (cvv.size() < 3 || cvv.size() > 4 || !std::all_of(cvv.begin(), cvv.end(), ::isdigit))) {
    throw api_error("CVV must be 4 digits for American Express and 3 digits for other card types.",
                    "81707", field("cvv"));
  }
  pm.id = new_nonce();
  pm.created_at = now_timestamp();
  pm.details.brand = brand_of(d.number);
  pm.details.bin = d.number.substr(0, 6);
  pm.details.last4 = d.number.substr(d.number.size() - 4);
  auto json = payment_method_json(pm);
  store_.payment_methods.emplace(pm.id, std::move(pm));
  return boost::json::object{{"__typename", "TokenizeCreditCardPayload"},
                             {"paymentMethod", std::move(json)}};
}

boost::json::value simulator::transact(const boost::json::object& input, bool submit) {
  const std::string pm_id = required(input, "paymentMethodId", "input");
  const auto* tx = object_at(input, "transaction", "input");
  if (!tx) {
    throw gql::error(
        "Variable \"$input\" got invalid value at \"input.transaction\"; Expected "
        "non-nullable type \"TransactionInput!\" not to be null",
        {});
  }
  const std::string amount_text = required(*tx, "amount", "input.transaction");
  const merchant_account& acct = account(text(*tx, "merchantAccountId", "input.transaction"));
  const std::int64_t amount =
      amount_of(amount_text, acct.currency, {"input", "transaction", "amount"});
  const std::string order_id = text(*tx, "orderId", "input.transaction");
  if (order_id.size() > 255) {
    throw api_error("Order ID is too long.", "91501", {"input", "transaction", "orderId"});
  }
  payment_method& pm = payment_method_by_id(pm_id);
  if (pm.consumed) {
    throw api_error("Cannot use a payment_method_nonce more than once.", "91564",
                    {"input", "paymentMethodId"});
  }
  if (pm.usage == "SINGLE_USE" && !pm.fake) pm.consumed = true;

  transaction t;
  t.legacy_id = new_legacy_id();
  t.order_id = order_id;
  t.merchant_account_id = acct.id;
  t.currency = acct.currency;
  t.payment_method_id = pm.id;
  t.customer_id = pm.customer_id;
  t.payment_initiator = text(*tx, "paymentInitiator", "input.transaction");
  t.created_at = now_timestamp();
  t.amount = t.authorized = amount;
  t.searchable_at =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(cfg_.search_lag_ms);
  const outcome o = authorization_outcome(amount, acct.currency);
  t.settlement = o.settlement;
  add_event(t, o.status, amount, o.answer, o.rejection);
  t.approved = o.status == "AUTHORIZED";
  if (t.approved) {
    ++charges_;
    if (!t.order_id.empty()) {
      for (const auto& [id, other] : store_.transactions) {
        if (other.approved && other.order_id == t.order_id && other.authorized == amount &&
            other.merchant_account_id == t.merchant_account_id) {
          ++double_charges_;  // what the connector's lookup by orderId prevents
          break;
        }
      }
    }
    if (submit) add_event(t, "SUBMITTED_FOR_SETTLEMENT", amount);
  } else {
    ++declines_;
  }
  const std::string legacy = t.legacy_id;
  auto& stored = store_.transactions.emplace(legacy, std::move(t)).first->second;
  return boost::json::object{{"__typename", "TransactionPayload"},
                             {"transaction", transaction_json(stored, store_)}};
}

boost::json::value simulator::capture(const boost::json::object& input) {
  transaction& t = transaction_by_id(required(input, "transactionId", "input"), "transactionId");
  std::string amount_text = text(input, "amount", "input");  // deprecated top-level amount
  std::vector<std::string> path{"input", "amount"};
  if (const auto* opts = object_at(input, "transaction", "input")) {
    if (auto a = text(*opts, "amount", "input.transaction"); !a.empty()) {
      amount_text = a;
      path = {"input", "transaction", "amount"};
    }
    if (auto order = text(*opts, "orderId", "input.transaction"); !order.empty())
      t.order_id = order;
  }
  if (t.status != "AUTHORIZED") {
    throw api_error("Cannot submit for settlement unless status is authorized.", "91507",
                    {"input", "transactionId"});
  }
  const std::int64_t amount =
      amount_text.empty() ? t.authorized : amount_of(amount_text, t.currency, path);
  if (amount > t.authorized) throw api_error("Settlement amount is too large.", "91522", path);
  t.amount = amount;
  add_event(t, "SUBMITTED_FOR_SETTLEMENT", amount);
  ++captures_;
  return boost::json::object{{"__typename", "TransactionPayload"},
                             {"transaction", transaction_json(t, store_)}};
}

boost::json::value simulator::reverse(const boost::json::object& input) {
  transaction& t = transaction_by_id(required(input, "transactionId", "input"), "transactionId");
  boost::json::value reversal;
  if (t.status == "AUTHORIZED" || t.status == "SUBMITTED_FOR_SETTLEMENT") {
    add_event(t, "VOIDED", t.amount);
    ++voids_;
    reversal = transaction_json(t, store_);
  } else if (t.status == "SETTLED" || t.status == "SETTLING") {
    if (t.refunded >= t.amount) {
      throw api_error("Transaction has already been fully refunded.", "91512",
                      {"input", "transactionId"});
    }
    reversal = refund_json(make_refund(t, t.amount - t.refunded, "", ""), store_);
  } else {
    throw api_error(
        "Transaction can only be voided if status is authorized, "
        "submitted_for_settlement, or - for PayPal - settlement_pending.",
        "91504", {"input", "transactionId"});
  }
  return boost::json::object{{"__typename", "ReverseTransactionPayload"},
                             {"reversal", std::move(reversal)}};
}

refund& simulator::make_refund(transaction& t, std::int64_t amount, const std::string& order_id,
                               const std::string& description) {
  refund r;
  r.legacy_id = new_legacy_id();
  r.transaction_id = t.legacy_id;
  r.order_id = order_id;
  r.description = description;
  r.amount = amount;
  r.created_at = now_timestamp();
  r.status = "SUBMITTED_FOR_SETTLEMENT";
  r.history.push_back(
      {r.status, r.created_at, amount, processor_answer{"1002", "Processed", ""}, ""});
  t.refunded += amount;
  t.refunds.push_back(r.legacy_id);
  ++refunds_;
  const std::string id = r.legacy_id;
  return store_.refunds.emplace(id, std::move(r)).first->second;
}

boost::json::value simulator::refund_transaction(const boost::json::object& input) {
  transaction& t = transaction_by_id(required(input, "transactionId", "input"), "transactionId");
  const auto* opts = object_at(input, "refund", "input");
  const boost::json::object none;
  const auto& r = opts ? *opts : none;
  const std::string amount_text = text(r, "amount", "input.refund");
  const std::string order_id = text(r, "orderId", "input.refund");
  const std::string description = text(r, "description", "input.refund");
  if (t.status != "SETTLED" && t.status != "SETTLING") {
    throw api_error("Cannot refund a transaction unless it is settled.", "91506",
                    {"input", "transactionId"});
  }
  if (t.refunded >= t.amount) {
    throw api_error("Transaction has already been fully refunded.", "91512",
                    {"input", "transactionId"});
  }
  const std::int64_t amount =
      amount_text.empty() ? t.amount - t.refunded
                          : amount_of(amount_text, t.currency, {"input", "refund", "amount"});
  if (amount > t.amount - t.refunded) {
    throw api_error("Refund amount is too large.", "91521", {"input", "refund", "amount"});
  }
  if (order_id.size() > 255)
    throw api_error("Order ID is too long.", "91501", {"input", "refund", "orderId"});
  const refund& made = make_refund(t, amount, order_id, description);
  return boost::json::object{{"__typename", "RefundTransactionPayload"},
                             {"refund", refund_json(made, store_)}};
}

void simulator::settle(transaction& t, bool decline) {
  add_event(t, "SETTLING", t.amount);
  if (decline || t.settlement == "SETTLEMENT_DECLINED") {
    add_event(t, "SETTLEMENT_DECLINED", t.amount,
              processor_answer{"4001", "Settlement Declined", ""});
    emit_transaction("transaction_settlement_declined", t);
  } else {
    add_event(t, "SETTLED", t.amount);
    emit_transaction("transaction_settled", t);
  }
}

boost::json::value simulator::sandbox_settle(const boost::json::object& input) {
  transaction& t = transaction_by_id(required(input, "transactionId", "input"), "transactionId");
  const std::string state = text(input, "settlementState", "input");
  if (!state.empty() && state != "SETTLED" && state != "SETTLEMENT_DECLINED") {
    throw gql::error(
        "Variable \"$input\" got invalid value at \"input.settlementState\"; Value \"" + state +
            "\" does not exist in \"SandboxSettlementState\" enum",
        {});
  }
  if (t.status != "SUBMITTED_FOR_SETTLEMENT") {
    throw api_error("Transaction can only be settled if it is submitted for settlement.", "91575",
                    {"input", "transactionId"});
  }
  settle(t, state == "SETTLEMENT_DECLINED");
  return boost::json::object{{"__typename", "TransactionPayload"},
                             {"transaction", transaction_json(t, store_)}};
}

}  // namespace processor_sim::braintree
