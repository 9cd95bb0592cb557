// The superset objects (every modelled field, with __typename) of transactions, refunds,
// disputes and payment methods.
#include "braintree_objects.hpp"

namespace processor_sim::braintree {
namespace {

boost::json::value or_null(const std::string& s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

const std::string& currency_of(const store& s, const std::string& transaction_id) {
  static const std::string usd = "USD";
  auto it = s.transactions.find(transaction_id);
  return it == s.transactions.end() ? usd : it->second.currency;
}

}  // namespace

boost::json::object payment_method_json(const payment_method& pm) {
  const card& c = pm.details;
  boost::json::object details{{"__typename", "CreditCardDetails"},
                              {"brandCode", c.brand},
                              {"last4", c.last4},
                              {"bin", c.bin},
                              {"expirationMonth", c.expiration_month},
                              {"expirationYear", c.expiration_year},
                              {"cardholderName", or_null(c.cardholder)}};
  boost::json::value customer = nullptr;
  if (!pm.customer_id.empty()) {
    customer = boost::json::object{{"__typename", "Customer"}, {"id", pm.customer_id}};
  }
  return {{"__typename", "PaymentMethod"},
          {"id", pm.id},
          {"legacyId", pm.legacy_id.empty() ? pm.id : pm.legacy_id},
          {"usage", pm.usage},
          {"createdAt", pm.created_at},
          {"details", std::move(details)},
          {"customer", std::move(customer)}};
}

boost::json::object transaction_json(const transaction& t, const store& s, bool nested) {
  boost::json::object o{{"__typename", "Transaction"},
                        {"id", global_id("transaction", t.legacy_id)},
                        {"legacyId", t.legacy_id},
                        {"createdAt", t.created_at},
                        {"status", t.status},
                        {"orderId", or_null(t.order_id)},
                        {"merchantAccountId", t.merchant_account_id},
                        {"amount", money_json(t.amount, t.currency)},
                        {"statusHistory", status_history_json(t.history, t.currency)}};
  // Deprecated Transaction.processorResponse: the authorization's answer.
  boost::json::value auth = nullptr;
  for (const auto& e : t.history) {
    if (e.answer && e.status != "SETTLEMENT_DECLINED") {
      auth = boost::json::object{{"__typename", "TransactionAuthorizationProcessorResponse"},
                                 {"legacyCode", e.answer->code},
                                 {"message", e.answer->message}};
    }
  }
  o["processorResponse"] = std::move(auth);
  auto pm = s.payment_methods.find(t.payment_method_id);
  o["paymentMethod"] = pm == s.payment_methods.end() || pm->second.usage != "MULTI_USE"
                           ? boost::json::value(nullptr)
                           : boost::json::value(payment_method_json(pm->second));
  o["customer"] = t.customer_id.empty() ? boost::json::value(nullptr)
                                        : boost::json::value(boost::json::object{
                                              {"__typename", "Customer"}, {"id", t.customer_id}});
  if (!nested) {
    boost::json::array refunds;
    for (const auto& id : t.refunds) refunds.push_back(refund_json(s.refunds.at(id), s));
    o["refunds"] = std::move(refunds);
    boost::json::array disputes;
    if (!t.dispute_id.empty()) disputes.push_back(dispute_json(s.disputes.at(t.dispute_id), s));
    o["disputes"] = std::move(disputes);
  }
  return o;
}

boost::json::object refund_json(const refund& r, const store& s) {
  const std::string& currency = currency_of(s, r.transaction_id);
  const transaction& parent = s.transactions.at(r.transaction_id);
  return {{"__typename", "Refund"},
          {"id", global_id("refund", r.legacy_id)},
          {"legacyId", r.legacy_id},
          {"createdAt", r.created_at},
          {"amount", money_json(r.amount, currency)},
          {"orderId", or_null(r.order_id)},
          {"status", r.status},
          {"statusHistory", status_history_json(r.history, currency)},
          {"merchantAccountId", parent.merchant_account_id},
          {"refundedTransaction", transaction_json(parent, s, true)}};
}

boost::json::object dispute_json(const dispute& d, const store& s) {
  const transaction& t = s.transactions.at(d.transaction_id);
  boost::json::array evidence;
  for (const auto& e : d.evidence) {
    evidence.push_back(boost::json::object{{"__typename", "DisputeTextEvidence"},
                                           {"id", global_id("disputeevidence", e.legacy_id)},
                                           {"legacyId", e.legacy_id},
                                           {"createdAt", e.created_at},
                                           {"sentToProcessorAt", nullptr},
                                           {"content", e.content},
                                           {"category", or_null(e.category)}});
  }
  boost::json::array history;
  for (auto it = d.history.rbegin(); it != d.history.rend(); ++it) {
    history.push_back(boost::json::object{{"__typename", "DisputeStatusEvent"},
                                          {"status", it->first},
                                          {"timestamp", it->second},
                                          {"effectiveDate", it->second.substr(0, 10)}});
  }
  return {{"__typename", "Dispute"},
          {"id", global_id("dispute", d.legacy_id)},
          {"legacyId", d.legacy_id},
          {"status", d.status},
          {"type", "CHARGEBACK"},
          {"caseNumber", "CB-" + d.legacy_id},
          {"createdAt", d.created_at},
          {"receivedDate", d.received_date},
          {"replyByDate", d.reply_by_date},
          {"amountDisputed", money_json(d.amount, t.currency)},
          {"amountWon", d.status == "WON" ? boost::json::value(money_json(d.amount, t.currency))
                                          : boost::json::value(nullptr)},
          {"evidence", std::move(evidence)},
          {"statusHistory", std::move(history)},
          {"transaction", transaction_json(t, s, true)}};
}

}  // namespace processor_sim::braintree
