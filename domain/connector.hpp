#pragma once
// A connector is one descriptor: who it is (name, credential keys, hosts, capabilities), how its
// secrets look, how it checks webhooks, and a table of the flows it offers. Everything in it is
// pure: no I/O, no state. A flow the processor does not offer is absent from the table (null),
// optionally with a note saying what to do instead.
//
// A flow is a sequence of named steps. The flow actor calls the flow's function with the
// exchanges made so far (none at first); the function answers either the next http_request
// (with its step name) or the final result. A two-call flow reads `ctx.last_step()` — e.g.
// "order" then "payment" — never the number of calls made.

#include <chrono>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "domain/credentials.hpp"
#include "domain/currency_table.hpp"
#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/payment_method.hpp"
#include "domain/result.hpp"
#include "domain/webhook.hpp"

namespace cs::domain {

struct exchange {
  http_request request;  // request.step names the step
  http_response response;
};

struct flow_context {
  const credentials& creds;
  std::span<const exchange> done;  // earlier steps of this flow, in order

  // Nothing has been sent yet.
  bool first() const noexcept { return done.empty(); }
  // The name of the step answered last ("" before the first call, and for unnamed steps).
  std::string_view last_step() const noexcept {
    return done.empty() ? std::string_view() : std::string_view(done.back().request.step);
  }
  // The reply to the last step, or nullptr while the flow has not called out yet.
  const http_response* last_reply() const noexcept {
    return done.empty() ? nullptr : &done.back().response;
  }
  // The reply to the latest step of that name, or nullptr when it has not run.
  const http_response* reply_to(std::string_view step) const noexcept;
};

template <class R>
using step = std::variant<http_request, R>;
template <class R>
using step_result = result<step<R>>;

// A step's two outcomes as step_result<R> (the variant needs an explicit conversion).
template <class R>
step_result<R> next_request(http_request r) {
  return step<R>{std::move(r)};
}
template <class R>
step_result<R> next_request(std::string_view step_name, http_request r) {
  r.step = step_name;
  return step<R>{std::move(r)};
}
template <class R>
step_result<R> final_result(R r) {
  return step<R>{std::move(r)};
}
template <class R>
step_result<R> final_result(result<R> r) {
  if (!r) return std::move(r).err();
  return step<R>{std::move(r).value()};
}

template <class Req, class R>
using flow_fn = step_result<R> (*)(const Req&, const flow_context&);

// The flows a connector offers; a null entry is a flow it does not.
struct flow_table {
  flow_fn<authorize_request, payment_result> authorize = nullptr;
  flow_fn<capture_request, payment_result> capture = nullptr;
  flow_fn<void_request, payment_result> void_payment = nullptr;
  flow_fn<get_payment_request, payment_result> get_payment = nullptr;
  flow_fn<refund_request, refund_result> refund = nullptr;
  flow_fn<get_refund_request, refund_result> get_refund = nullptr;
  flow_fn<setup_mandate_request, mandate_result> setup_mandate = nullptr;
  flow_fn<complete_authorize_request, payment_result> complete_authorize = nullptr;
  flow_fn<recurring_charge_request, payment_result> recurring_charge = nullptr;
  flow_fn<revoke_mandate_request, revoke_result> revoke_mandate = nullptr;
  flow_fn<dispute_request, dispute_result> accept_dispute = nullptr;
  flow_fn<submit_evidence_request, dispute_result> submit_evidence = nullptr;
  flow_fn<defend_dispute_request, dispute_result> defend_dispute = nullptr;
  flow_fn<dispute_request, dispute_result> get_dispute = nullptr;
};

// The flow a table entry is for (each request type belongs to one flow, but for disputes).
template <class Req, class R>
flow flow_of(flow_fn<Req, R> flow_table::*entry) noexcept {
  if constexpr (std::is_same_v<Req, authorize_request>) return flow::authorize;
  if constexpr (std::is_same_v<Req, capture_request>) return flow::capture;
  if constexpr (std::is_same_v<Req, void_request>) return flow::void_payment;
  if constexpr (std::is_same_v<Req, get_payment_request>) return flow::get_payment;
  if constexpr (std::is_same_v<Req, refund_request>) return flow::refund;
  if constexpr (std::is_same_v<Req, get_refund_request>) return flow::get_refund;
  if constexpr (std::is_same_v<Req, setup_mandate_request>) return flow::setup_mandate;
  if constexpr (std::is_same_v<Req, complete_authorize_request>) return flow::complete_authorize;
  if constexpr (std::is_same_v<Req, recurring_charge_request>) return flow::recurring_charge;
  if constexpr (std::is_same_v<Req, revoke_mandate_request>) return flow::revoke_mandate;
  if constexpr (std::is_same_v<Req, submit_evidence_request>) return flow::submit_evidence;
  if constexpr (std::is_same_v<Req, defend_dispute_request>) return flow::defend_dispute;
  if constexpr (std::is_same_v<Req, dispute_request>)
    return entry == &flow_table::accept_dispute ? flow::accept_dispute : flow::get_dispute;
  return flow::webhook;
}

// Whether the table has the flow (webhook: whether the connector verifies webhooks).
struct connector;
bool offers(const connector& c, flow f) noexcept;

struct base_url {
  std::string_view name;          // "default", or e.g. "disputes"
  std::string_view test_default;  // the processor's sandbox URL
};

// What a caller who asks for a flow the processor lacks is told: the processor has no API for it
// (FAILED_PRECONDITION / NOT_SUPPORTED_BY_PROCESSOR) and what to do instead.
struct flow_note {
  flow what;
  std::string_view message;  // the whole sentence, e.g. "Razorpay has no void: … refund instead"
};

// An OAuth2-style access token a processor issues for the credentials (PayPal), which its calls
// carry instead of the credentials themselves. The pool fetches it once per cache key and keeps it
// until shortly before it expires; flows read it as the credential `access_token_key`.
struct issued_token {
  secret<std::string> value;
  std::chrono::seconds lifetime{0};
};

struct token_source {
  // Which cached token the credentials use: distinct credentials, distinct keys; never a secret
  // in clear (hash it).
  std::string (*cache_key)(const credentials&) = nullptr;
  // The token request (e.g. POST /v1/oauth2/token with Basic auth), and its reply read back.
  result<http_request> (*request)(const credentials&) = nullptr;
  result<issued_token> (*read)(const http_response&) = nullptr;
};

inline constexpr std::string_view access_token_key = "access_token";

// A document a webhook's check needs from the processor (PayPal: the certificate at
// PAYPAL-CERT-URL). The connector names it; the webhook actor fetches it (TLS verified), keeps it
// for `keep` by URL, and hands it over as webhook_request.document.
struct webhook_document {
  // The URL for this delivery; BAD_SIGNATURE when the delivery names none, or one on a host that
  // is neither the processor's nor webhook_request.api_host.
  result<std::string> (*url)(const webhook_request&) = nullptr;
  std::chrono::seconds keep{24 * 60 * 60};
};

// A webhook check the processor makes itself (PayPal: POST
// /v1/notifications/verify-webhook-signature), for merchant accounts configured with
// webhook_verification = "api". The connector only builds the call and reads the verdict (pure);
// the webhook actor makes the call through the connector's pool — with an access token when the
// connector has a token_source —, so TLS, timeouts, the breaker and metrics are those of any call.
struct webhook_verify_call {
  // What the check needs from the delivery, judged before any call (a token fetch included):
  // UNAUTHENTICATED / BAD_SIGNATURE naming what is missing, e.g. a signature header.
  status (*check)(const webhook_request&) = nullptr;
  // The verification call; `creds` are the account's, with access_token_key set when the
  // connector has a token_source. The secret_key is the connector's webhook id or key.
  result<http_request> (*request)(const webhook_request&, const credentials&) = nullptr;
  // The processor's verdict: OK when it verified the delivery; UNAUTHENTICATED / BAD_SIGNATURE
  // when it did not; UNAVAILABLE when the reply is no verdict (5xx, unreadable), so that the
  // processor redelivers.
  status (*read)(const http_response&) = nullptr;
  // The events of a delivery the processor verified: the same normalization handle_webhook does
  // after its own check, without the check.
  result<webhook_result> (*events)(const webhook_request&) = nullptr;
};

// One payment method a connector takes, where the processor offers it.
struct method_support {
  method_kind kind;
  std::vector<std::string_view> currencies;  // empty: every currency the connector counts
  std::vector<std::string_view> countries;   // ISO 3166-1 alpha-2; empty: any country
  // Implicit, so a method without limits is listed by its kind alone.
  method_support(method_kind k, std::vector<std::string_view> in_currencies = {},
                 std::vector<std::string_view> in_countries = {})
      : kind(k), currencies(std::move(in_currencies)), countries(std::move(in_countries)) {}
};

struct connector {
  std::string_view name;
  // Credential keys a call needs (gRPC metadata x-auth-<key with - for _>).
  std::vector<std::string_view> credential_keys;
  // Account settings a call takes when they are given and does without otherwise (Checkout.com's
  // processing channel); read like credential keys, never required.
  std::vector<std::string_view> optional_credential_keys;
  // Hosts the connector calls; config may override each by name.
  std::vector<base_url> base_urls;
  // Capabilities: the payment methods its authorize takes (each with the currencies and countries
  // the processor offers it in), and how it counts each currency (nullptr: every ISO 4217
  // currency at its ISO exponent). Flows are the table's entries.
  std::vector<method_support> methods;
  const currency_table* currencies = nullptr;
  // The processor's own shape of a configured secret, checked after the common rules
  // (check_secret below); nullptr when the common rules are all.
  status (*secret_shape)(std::string_view key, std::string_view value) = nullptr;
  // Verify the signature (constant-time) and normalize. A bad signature is unauthenticated with
  // reason BAD_SIGNATURE; nothing from an unverified body is returned.
  result<webhook_result> (*handle_webhook)(const webhook_request&) = nullptr;
  flow_table flows;
  std::vector<flow_note> notes;  // for flows absent from the table
  // Set when the processor wants an access token on its calls (nullptr: credentials as they are).
  const token_source* token = nullptr;
  // Set when handle_webhook needs a document fetched first (nullptr: the delivery is enough).
  const webhook_document* webhook_fetch = nullptr;
  // Set when the processor can verify a delivery itself (nullptr: handle_webhook only).
  const webhook_verify_call* webhook_verify = nullptr;
  // Set when the processor checks a webhook URL before it sends to it (Braintree's GET
  // ?bt_challenge=…): the answer to that GET, from the URL's query and the account's webhook
  // secret; INVALID_ARGUMENT for a query that is no challenge. nullptr: no such check.
  result<std::string> (*webhook_challenge)(std::string_view query,
                                           const secret<std::string>& webhook_secret) = nullptr;
};

bool supports_currency(const connector& c, std::string_view code) noexcept;
bool supports_method(const connector& c, method_kind m) noexcept;
// The connector's entry for the kind, or nullptr.
const method_support* method_entry(const connector& c, method_kind m) noexcept;
// A payment method of a kind the connector does not declare is INVALID_ARGUMENT on
// `payment_method`, naming the method and the connector and listing what it takes; a currency
// (`amount.currency_code`) or billing country (`order.billing_address.country`, when given)
// outside the method's is INVALID_ARGUMENT naming them. All refused before any call (an empty
// method passes: the request's own validation names it).
status check_method(const connector& c, const payment_method& m, std::string_view currency = {},
                    std::string_view country = {});

// The shape of a configured secret — a credential key or "webhook_secret" — checked when the
// config loads, so a pasted-in typo stops the start instead of failing the first call. Refuses
// whitespace and control characters (credentials travel in headers), then asks the connector.
// The error never holds the value.
status check_secret(const connector& c, std::string_view key, std::string_view value);

// The connector's note for the flow (FAILED_PRECONDITION / NOT_SUPPORTED_BY_PROCESSOR), else
// UNIMPLEMENTED / UNSUPPORTED_FLOW naming the connector and the flow.
error flow_not_offered(const connector& c, flow f);

// The connectors one build knows, by the name requests use.
class connector_set {
 public:
  connector_set() = default;
  explicit connector_set(std::span<const connector* const> all) : all_(all) {}
  // nullptr for an unknown name.
  const connector* find(std::string_view name) const noexcept;
  std::span<const connector* const> all() const noexcept { return all_; }

 private:
  std::span<const connector* const> all_;
};

}  // namespace cs::domain
