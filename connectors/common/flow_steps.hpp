#pragma once
// What every connector's flows share: reading the connector's credentials once before any flow
// step (`with_auth`), and the error for a step a flow does not have.
//
// A connector writes each flow as `step_result<R> fn(const Req&, const Auth&, const
// flow_context&)`, where Auth is its own credential shape (Stripe an API key, Adyen key and
// merchant account) read by one function `result<Auth> read(const credentials&)`. The table
// entry is `with_auth<&read, &fn>::run`: the credentials are checked once, here, not at the top
// of every flow.

#include <initializer_list>
#include <string>
#include <string_view>

#include "domain/connector.hpp"

namespace cs::connectors {

template <auto Read, auto Flow>
struct with_auth;

template <class Auth, class Req, class R, domain::result<Auth> (*Read)(const domain::credentials&),
          domain::step_result<R> (*Flow)(const Req&, const Auth&, const domain::flow_context&)>
struct with_auth<Read, Flow> {
  static domain::step_result<R> run(const Req& req, const domain::flow_context& ctx) {
    auto auth = Read(ctx.creds);
    if (!auth) return std::move(auth).err();
    return Flow(req, *auth, ctx);
  }
};

// A flow group (one source file of a connector) adds its entries to the table.
using flow_group = void (*)(domain::flow_table&);
// The connector's identity with its flow groups' entries added (what descriptor() returns).
domain::connector with_flows(domain::connector identity, std::initializer_list<flow_group> groups);

// INTERNAL: the flow was handed a reply to a step it never asks for (a bug, never a processor's
// doing), named so that the log says where.
domain::error unexpected_step(std::string_view connector, std::string_view flow,
                              const domain::flow_context& ctx);

// Lower-case hex SHA-256 (64 characters): stable idempotency keys and receipts from long keys.
std::string sha256_hex(std::string_view data);

}  // namespace cs::connectors
