// capture, void, refund and get_refund. Each modification first reads the transaction
// ("transaction": node(id), after "legacy_id" for a legacy id), because Braintree deduplicates
// nothing: a capture already made, a void already done or a refund carrying this call's orderId
// is answered from that read instead of being made twice. The read also holds the currency and
// the status the mutation needs (a void never becomes a refund of a settled transaction).
#include <fmt/format.h>

#include "connectors/braintree/currencies.hpp"
#include "connectors/braintree/flow_parts.hpp"
#include "connectors/braintree/ids.hpp"
#include "connectors/braintree/queries.hpp"
#include "connectors/braintree/replies.hpp"
#include "connectors/braintree/scrubbed.hpp"
#include "connectors/common/flow_steps.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/requests.hpp"

namespace cs::connectors::braintree {

using namespace domain;

namespace {

status check_amount(const money& m, std::string_view field) {
  auto s = to_amount(m, field);
  if (!s) return s.err();
  return ok_status();
}

// The first steps every modification shares: "legacy_id" when needed, then "transaction".
// nullopt once the transaction has been read.
template <class R>
std::optional<step_result<R>> read_transaction_first(std::string_view payment_id,
                                                     const wire::auth& a, const flow_context& ctx) {
  if (ctx.last_step() == "transaction" || ctx.reply_to("transaction")) return std::nullopt;
  auto id = global_id(payment_id, id_kind::transaction, "connector_payment_id", ctx, a);
  if (!id) return step_result<R>(id.err());
  if (id->empty()) return next_request<R>(legacy_id_request(payment_id, id_kind::transaction, a));
  return next_request<R>(wire::graphql("transaction", queries::transaction, {{"id", *id}}, a));
}

struct transaction_state {
  payment_result payment;
  std::optional<refund_result> refund_with_order;  // a refund carrying the wanted orderId
};

result<transaction_state> transaction_read(const flow_context& ctx, const wire::auth& a,
                                           std::string_view refund_order_id = {}) {
  auto txn = read_node(*ctx.reply_to("transaction"), a, "Transaction");
  if (!txn) return txn.err();
  auto p = read_transaction(*txn, "");
  if (!p) return p.err();
  transaction_state out{std::move(*p), std::nullopt};
  if (!refund_order_id.empty())
    for (auto r : array_of(at(*txn, {"refunds"})))
      if (json::str(r, "orderId") == refund_order_id)
        if (auto rr = read_refund(r)) out.refund_with_order = std::move(*rr);
  return out;
}

status same_currency(const std::optional<money>& asked, const payment_result& p,
                     std::string_view field) {
  if (asked && p.amount && asked->currency != p.amount->currency)
    return invalid_argument(
        std::string(field) + ".currency_code",
        fmt::format("is {}, but Braintree transaction {} is in {}", asked->currency,
                    p.connector_payment_id, p.amount->currency));
  return ok_status();
}

error not_in_state(const payment_result& p, std::string_view what, std::string_view instead) {
  return make_error(error_code::failed_precondition, reason::processor_rejected,
                    fmt::format("Braintree transaction {} is {}: it cannot be {}{}",
                                p.connector_payment_id, p.processor_status, what, instead));
}

constexpr std::string_view retry_reads_first =
    "call again: the connector reads the transaction first and answers what was done instead of "
    "doing it twice";

step_result<payment_result> capture(const capture_request& req, const wire::auth& a,
                                    const flow_context& ctx) {
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (auto s = check_within(req.amount_to_capture, req.payment_amount, "amount_to_capture",
                              &check_amount);
        !s)
      return s.err();
  }
  if (auto s = read_transaction_first<payment_result>(req.connector_payment_id, a, ctx)) return *s;
  if (ctx.last_step() == "transaction") {
    auto t = transaction_read(ctx, a);
    if (!t) return t.err();
    auto& p = t->payment;
    if (auto s = same_currency(req.amount_to_capture, p, "amount_to_capture"); !s) return s.err();
    // Captured already (an earlier attempt, or automatic capture): that capture is the answer.
    if (p.status == payment_status::charged) return final_result(std::move(p));
    if (p.status != payment_status::authorized)
      return not_in_state(p, "captured", "; only an AUTHORIZED transaction can");
    boost::json::object input{{"transactionId", p.connector_payment_id}};
    if (req.amount_to_capture) {
      auto amount = to_amount(*req.amount_to_capture, "amount_to_capture");
      if (!amount) return amount.err();
      // One capture; Braintree releases the rest of the authorization (partialCaptureTransaction,
      // for several captures, is not used: the API captures once).
      input["transaction"] = boost::json::object{{"amount", *amount}};
    }
    return next_request<payment_result>(
        wire::graphql("capture", queries::capture_transaction, {{"input", input}}, a));
  }
  if (ctx.last_step() != "capture") return unexpected_step(wire::connector_name, "capture", ctx);
  auto data = read_data(*ctx.last_reply(), a);
  if (!data) return mutation_failed(std::move(data).err(), retry_reads_first);
  auto txn = at(*data, {"captureTransaction", "transaction"});
  if (!txn)
    return mutation_failed(make_error(error_code::unavailable, reason::bad_processor_reply,
                                      "Braintree answered the capture without a transaction"),
                           retry_reads_first);
  auto p = read_transaction(*txn, req.merchant_reference);
  if (!p) return mutation_failed(std::move(p).err(), retry_reads_first);
  return final_result(std::move(*p));
}

// reverseTransaction voids an unsettled transaction and refunds a settled one; a void must never
// refund, so only AUTHORIZED and SUBMITTED_FOR_SETTLEMENT transactions are reversed here.
step_result<payment_result> void_payment(const void_request& req, const wire::auth& a,
                                         const flow_context& ctx) {
  if (ctx.first() && req.idempotency_key.empty()) return missing_field("idempotency_key");
  if (auto s = read_transaction_first<payment_result>(req.connector_payment_id, a, ctx)) return *s;
  if (ctx.last_step() == "transaction") {
    auto t = transaction_read(ctx, a);
    if (!t) return t.err();
    auto& p = t->payment;
    if (p.status == payment_status::voided) return final_result(std::move(p));
    if (p.processor_status != "AUTHORIZED" && p.processor_status != "SUBMITTED_FOR_SETTLEMENT")
      return not_in_state(p, "voided",
                          p.status == payment_status::charged
                              ? " (Braintree would refund it, not void it): use Refund"
                              : "; only an AUTHORIZED or SUBMITTED_FOR_SETTLEMENT transaction can");
    return next_request<payment_result>(wire::graphql(
        "reverse", queries::reverse_transaction,
        {{"input", boost::json::object{{"transactionId", p.connector_payment_id}}}}, a));
  }
  if (ctx.last_step() != "reverse") return unexpected_step(wire::connector_name, "void", ctx);
  auto data = read_data(*ctx.last_reply(), a);
  if (!data) return mutation_failed(std::move(data).err(), retry_reads_first);
  auto reversal = at(*data, {"reverseTransaction", "reversal"});
  auto type = reversal ? json::str(*reversal, "__typename") : std::string();
  if (type == "Transaction") {
    auto p = read_transaction(*reversal, req.merchant_reference);
    if (!p) return mutation_failed(std::move(p).err(), retry_reads_first);
    return final_result(std::move(*p));
  }
  if (type == "Refund") {
    // The transaction settled between the read and the reversal: Braintree refunded it.
    auto r = read_refund(*reversal);
    if (!r) return mutation_failed(std::move(r).err(), retry_reads_first);
    payment_result p;
    p.status = payment_status::auto_refunded;
    p.connector_payment_id = req.connector_payment_id;
    p.connector_operation_id = r->connector_refund_id;
    p.amount = r->amount;
    p.processor_status = "REFUNDED";
    p.merchant_reference = req.merchant_reference;
    return final_result(std::move(p));
  }
  return mutation_failed(make_error(error_code::unavailable, reason::bad_processor_reply,
                                    "Braintree answered the reversal without a Transaction or "
                                    "Refund"),
                         retry_reads_first);
}

step_result<refund_result> refund(const refund_request& req, const wire::auth& a,
                                  const flow_context& ctx) {
  if (ctx.first()) {
    if (req.idempotency_key.empty()) return missing_field("idempotency_key");
    if (req.idempotency_key.size() > wire::max_order_id)
      return invalid_argument("idempotency_key",
                              "is longer than Braintree's refund orderId (255 characters)");
    if (auto s = check_within(req.amount, req.payment_amount, "amount", &check_amount); !s)
      return s.err();
  }
  if (auto s = read_transaction_first<refund_result>(req.connector_payment_id, a, ctx)) return *s;
  // The refund's orderId is the call's idempotency key: a retry finds its refund on the
  // transaction instead of refunding twice.
  const std::string& order = req.idempotency_key;
  if (ctx.last_step() == "transaction") {
    auto t = transaction_read(ctx, a, order);
    if (!t) return t.err();
    if (t->refund_with_order) {
      auto r = std::move(*t->refund_with_order);
      r.connector_payment_id = t->payment.connector_payment_id;
      return final_result(std::move(r));
    }
    auto& p = t->payment;
    if (auto s = same_currency(req.amount, p, "amount"); !s) return s.err();
    if (p.processor_status == "AUTHORIZED" || p.processor_status == "SUBMITTED_FOR_SETTLEMENT")
      return not_in_state(p, "refunded",
                          " until it settles (Braintree refunds settled transactions only): "
                          "use VoidPayment to cancel it now");
    if (p.status != payment_status::charged)
      return not_in_state(p, "refunded", "; only a settled transaction can");
    boost::json::object refund{{"orderId", order}};
    if (req.amount) {
      auto amount = to_amount(*req.amount, "amount");
      if (!amount) return amount.err();
      refund["amount"] = *amount;
    }
    if (!req.reason.empty()) refund["description"] = req.reason.substr(0, 255);
    return next_request<refund_result>(
        wire::graphql("refund", queries::refund_transaction,
                      {{"input", boost::json::object{{"transactionId", p.connector_payment_id},
                                                     {"refund", std::move(refund)}}}},
                      a));
  }
  if (ctx.last_step() != "refund") return unexpected_step(wire::connector_name, "refund", ctx);
  auto advice = fmt::format(
      "the refund may have been made: call again with the same idempotency_key (the connector "
      "finds the refund by its orderId '{}' instead of refunding twice)",
      order);
  auto data = read_data(*ctx.last_reply(), a);
  if (!data) return mutation_failed(std::move(data).err(), advice);
  auto node = at(*data, {"refundTransaction", "refund"});
  if (!node)
    return mutation_failed(make_error(error_code::unavailable, reason::bad_processor_reply,
                                      "Braintree answered the refund without a refund"),
                           advice);
  auto r = read_refund(*node);
  if (!r) return mutation_failed(std::move(r).err(), advice);
  if (r->connector_payment_id.empty()) r->connector_payment_id = req.connector_payment_id;
  return final_result(std::move(*r));
}

step_result<refund_result> get_refund(const get_refund_request& req, const wire::auth& a,
                                      const flow_context& ctx) {
  if (ctx.last_step() == "refund") {
    auto node = read_node(*ctx.last_reply(), a, "Refund");
    if (!node) return node.err();
    auto r = read_refund(*node);
    if (r && r->connector_payment_id.empty()) r->connector_payment_id = req.connector_payment_id;
    return final_result(std::move(r));
  }
  auto id = global_id(req.connector_refund_id, id_kind::refund, "connector_refund_id", ctx, a);
  if (!id) return id.err();
  if (id->empty())
    return next_request<refund_result>(
        legacy_id_request(req.connector_refund_id, id_kind::refund, a));
  return next_request<refund_result>(wire::graphql("refund", queries::refund, {{"id", *id}}, a));
}

}  // namespace

void add_modifications_flows(flow_table& t) {
  t.capture = with_auth<&wire::read_auth, &guarded<&capture>::run>::run;
  t.void_payment = with_auth<&wire::read_auth, &guarded<&void_payment>::run>::run;
  t.refund = with_auth<&wire::read_auth, &guarded<&refund>::run>::run;
  t.get_refund = with_auth<&wire::read_auth, &guarded<&get_refund>::run>::run;
}

}  // namespace cs::connectors::braintree
