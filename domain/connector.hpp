#pragma once
// The interface every processor implements: pure transformers, no I/O, no state.
//
// A flow is a sequence of steps. The flow actor calls the flow's function with the exchanges made
// so far (none at first); the connector answers either the next http_request to send or the
// final result. A one-call flow builds its request when `done` is empty and parses
// `done.back().response` otherwise; a two-call flow (order → payment) looks at done.size().

#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/credentials.hpp"
#include "domain/flows.hpp"
#include "domain/http.hpp"
#include "domain/result.hpp"
#include "domain/webhook.hpp"

namespace cs::domain {

struct exchange {
  http_request request;
  http_response response;
};

struct flow_context {
  const credentials& creds;
  std::span<const exchange> done;  // earlier steps of this flow, in order
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
step_result<R> final_result(R r) {
  return step<R>{std::move(r)};
}
template <class R>
step_result<R> final_result(result<R> r) {
  if (!r) return std::move(r).err();
  return step<R>{std::move(r).value()};
}

struct base_url {
  std::string_view name;          // "default", or e.g. "disputes"
  std::string_view test_default;  // the processor's sandbox URL
};

class connector {
 public:
  virtual ~connector() = default;

  virtual std::string_view name() const noexcept = 0;
  // Credential keys a call needs (gRPC metadata x-auth-<key with - for _>).
  virtual std::vector<std::string_view> credential_keys() const = 0;
  // Hosts the connector calls; config may override each by name.
  virtual std::vector<base_url> base_urls() const = 0;
  // Currencies the processor takes; empty means every ISO 4217 currency.
  virtual bool supports_currency(std::string_view code) const noexcept { return true; }
  // The shape of a configured secret — a credential key or "webhook_secret" — checked when the
  // config loads, so a pasted-in typo stops the start instead of failing the first call. The
  // default refuses whitespace and control characters (credentials travel in headers); an
  // override adds the processor's own shape. The error never holds the value.
  virtual status check_secret(std::string_view key, std::string_view value) const;

  virtual step_result<payment_result> authorize(const authorize_request&,
                                                const flow_context&) const;
  virtual step_result<payment_result> capture(const capture_request&, const flow_context&) const;
  virtual step_result<payment_result> void_payment(const void_request&, const flow_context&) const;
  virtual step_result<payment_result> get_payment(const get_payment_request&,
                                                  const flow_context&) const;
  virtual step_result<refund_result> refund(const refund_request&, const flow_context&) const;
  virtual step_result<refund_result> get_refund(const get_refund_request&,
                                                const flow_context&) const;
  virtual step_result<mandate_result> setup_mandate(const setup_mandate_request&,
                                                    const flow_context&) const;
  virtual step_result<payment_result> complete_authorize(const complete_authorize_request&,
                                                         const flow_context&) const;
  virtual step_result<payment_result> recurring_charge(const recurring_charge_request&,
                                                       const flow_context&) const;
  virtual step_result<revoke_result> revoke_mandate(const revoke_mandate_request&,
                                                    const flow_context&) const;
  virtual step_result<dispute_result> accept_dispute(const dispute_request&,
                                                     const flow_context&) const;
  virtual step_result<dispute_result> submit_evidence(const submit_evidence_request&,
                                                      const flow_context&) const;
  virtual step_result<dispute_result> defend_dispute(const defend_dispute_request&,
                                                     const flow_context&) const;
  virtual step_result<dispute_result> get_dispute(const dispute_request&,
                                                  const flow_context&) const;

  // Verify the signature (constant-time) and normalize. A bad signature is unauthenticated with
  // reason BAD_SIGNATURE; nothing from an unverified body is returned.
  virtual result<webhook_result> handle_webhook(const webhook_request&) const;
};

}  // namespace cs::domain
