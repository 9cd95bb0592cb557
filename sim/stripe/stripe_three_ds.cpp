// The page a shopper's browser is sent to by next_action.redirect_to_url: it completes (or, with
// &result=failed, fails) the authentication and redirects to the return_url like Stripe does.

#include "stripe_objects.hpp"
#include "stripe_sim.hpp"

namespace processor_sim::stripe {
namespace {

sim_response redirect_to(const std::string& return_url, const std::string& query) {
  if (return_url.empty()) return text_response(200, "Authentication complete (" + query + ")\n");
  sim_response r = text_response(302, "");
  const char sep = return_url.find('?') == std::string::npos ? '?' : '&';
  r.headers.emplace_back("Location", return_url + sep + query);
  return r;
}

}  // namespace

sim_response simulator::three_ds_page(const sim_request& req, const std::string& id) {
  auto q = req.query.find("client_secret");
  const std::string secret = q == req.query.end() ? std::string{} : q->second;
  auto r = req.query.find("result");
  const bool fail = r != req.query.end() && (r->second == "failed" || r->second == "fail");
  const std::string saved_request = request_id_;
  request_id_.clear();  // events caused by the shopper carry "request": {"id": null}

  sim_response reply = text_response(404, "unknown authentication\n");
  if (auto it = intents_.find(id); it != intents_.end()) {
    auto& pi = it->second;
    if (secret != pi.client_secret) {
      reply = text_response(403, "client_secret does not match\n");
    } else if (pi.status == "requires_action") {
      if (fail) {
        const auto& pm = methods_.at(pi.payment_method);
        boost::json::object err{
            {"code", "payment_intent_authentication_failure"},
            {"doc_url",
             "https://stripe.com/docs/error-codes/payment-intent-authentication-failure"},
            {"message",
             "The provided PaymentMethod has failed authentication. You can provide "
             "payment_method_data or a new PaymentMethod to attempt to fulfill this "
             "PaymentIntent again."},
            {"payment_method", payment_method_json(pm)},
            {"type", "invalid_request_error"}};
        pi.status = "requires_payment_method";
        pi.payment_method.clear();
        pi.last_payment_error = std::move(err);
        pi.auth_result = "failed";
        emit("payment_intent.payment_failed", pi_json(pi));
      } else {
        pi.auth_result = "succeeded";
        authorize(pi);
      }
    }
    if (reply.status == 404 && !pi.auth_result.empty()) {
      reply = redirect_to(pi.return_url, "payment_intent=" + pi.id +
                                             "&payment_intent_client_secret=" + pi.client_secret +
                                             "&redirect_status=" + pi.auth_result);
    } else if (reply.status == 404) {
      reply = text_response(400, "this PaymentIntent does not require authentication\n");
    }
  } else if (auto si_it = setups_.find(id); si_it != setups_.end()) {
    auto& si = si_it->second;
    if (secret != si.client_secret) {
      reply = text_response(403, "client_secret does not match\n");
    } else if (si.status == "requires_action") {
      if (fail) {
        si.status = "requires_payment_method";
        si.last_setup_error = boost::json::object{
            {"code", "setup_intent_authentication_failure"},
            {"message",
             "The latest attempt to set up the payment method has failed because "
             "authentication failed."},
            {"type", "invalid_request_error"}};
        si.payment_method.clear();
        si.auth_result = "failed";
        emit("setup_intent.setup_failed", si_json(si));
      } else {
        si.auth_result = "succeeded";
        si.status = "succeeded";
        auto& pm = methods_.at(si.payment_method);
        pm.set_up = true;
        if (!si.customer.empty()) pm.customer = si.customer;
        emit("setup_intent.succeeded", si_json(si));
      }
    }
    if (reply.status == 404 && !si.auth_result.empty()) {
      reply = redirect_to(si.return_url, "setup_intent=" + si.id +
                                             "&setup_intent_client_secret=" + si.client_secret +
                                             "&redirect_status=" + si.auth_result);
    } else if (reply.status == 404) {
      reply = text_response(400, "this SetupIntent does not require authentication\n");
    }
  }
  request_id_ = saved_request;
  return reply;
}

}  // namespace processor_sim::stripe
