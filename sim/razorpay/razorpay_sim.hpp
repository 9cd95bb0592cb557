#pragma once
// The Razorpay simulator: orders, S2S card/UPI/recurring payments, capture, refunds, customers,
// tokens and disputes under /razorpay/v1 (JSON, Basic key_id:key_secret), the bank page under
// /razorpay/bank and test controls under /_sim/razorpay. One mutex guards all state; UPI
// approvals and refund settlement happen later on a delayed_tasks thread.

#include "../delayed_tasks.hpp"
#include "../processor.hpp"
#include "razorpay_state.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace processor_sim::razorpay {

struct config {
  std::string key_id = "rzp_test_sim";
  std::string key_secret = "processor_sim_razorpay_key_secret";
  // A fixed default keeps demos reproducible; printed at start.
  std::string webhook_secret = "processor_sim_razorpay_webhook_secret";
  std::string webhook_url;  // empty: no webhooks
  std::string account_id = "acc_SimRazorpay001";
  bool auto_capture = false;       // the account setting; an order's payment_capture overrides it
  unsigned upi_delay_ms = 50;      // success@razorpay / failure@razorpay settle after this
  unsigned refund_delay_ms = 100;  // pending -> processed (0: processed in the reply)
};

std::unique_ptr<processor> make_processor(config cfg, sim_context ctx);

class simulator final : public processor {
 public:
  simulator(config cfg, sim_context ctx) : cfg_(std::move(cfg)), ctx_(std::move(ctx)) {}
  ~simulator() override { tasks_.stop(); }

  std::string name() const override { return "razorpay"; }
  sim_response handle(const sim_request& req, const std::string& path) override;
  sim_response handle_control(const sim_request& req, const std::string& path) override;
  sim_response error_response(int status, const retry_hints& hints) const override;
  boost::json::object stats() const override;

 private:
  using parts_t = std::vector<std::string>;

  // razorpay_sim.cpp
  sim_response api(const sim_request& req, const parts_t& parts, const boost::json::object& body);
  void emit(const std::string& event, const std::string& primary_id, boost::json::object payload);
  void emit_payment(const std::string& event, const payment& p);
  enum class due_kind { payment, refund };
  // Queues a UPI outcome or a refund settlement for run_due() and wakes tasks_ at `due`.
  void schedule(due_kind kind, const std::string& id, steady_time due);
  void run_due();  // settles UPI payments and refunds whose time has come

  // razorpay_orders.cpp
  sim_response create_order(const boost::json::object& body);
  sim_response order_payments(const std::string& id);
  // GET /v1/orders[?receipt=…][&expand[]=payments][&count=…]: newest first, at most count (10).
  sim_response list_orders(const sim_request& req);
  sim_response create_customer(const boost::json::object& body);
  sim_response list_tokens(const std::string& customer_id);
  sim_response token_route(const std::string& method, const std::string& customer_id,
                           const std::string& token_id);

  // razorpay_payments.cpp
  // Validates amount, currency, order_id, email, contact; creates the payment (status created).
  payment* start_payment(const boost::json::object& body, const std::string& method,
                         sim_response* err);
  sim_response create_card_payment(const boost::json::object& body);
  sim_response create_upi_payment(const boost::json::object& body);
  sim_response create_recurring_payment(const boost::json::object& body);
  std::string callback_signature(const payment& p) const;

  // razorpay_outcomes.cpp
  sim_response bank_page(const sim_request& req, const std::string& payment_id);
  void succeed(payment& p);
  void fail(payment& p, const std::string& description, const std::string& source,
            const std::string& step, const std::string& reason);
  void capture_now(payment& p);

  // razorpay_refunds.cpp
  sim_response capture(const std::string& id, const boost::json::object& body);
  sim_response create_refund(const sim_request& req, const std::string& id,
                             const boost::json::object& body);
  void settle_refund(refund& r, const std::string& status);
  void refresh_refund_status(payment& p);

  // razorpay_disputes.cpp
  sim_response accept_dispute(const std::string& id);
  sim_response contest_dispute(const std::string& id, const boost::json::object& body);
  sim_response control_open_dispute(const boost::json::object& body);
  sim_response control_resolve_dispute(const std::string& id, const boost::json::object& body);
  void emit_dispute(const std::string& event, const dispute& d);

  config cfg_;
  sim_context ctx_;
  mutable std::mutex mutex_;
  std::map<std::string, order> orders_;
  std::map<std::string, payment> payments_;
  std::map<std::string, refund> refunds_;
  std::map<std::string, customer> customers_;
  std::map<std::string, token> tokens_;
  std::map<std::string, dispute> disputes_;
  std::map<std::string, std::string> refund_keys_;  // X-Refund-Idempotency -> refund id
  std::uint64_t charges_ = 0;                       // payments that reached authorized
  // Everything run_due() may settle, by due time: each UPI payment with an outcome and each
  // delayed refund, queued once when created. run_due() runs on every request, so it pops only
  // what is due instead of walking every payment and refund ever made (which made throughput
  // fall as the maps grew).
  struct due_entry {
    due_kind kind;
    std::string id;
  };
  std::multimap<steady_time, due_entry> due_;
  delayed_tasks tasks_;  // last: stopped (joined) before the state it touches goes away
};

}  // namespace processor_sim::razorpay
