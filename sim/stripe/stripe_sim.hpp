#pragma once
// The Stripe simulator: the PaymentIntents API under /stripe/v1 (form bodies, JSON replies), the
// 3DS page under /stripe/3ds and test controls under /_sim/stripe. One mutex guards all state.

#include "../processor.hpp"
#include "../wallet_tokens.hpp"
#include "stripe_errors.hpp"
#include "stripe_form.hpp"
#include "stripe_state.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace processor_sim::stripe {

inline constexpr const char* api_version = "2023-08-16";

struct config {
  std::string api_key = "sk_test_sim_stripe";
  // A fixed default keeps demos reproducible; printed at start.
  std::string webhook_secret = "whsec_processor_sim_stripe_0123456789abcdef";
  std::string webhook_url;  // empty: no webhooks
};

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx);

class simulator final : public processor {
 public:
  simulator(config cfg, sim_context ctx) : cfg_(std::move(cfg)), ctx_(std::move(ctx)) {}

  std::string name() const override { return "stripe"; }
  sim_response handle(const sim_request& req, const std::string& path) override;
  sim_response handle_control(const sim_request& req, const std::string& path) override;
  sim_response error_response(int status, const retry_hints& hints) const override;
  std::string idempotency_key(const sim_request& req, const std::string& path) const override;
  sim_response in_progress_response(const std::string& key) const override;
  boost::json::object stats() const override;

 private:
  // stripe_sim.cpp
  sim_response api(const sim_request& req, const std::string& path);
  sim_response with_idempotency(const sim_request& req, const std::string& pattern,
                                const std::vector<std::string>& parts, const form& f);
  sim_response route(const std::string& pattern, const std::vector<std::string>& parts,
                     const form& f);
  std::string new_id(const std::string& prefix);
  void emit(const std::string& type, boost::json::object object);
  void count_charge(const payment_intent& pi);

  // stripe_payment_intents.cpp
  sim_response create_payment_intent(const form& f);
  sim_response confirm_payment_intent(payment_intent& pi, const form& f);
  sim_response capture(const std::string& id, const form& f);
  sim_response cancel(const std::string& id, const form& f);
  sim_response confirm_route(const std::string& id, const form& f);
  void authorize(payment_intent& pi);
  sim_response decline(payment_intent& pi, const payment_method& pm, const std::string& code,
                       const std::string& decline_code, const std::string& message);

  // stripe_three_ds.cpp
  sim_response three_ds_page(const sim_request& req, const std::string& id);
  std::string three_ds_url(const std::string& id, const std::string& secret) const;
  boost::json::object pi_json(const payment_intent& pi, const form* expand = nullptr) const;
  boost::json::array method_types(const payment_intent& pi) const;

  // stripe_payment_methods.cpp
  // Resolves an id (stored or test id) or payment_method_data; on failure sets *err.
  // A detached method is refused (400, like Stripe) unless `allow_detached` (GET, detach).
  payment_method* resolve_method(const form& f, const std::string& param, sim_response* err,
                                 bool allow_detached = false);
  sim_response create_payment_method(const form& f);
  payment_method* card_from_form(const form& f, const std::string& prefix, sim_response* err);
  sim_response attach(const std::string& id, const form& f, bool detach);

  // stripe_tokens.cpp: Apple Pay tokens (POST /v1/tokens pk_token) and card[token]
  sim_response create_token(const form& f);
  // POST /_sim/stripe/google_pay_tokens {"token": Google Pay test token text}: the Stripe token
  // object Google Pay would hand a merchant whose gateway is Stripe (tokenization android_pay).
  sim_response control_google_pay_token(const sim_request& req);
  token& issue_token(const wallet::token_card& card, const std::string& tokenization_method);
  // A new PaymentMethod from a tok_ (Stripe's test tokens, or one /v1/tokens issued: single use).
  payment_method* card_from_token(const std::string& id, const std::string& param,
                                  sim_response* err);
  // stripe_bank_debits.cpp: sepa_debit PaymentMethods (`prefix` "" for POST /v1/payment_methods,
  // "payment_method_data" inline), the mandate and `processing` on confirm, and settlement.
  payment_method* sepa_debit_from_form(const form& f, const std::string& prefix, sim_response* err);
  std::optional<sim_response> confirm_debit(payment_intent& pi, payment_method& pm, const form& f);
  // stripe_bank_redirects.cpp: ideal / bancontact PaymentMethods and requires_action on confirm.
  payment_method* bank_redirect_from_form(const form& f, const std::string& type,
                                          const std::string& prefix, sim_response* err);
  std::optional<sim_response> confirm_redirect(payment_intent& pi, const payment_method& pm);
  // The debit's pending charge, `processing` and its event.
  void start_debit(payment_intent& pi, const payment_method& pm);
  // stripe_ach.cpp: us_bank_account PaymentMethods and the microdeposit verification.
  payment_method* us_bank_account_from_form(const form& f, const std::string& prefix,
                                            sim_response* err);
  boost::json::object microdeposits_action(const payment_intent& pi) const;
  sim_response microdeposits_page(const sim_request& req, const std::string& id);
  // POST /_sim/stripe/payment_intents/{pi}/settle {"outcome"?: "succeeded"|"failed"}.
  sim_response settle_debit(payment_intent& pi, const std::string& forced);
  sim_response create_customer(const form& f);
  sim_response create_setup_intent(const form& f);
  sim_response confirm_setup_route(const std::string& id, const form& f);
  sim_response confirm_setup_intent(setup_intent& si);
  boost::json::object si_json(const setup_intent& si) const;

  // stripe_refunds_disputes.cpp
  sim_response create_refund(const form& f);
  std::string open_dispute(const std::string& charge_id);
  sim_response update_dispute(const std::string& id, const form& f);
  sim_response close_dispute(const std::string& id);
  void close_dispute_as(dispute& d, const std::string& status);

  // stripe_control.cpp
  sim_response control_dispute(const sim_request& req, const std::vector<std::string>& parts);
  boost::json::object intent_state(const payment_intent& pi) const;

  config cfg_;
  sim_context ctx_;
  mutable std::mutex mutex_;
  std::map<std::string, payment_method> methods_;
  std::map<std::string, token> tokens_;
  std::map<std::string, customer> customers_;
  std::map<std::string, payment_intent> intents_;
  std::map<std::string, charge> charges_;
  std::map<std::string, refund> refunds_;
  std::map<std::string, setup_intent> setups_;
  std::map<std::string, dispute> disputes_;
  std::map<std::string, idempotent_reply> idempotency_;
  std::uint64_t charge_count_ = 0;
  // Of the request being handled, for events' "request" member.
  std::string request_id_, idempotency_key_;
};

}  // namespace processor_sim::stripe
