#pragma once
// The PayPal simulator: OAuth2 tokens, Orders v2 and Payments v2 under /paypal (JSON, money as
// decimal strings), PayPal-Request-Id idempotency, signed webhooks with their verification API,
// the payer's approval page under /paypal/checkoutnow and test controls under /_sim/paypal.
// One mutex guards all state.

#include "../processor.hpp"
#include "paypal_signing.hpp"
#include "paypal_state.hpp"

#include <boost/json/value.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace processor_sim::paypal {

struct config {
  std::string client_id = "sim_paypal_client_id";
  std::string client_secret = "sim_paypal_client_secret";
  // The id PayPal gives the merchant's webhook subscription: part of the signed string.
  std::string webhook_id = "1SIM0PAYPAL0WEBHOOK";
  std::string webhook_url;       // empty: no webhooks
  unsigned token_ttl_s = 32400;  // PayPal's usual expires_in (9 h)
};

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx);

class simulator final : public processor {
 public:
  simulator(config cfg, sim_context ctx) : cfg_(std::move(cfg)), ctx_(std::move(ctx)) {}

  std::string name() const override { return "paypal"; }
  sim_response handle(const sim_request& req, const std::string& path) override;
  sim_response handle_control(const sim_request& req, const std::string& path) override;
  sim_response error_response(int status, const retry_hints& hints) const override;
  std::string idempotency_key(const sim_request& req, const std::string& path) const override;
  sim_response in_progress_response(const std::string& key) const override;
  boost::json::object stats() const override;

 private:
  using clock = std::chrono::steady_clock;
  struct token {
    clock::time_point expires;
  };

  // paypal_auth.cpp
  sim_response issue_token(const sim_request& req);
  bool token_valid(const sim_request& req, sim_response* err);

  // paypal_sim.cpp: idempotency, routing
  sim_response with_idempotency(const sim_request& req, const std::string& path,
                                const boost::json::object& body);
  sim_response route(const std::string& method, const std::vector<std::string>& parts,
                     const boost::json::object& body);
  sim_response render(const std::string& kind, const std::string& id, int status);
  std::optional<sim_response> vault_route(const std::string& method,
                                          const std::vector<std::string>& parts,
                                          const boost::json::object& body);
  std::optional<sim_response> dispute_route(const std::string& method,
                                            const std::vector<std::string>& parts,
                                            const boost::json::object& body);
  void produced(const std::string& kind, const std::string& id);

  // paypal_orders.cpp
  std::optional<sim_response> use_card(const boost::json::object& card, order& o);
  sim_response create_order(const boost::json::object& body);
  sim_response complete_order(const std::string& id, const std::string& action);
  sim_response approve_order(const std::string& id, bool three_ds_failed = false);
  void process_order(order& o);
  boost::json::object order_json(const order& o, bool full) const;

  // paypal_payments.cpp
  sim_response capture_authorization(const std::string& id, const boost::json::object& body);
  sim_response void_authorization(const std::string& id);
  sim_response reauthorize(const std::string& id, const boost::json::object& body);
  sim_response refund_capture(const std::string& id, const boost::json::object& body);
  boost::json::object authorization_json(const authorization& a, bool full) const;
  boost::json::object capture_json(const capture& c, bool full) const;
  void emit_capture_event(const capture& c);  // COMPLETED, PENDING or DENIED
  boost::json::object refund_json(const refund& r, bool full) const;

  // paypal_vault.cpp
  sim_response create_setup_token(const boost::json::object& body);
  sim_response create_payment_token(const boost::json::object& body);
  sim_response list_payment_tokens(const std::string& customer_id);
  // Saves a card as a payment token (also for store_in_vault); returns its id.
  std::string save_card(const card_details& card, std::string& customer_id);
  boost::json::object vault_json(const vault_token& t, bool setup) const;

  // paypal_disputes.cpp
  std::string open_dispute(const std::string& capture_id, const std::string& reason);
  sim_response accept_claim(dispute& d, const boost::json::object& body);
  sim_response provide_evidence(dispute& d, const sim_request& req,
                                const boost::json::object& body);
  void resolve_dispute(dispute& d, const std::string& outcome);
  boost::json::object dispute_json(const dispute& d, bool full) const;

  // paypal_webhooks.cpp
  void emit(const std::string& event_type, const std::string& resource_type,
            boost::json::object resource, const std::string& summary);
  sim_response verify_webhook_signature(const boost::json::object& body);
  // GET /_sim/paypal/webhooks/{event id}: the delivery as sent, headers and raw body.
  sim_response sent_delivery(const std::string& event_id) const;

  // paypal_control.cpp
  sim_response control(const sim_request& req, const std::vector<std::string>& parts);

  std::string link_base() const { return ctx_.public_base_url + "/paypal"; }
  std::string cert_url() const;

  config cfg_;
  sim_context ctx_;
  webhook_signer signer_;
  mutable std::mutex mutex_;
  std::map<std::string, token> tokens_;
  std::string current_token_;  // PayPal hands out the same token until it expires
  std::map<std::string, order> orders_;
  std::map<std::string, authorization> authorizations_;
  std::map<std::string, capture> captures_;
  std::map<std::string, refund> refunds_;
  std::map<std::string, vault_token> setup_tokens_, vault_tokens_;
  std::map<std::string, dispute> disputes_;
  std::map<std::string, idempotent_entry> idempotency_;
  std::map<std::string, std::string> invoice_ids_;  // invoice_id -> order that was paid with it
  std::map<std::string, std::string> sent_events_;  // webhook event id -> raw body sent
  // webhook event id -> the PAYPAL-* headers it was sent with
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> sent_headers_;
  // Of the request being handled.
  const sim_request* current_ = nullptr;
  bool representation_ = false;
  std::string produced_kind_, produced_id_;
  unsigned request_charges_ = 0;
  std::uint64_t charges_ = 0, token_requests_ = 0, tokens_issued_ = 0, invalid_tokens_ = 0;
  std::uint64_t replays_ = 0, replay_body_mismatches_ = 0, duplicate_invoice_refusals_ = 0;
  std::uint64_t webhooks_sent_ = 0, verifications_ = 0;
};

std::string iso_time(std::chrono::system_clock::time_point t = std::chrono::system_clock::now());

}  // namespace processor_sim::paypal
