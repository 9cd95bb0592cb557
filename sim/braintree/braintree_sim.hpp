#pragma once
// The Braintree simulator: Braintree's GraphQL API at POST /braintree/graphql (Basic
// public_key:private_key, Braintree-Version), answering the operations a server-side client sends
// (tokenize, authorize/charge, capture, reverse, refund, vault, disputes, node/search reads) in
// Braintree's wire format, with sandbox triggers, bt_signature/bt_payload webhooks and test
// controls under /_sim/braintree. One mutex guards all state.

#include "../processor.hpp"
#include "braintree_graphql.hpp"
#include "braintree_state.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace processor_sim::braintree {

struct config {
  std::string public_key = "sim_braintree_public_key";
  std::string private_key = "sim_braintree_private_key_00000000";
  std::string merchant_id = "sim_braintree_merchant";
  // The first is the default account (isDefault): transactions without merchantAccountId use it.
  std::vector<merchant_account> merchant_accounts = {
      {"sim_usd", "USD", true}, {"sim_eur", "EUR", false}, {"sim_jpy", "JPY", false}};
  std::string webhook_url;  // empty: no webhooks
  // search.transactions sees a new transaction only this long after it was made (0 = at once),
  // like Braintree's search index.
  unsigned search_lag_ms = 0;
};

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx);

// A refusal of one root field: an `errors` entry with errorType user_error, the field's data null.
struct api_error : std::runtime_error {
  api_error(std::string message, std::string legacy_code = {},
            std::vector<std::string> input_path = {}, std::string error_class = "VALIDATION")
      : std::runtime_error(std::move(message)),
        legacy_code(std::move(legacy_code)),
        input_path(std::move(input_path)),
        error_class(std::move(error_class)) {}
  std::string legacy_code;
  std::vector<std::string> input_path;
  std::string error_class;
};

class simulator final : public processor {
 public:
  simulator(config cfg, sim_context ctx);

  std::string name() const override { return "braintree"; }
  sim_response handle(const sim_request& req, const std::string& path) override;
  sim_response handle_control(const sim_request& req, const std::string& path) override;
  sim_response error_response(int status, const retry_hints& hints) const override;
  boost::json::object stats() const override;

 private:
  // braintree_sim.cpp: auth, version, the GraphQL request, root-field dispatch
  boost::json::object graphql(const sim_request& req);
  boost::json::value run_root(const std::string& op_type, const gql::selection& field);
  boost::json::value resolve_field(const std::string& parent_type, const gql::selection& field,
                                   const boost::json::object& parent);
  // The field's `input` argument (required, an object).
  boost::json::object input_of(const gql::selection& field);

  // braintree_payments.cpp
  boost::json::value tokenize(const boost::json::object& input);
  boost::json::value transact(const boost::json::object& input, bool submit);
  boost::json::value capture(const boost::json::object& input);
  boost::json::value reverse(const boost::json::object& input);
  boost::json::value refund_transaction(const boost::json::object& input);
  boost::json::value sandbox_settle(const boost::json::object& input);
  transaction& transaction_by_id(const std::string& id, const std::string& field);
  const merchant_account& account(const std::string& id) const;
  void add_event(transaction& t, const std::string& status, std::int64_t amount,
                 std::optional<processor_answer> answer = {}, const std::string& rejection = {});
  refund& make_refund(transaction& t, std::int64_t amount, const std::string& order_id,
                      const std::string& description);
  // SUBMITTED_FOR_SETTLEMENT -> SETTLING -> SETTLED (or SETTLEMENT_DECLINED), with its webhook.
  void settle(transaction& t, bool decline);

  // braintree_vault.cpp
  boost::json::value vault(const boost::json::object& input);
  boost::json::value delete_payment_method(const boost::json::object& input);
  payment_method& payment_method_by_id(const std::string& id);

  // braintree_queries.cpp
  boost::json::value node(const boost::json::object& args);
  boost::json::value id_from_legacy_id(const boost::json::object& args);
  boost::json::value search_transactions(const boost::json::object& args);
  boost::json::value merchant_accounts(const boost::json::object& args);

  // braintree_disputes.cpp
  boost::json::value dispute_mutation(const std::string& root, const boost::json::object& input);
  dispute& dispute_by_id(const std::string& id);
  dispute& open_dispute(transaction& t, std::int64_t amount, const std::string& reason);
  void set_dispute_status(dispute& d, const std::string& status, const std::string& webhook);

  // braintree_webhooks.cpp
  void emit(const std::string& kind, const std::string& subject_xml, const std::string& id);
  void emit_transaction(const std::string& kind, const transaction& t);
  void emit_refund_failed(const refund& r);
  void emit_dispute(const std::string& kind, const dispute& d);

  // braintree_control.cpp
  sim_response control(const sim_request& req, const std::vector<std::string>& parts);

  config cfg_;
  sim_context ctx_;
  mutable std::mutex mutex_;
  store store_;
  // Of the request being handled.
  const gql::document* doc_ = nullptr;
  const boost::json::object* variables_ = nullptr;
  std::uint64_t charges_ = 0, double_charges_ = 0, declines_ = 0, captures_ = 0, voids_ = 0;
  std::uint64_t refunds_ = 0, vaulted_ = 0, webhooks_ = 0, graphql_errors_ = 0;
};

}  // namespace processor_sim::braintree
