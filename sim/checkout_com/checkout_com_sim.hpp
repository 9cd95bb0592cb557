#pragma once
// The Checkout.com simulator: the Unified Payments API (NAS) under /checkout_com — payments,
// their actions (captures, voids, refunds), stored card sources, disputes — with Bearer secret-key
// auth, Cko-Idempotency-Key, the 3-D Secure page under /checkout_com/_3ds, webhooks signed with
// Cko-Signature and test controls under /_sim/checkout_com. One mutex guards all state.

#include "../processor.hpp"
#include "checkout_com_state.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace processor_sim::checkout_com {

struct config {
  // A NAS sandbox key (`sk_sbox_` + 27 of [a-z2-7]), sent as `Authorization: Bearer <key>`.
  std::string secret_key = "sk_sbox_processorsimcheckoutcomkeys";
  // The public key (`pk_sbox_…`): the only key POST /tokens accepts, and accepted nowhere else.
  std::string public_key = "pk_sbox_processorsimpublickey00000";
  // The key of the workflow's webhook action: signs Cko-Signature. Fixed by default so demos are
  // reproducible; printed at start like the other sims' webhook secrets.
  std::string signature_key = "processor_sim_checkout_com_signature_key";
  std::string webhook_url;            // empty: no webhooks
  std::string webhook_authorization;  // optional static Authorization header of each webhook
};

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx);

class simulator final : public processor {
 public:
  simulator(config cfg, sim_context ctx) : cfg_(std::move(cfg)), ctx_(std::move(ctx)) {}

  std::string name() const override { return "checkout_com"; }
  sim_response handle(const sim_request& req, const std::string& path) override;
  sim_response handle_control(const sim_request& req, const std::string& path) override;
  sim_response error_response(int status, const retry_hints& hints) const override;
  std::string idempotency_key(const sim_request& req, const std::string& path) const override;
  sim_response in_progress_response(const std::string& key) const override;
  boost::json::object stats() const override;

 private:
  // checkout_com_sim.cpp: auth, idempotency, routing
  sim_response api(const sim_request& req, const std::string& path);
  sim_response with_idempotency(const sim_request& req, const std::string& path,
                                const std::vector<std::string>& parts,
                                const boost::json::value& body);
  sim_response route(const std::string& method, const std::vector<std::string>& parts,
                     const boost::json::value& body);
  // The payment with this `pay_` or `sid_` id, or nullptr.
  payment* find_payment(const std::string& id);

  // checkout_com_payments.cpp
  sim_response create_payment(const boost::json::object& body);
  // Fills p's card from `source`; adds the error codes of what is wrong to `errors`.
  void read_source(const boost::json::object& body, payment& p, std::vector<std::string>& errors);
  // checkout_com_sources.cpp: a network_token source; the card behind a `token` source.
  void read_network_token(const boost::json::object& src, const boost::json::object& body,
                          payment& p, std::vector<std::string>& errors);
  void read_token(const boost::json::object& src, payment& p, std::vector<std::string>& errors);

  // checkout_com_tokens.cpp: POST /tokens (public key), applepay, googlepay and card.
  sim_response create_token(const sim_request& req);

  // Decides the payment (approved or declined), records its actions, saves the card, counts the
  // charge and sends the webhooks.
  void settle(payment& p, const std::string& response_code);

  // checkout_com_payment_actions.cpp: POST /payments/{id}/captures|voids|refunds
  sim_response capture(payment& p, const boost::json::object& body);
  sim_response void_payment(payment& p, const boost::json::object& body);
  sim_response refund(payment& p, const boost::json::object& body);
  action& add_action(payment& p, const std::string& type, std::int64_t amount, bool approved,
                     const std::string& code, const boost::json::object& body);
  sim_response accepted(const payment& p, const action& a) const;

  // checkout_com_three_ds.cpp: the shopper's page behind _links.redirect.href
  sim_response three_ds_page(const std::string& session_id);

  // checkout_com_disputes.cpp
  sim_response dispute_route(const std::string& method, const std::vector<std::string>& parts,
                             const boost::json::value& body);
  sim_response provide_evidence(dispute& d, const boost::json::value& body);
  dispute& open_dispute(payment& p, std::int64_t amount, const std::string& category,
                        const std::string& reason_code);
  void resolve_dispute(dispute& d, const std::string& outcome);

  // checkout_com_webhooks.cpp
  void emit(const std::string& type, boost::json::object data);
  void emit_payment(const std::string& type, const payment& p, const action* a);
  void emit_dispute(const std::string& type, const dispute& d);

  // checkout_com_control.cpp
  sim_response control(const sim_request& req, const std::vector<std::string>& parts);
  boost::json::object payment_state(const payment& p) const;

  std::string base() const { return ctx_.public_base_url + "/checkout_com"; }

  config cfg_;
  sim_context ctx_;
  mutable std::mutex mutex_;
  std::map<std::string, payment> payments_;
  std::map<std::string, std::string> sessions_;  // sid_ -> pay_
  std::map<std::string, stored_source> sources_;
  std::map<std::string, issued_token> tokens_;
  std::map<std::string, dispute> disputes_;
  std::map<std::string, idempotent_reply> idempotency_;
  // Of the request being handled.
  std::string request_id_, idempotency_key_;
  std::uint64_t charges_ = 0, replays_ = 0, mismatches_ = 0, webhooks_ = 0;
  std::uint64_t captures_ = 0, voids_ = 0, refunds_ = 0, refund_declines_ = 0;
};

}  // namespace processor_sim::checkout_com
