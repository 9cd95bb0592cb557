#pragma once
// Every text a Braintree flow hands back — ids, status words, codes, messages — comes from, or
// quotes, Braintree's replies: a reply that echoes the account's key pair must not pass it on
// (found by fuzz_braintree_replies). `guarded` wraps a flow so that its result and its errors are
// cleared of the key pair once, at the end, whatever path the flow took.

#include <variant>

#include "connectors/braintree/wire.hpp"
#include "domain/connector.hpp"

namespace cs::connectors::braintree {

void clear_keys(domain::error& e, const wire::auth& a);
void clear_keys(domain::payment_result& r, const wire::auth& a);
void clear_keys(domain::refund_result& r, const wire::auth& a);
void clear_keys(domain::mandate_result& r, const wire::auth& a);
void clear_keys(domain::revoke_result& r, const wire::auth& a);
void clear_keys(domain::dispute_result& r, const wire::auth& a);

template <auto Flow>
struct guarded;

template <class Req, class R,
          domain::step_result<R> (*Flow)(const Req&, const wire::auth&,
                                         const domain::flow_context&)>
struct guarded<Flow> {
  static domain::step_result<R> run(const Req& req, const wire::auth& a,
                                    const domain::flow_context& ctx) {
    auto s = Flow(req, a, ctx);
    if (!s) {
      auto e = std::move(s).err();
      clear_keys(e, a);
      return e;
    }
    if (auto* r = std::get_if<R>(&s.value())) clear_keys(*r, a);
    return s;
  }
};

}  // namespace cs::connectors::braintree
