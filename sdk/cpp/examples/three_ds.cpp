// 3-D Secure with the C++ client library: authorize with a card that needs a challenge, follow
// next_action.redirect as the shopper's browser would, and finish with complete_authorize and
// what came back to the return URL.
//
//   three_ds --connector stripe                 # starts its own stack
//   three_ds --connector adyen --target H:P     # a running service (CS_SIM_URL, CS_SIM_CA set)
//
// 1. authorize -> PAYMENT_STATUS_AUTHENTICATION_PENDING with next_action.redirect (url, method,
//    form fields).
// 2. The shopper: the example fetches the redirect URL from the simulator over HTTPS, trusting
//    only its CA (CS_SIM_CA), and reads where the page sends the browser: a 302 to the return_url
//    with the result in the query (Adyen redirectResult; Stripe payment_intent, redirect_status).
// 3. complete_authorize with those query parameters as redirect_payload -> AUTHORIZED.
//
// Test cards: Adyen holder name 3DS_CHALLENGE, Stripe 4000 0000 0000 3220.

#include <cstdio>

#include "support/support.hpp"

namespace ex = cs::examples;
namespace sdk = cs::sdk;
namespace v1 = connectorservice::v1;

namespace {

int fail(const std::string& why) {
  std::fprintf(stderr, "three_ds: %s\n", why.c_str());
  return 1;
}

// What a browser does with the redirect: request the page; the Location it is sent on to.
std::string shopper_visits(const ex::stack& s, const v1::RedirectData& redirect, std::string& why) {
  ex::http_reply page;
  if (redirect.method() == v1::HTTP_METHOD_POST) {
    std::string form;
    for (const auto& [k, v] : redirect.form_fields())
      form += (form.empty() ? "" : "&") + ex::url_encode(k) + "=" + ex::url_encode(v);
    page = ex::http_request("POST", redirect.url(), form,
                            {{"Content-Type", "application/x-www-form-urlencoded"}},
                            s.get("CS_SIM_CA"));
  } else {
    page = ex::http_request("GET", redirect.url(), {}, {}, s.get("CS_SIM_CA"));
  }
  if (page.status == 0)
    why = "the 3DS page: " + page.error;
  else if (page.status < 300 || page.status > 308 || !page.headers.count("location"))
    why = "the 3DS page answered " + std::to_string(page.status) + ", not a redirect";
  return why.empty() ? page.headers["location"] : std::string{};
}

}  // namespace

int main(int argc, char** argv) {
  auto args = ex::parse_cli(argc, argv);
  if (!args) return 2;
  auto stack = ex::stack::open(args->get("--target"));
  if (!stack) return 1;
  if (stack->get("CS_SIM_CA").empty() || stack->get("CS_SIM_URL").empty())
    return fail("CS_SIM_URL and CS_SIM_CA (the simulator's CA, DIR/ca.pem) are needed");
  auto client = ex::make_client(*stack, *args);
  const auto connector = args->connector();
  const auto ref = ex::reference("3ds");

  v1::AuthorizeRequest req;
  req.set_connector(connector);
  req.set_merchant_reference(ref);
  *req.mutable_amount() = ex::eur(3000);
  req.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  req.set_return_url(ex::return_url);
  *req.mutable_payment_method() = ex::card(connector, "3ds");
  auto payment = client.authorize(req);
  if (!payment) return fail("authorize: " + payment.error().to_string());
  std::printf("1. authorize          -> %s payment=%s\n",
              v1::PaymentStatus_Name(payment->status()).c_str(),
              payment->connector_payment_id().empty() ? "(not yet)"
                                                      : payment->connector_payment_id().c_str());
  if (payment->status() != v1::PAYMENT_STATUS_AUTHENTICATION_PENDING ||
      !payment->next_action().has_redirect())
    return fail("expected AUTHENTICATION_PENDING with next_action.redirect");
  const auto& redirect = payment->next_action().redirect();
  // The query may hold a client secret: not printed.
  std::printf("2. shopper redirected -> %s %s\n", v1::HttpMethod_Name(redirect.method()).c_str(),
              redirect.url().substr(0, redirect.url().find('?')).c_str());

  std::string why;
  auto location = shopper_visits(*stack, redirect, why);
  if (!why.empty()) return fail(why);
  if (!location.starts_with(ex::return_url))
    return fail("the 3DS page did not send the shopper back to the return URL");
  auto payload = ex::query_params(location);
  std::string names;
  for (const auto& [k, v] : payload) names += (names.empty() ? "" : ", ") + k;
  std::printf("3. back at return_url -> %s\n", names.c_str());

  v1::CompleteAuthorizeRequest done_req;
  done_req.set_connector(connector);
  done_req.set_connector_payment_id(payment->connector_payment_id());
  done_req.set_merchant_reference(ref);
  done_req.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  done_req.mutable_redirect_payload()->insert(payload.begin(), payload.end());
  auto done = client.complete_authorize(done_req);
  if (!done) return fail("complete_authorize: " + done.error().to_string());
  std::printf("4. complete_authorize -> %s payment=%s\n",
              v1::PaymentStatus_Name(done->status()).c_str(), done->connector_payment_id().c_str());
  std::fflush(stdout);
  if (done->status() != v1::PAYMENT_STATUS_AUTHORIZED) return 1;
  stack->succeeded();
  return 0;
}
