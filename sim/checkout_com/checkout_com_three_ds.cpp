// The page behind a 3-D Secure payment's _links.redirect.href. The shopper's browser GETs it; it
// settles the payment (every card passes the challenge except the failing test card) and sends
// the browser on to success_url or failure_url with `cko-session-id`, as Checkout.com does.
#include "checkout_com_cards.hpp"
#include "checkout_com_sim.hpp"

namespace processor_sim::checkout_com {

sim_response simulator::three_ds_page(const std::string& session_id) {
  auto session = sessions_.find(session_id);
  if (session == sessions_.end()) return text_response(404, "unknown 3-D Secure session\n");
  payment& p = payments_.at(session->second);
  if (p.outcome.empty()) {
    const bool passed = p.details.number != three_ds_failing_card;
    p.authentication_response = passed ? "Y" : "N";
    settle(p, passed ? outcome_for(p.details.number).response_code : three_ds_failed_code);
  }
  // A visit after the outcome repeats the redirect (a browser reload changes nothing).
  const bool approved = p.outcome == "approved";
  const std::string& url = approved ? p.success_url : p.failure_url;
  if (url.empty()) {
    sim_response page = text_response(200, std::string("<html><body>3-D Secure ") +
                                               (approved ? "passed" : "failed") +
                                               "; you may close this page.</body></html>");
    page.content_type = "text/html";
    return page;
  }
  sim_response r = text_response(302, "");
  const char sep = url.find('?') == std::string::npos ? '?' : '&';
  r.headers.emplace_back("Location", url + sep + "cko-session-id=" + session_id);
  return r;
}

}  // namespace processor_sim::checkout_com
