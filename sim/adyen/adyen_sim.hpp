#pragma once
// The Adyen simulator: Checkout v71 under /adyen/v71, DisputeService v30 under
// /adyen/ca/services/DisputeService/v30, the 3DS page under /adyen/hpp/3ds, the iDEAL / Klarna
// page under /adyen/hpp/redirect and test controls
// under /_sim/adyen. One mutex guards all state: handlers take microseconds.

#include "../processor.hpp"
#include "adyen_notifications.hpp"
#include "adyen_state.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace processor_sim::adyen {

struct config {
  std::string api_key = "sim_adyen_api_key";
  // Adyen's documented sample key; a fixed default keeps demos reproducible.
  std::string hmac_key_hex = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
  std::string webhook_url;  // empty: no webhooks
};

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx);

class simulator final : public processor {
 public:
  simulator(config cfg, sim_context ctx) : cfg_(std::move(cfg)), ctx_(std::move(ctx)) {}

  std::string name() const override { return "adyen"; }
  sim_response handle(const sim_request& req, const std::string& path) override;
  sim_response handle_control(const sim_request& req, const std::string& path) override;
  sim_response error_response(int status, const retry_hints& hints) const override;
  std::string idempotency_key(const sim_request& req, const std::string& path) const override;
  sim_response in_progress_response(const std::string& key) const override;
  boost::json::object stats() const override;

 private:
  // adyen_sim.cpp
  sim_response checkout(const sim_request& req, const std::string& path,
                        const boost::json::object& body);
  std::string new_psp_reference();
  // Sends the notification when webhooks are on; returns the body (signed) either way.
  std::string notify(notification n);
  void count_charge(const payment& p);

  // adyen_payments.cpp
  sim_response create_payment(const sim_request& req, const boost::json::object& body);
  sim_response payment_reply(payment& p);
  // adyen_wallets.cpp: fills p's method type and brand from a card, wallet token or network
  // token; the 422 to answer when it is not acceptable.
  std::optional<sim_response> read_card_method(const boost::json::object& method,
                                               const boost::json::object& body, payment& p);
  void apply_outcome(payment& p, const std::string& test_value);
  // True for a test value that refuses (DECLINED, NOT_ENOUGH_BALANCE, ERROR …).
  static bool refusal_test_value(std::string_view test_value);
  // The AUTHORISATION notification's body, or "" when the payment is not final yet.
  std::string notify_authorisation(const payment& p);
  void store_method_if_requested(payment& p);
  sim_response payment_details(const boost::json::object& body);
  sim_response redirect_page(const sim_request& req);
  // 302 to the payment's returnUrl with its redirectResult (made on the first visit).
  sim_response back_to_shop(payment& p);
  sim_response delete_stored_method(const sim_request& req, const std::string& id);

  // adyen_debits.cpp: SEPA and ACH direct debits (Received until they settle).
  static bool is_debit_type(const std::string& type);
  std::optional<sim_response> read_debit_method(const boost::json::object& method,
                                                const amount& value, payment& p);
  void settle_on_test_value(payment& p, const std::string& test_value);
  // The bank's answer: Authorised, or refused with the test value's reason (default
  // NOT_ENOUGH_BALANCE); returns the AUTHORISATION notification's body.
  std::string settle(payment& p, bool success, const std::string& test_value);
  sim_response settle_debit(const std::string& psp, const boost::json::object& body);

  // adyen_redirects.cpp: iDEAL and Klarna (RedirectShopper to the simulator's provider page).
  static bool is_redirect_type(const std::string& type);
  std::optional<sim_response> read_redirect_method(const boost::json::object& method,
                                                   const boost::json::object& body,
                                                   const amount& value, payment& p);
  // GET /adyen/hpp/redirect?ref=…&outcome=approve|fail|cancel: back to returnUrl with a
  // redirectResult.
  sim_response method_page(const sim_request& req);
  // The shopper's choice on that page as Adyen's resultCode (Authorised, Refused, Cancelled).
  void finish_redirect(payment& p);

  // adyen_modifications.cpp
  sim_response modify(const std::string& psp, const std::string& kind,
                      const boost::json::object& body);

  // adyen_disputes.cpp
  sim_response dispute_service(const std::string& operation, const boost::json::object& body);
  sim_response create_chargeback(const boost::json::object& body);
  boost::json::object payment_state(const payment& p) const;

  config cfg_;
  sim_context ctx_;
  mutable std::mutex mutex_;
  std::map<std::string, payment> payments_;              // by pspReference
  std::map<std::string, std::string> redirect_pages_;    // ?ref= of the 3DS page -> psp
  std::map<std::string, std::string> redirect_results_;  // redirectResult -> psp
  std::map<std::string, stored_method> stored_methods_;  // by token
  std::map<std::string, dispute> disputes_;
  std::map<std::string, idempotent_reply> idempotency_;
  std::map<std::string, unsigned> charges_per_reference_;
  std::uint64_t charges_ = 0;
};

}  // namespace processor_sim::adyen
