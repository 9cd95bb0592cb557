#include "cs/sdk/client.hpp"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <cctype>
#include <type_traits>

#include "cs/sdk/ids.hpp"
#include "cs/sdk/redact.hpp"

namespace cs::sdk {

namespace {

// Requests of mutating RPCs carry an idempotency_key field; reads and HandleWebhook do not.
template <class Req>
concept mutating = requires(Req r) {
  r.set_idempotency_key(std::string{});
};

std::string credential_key(std::string key) {
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) {
    return c == '_' ? '-' : static_cast<char>(std::tolower(c));
  });
  if (key.starts_with("x-auth-")) key.erase(0, 7);
  return "x-auth-" + key;
}

std::string find_metadata(const std::multimap<grpc::string_ref, grpc::string_ref>& md,
                          const char* key) {
  auto it = md.find(key);
  return it == md.end() ? std::string{} : std::string(it->second.data(), it->second.size());
}

bool secret_metadata(const std::string& key) {
  return key == "authorization" || key == "x-webhook-secret" || key.starts_with("x-auth-");
}

}  // namespace

std::shared_ptr<grpc::ChannelCredentials> tls_credentials(std::string root_ca_pem,
                                                          std::string client_cert_pem,
                                                          std::string client_key_pem) {
  grpc::SslCredentialsOptions o;
  o.pem_root_certs = std::move(root_ca_pem);
  o.pem_cert_chain = std::move(client_cert_pem);
  o.pem_private_key = std::move(client_key_pem);
  return grpc::SslCredentials(o);
}

client::client(client_options options)
    : client(grpc::CreateChannel(options.target, options.channel_credentials
                                                     ? options.channel_credentials
                                                     : grpc::InsecureChannelCredentials()),
             options) {}

client::client(std::shared_ptr<grpc::Channel> channel, client_options options)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      payments_(v1::PaymentService::NewStub(channel_)),
      refunds_(v1::RefundService::NewStub(channel_)),
      recurring_(v1::RecurringService::NewStub(channel_)),
      disputes_(v1::DisputeService::NewStub(channel_)),
      events_(v1::EventService::NewStub(channel_)) {
  if (options_.retry.max_attempts < 1) options_.retry.max_attempts = 1;
}

template <class Req, class Res, class Stub>
result<Res> client::call(const char* flow, Stub& stub,
                         grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Res*),
                         const Req& request, const call_options& o) {
  const Req* to_send = &request;
  Req keyed;
  std::string key;
  if constexpr (mutating<Req>) {
    key = !o.idempotency_key.empty() ? o.idempotency_key : request.idempotency_key();
    // Once per logical call, before the attempts: every retry carries the same key.
    if (key.empty() && options_.auto_idempotency) key = new_idempotency_key();
    if (key != request.idempotency_key()) {
      keyed = request;
      keyed.set_idempotency_key(key);
      to_send = &keyed;
    }
  } else if (!o.idempotency_key.empty()) {
    return error::client(grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD",
                         std::string(flow) + " is a read: it takes no idempotency key",
                         "idempotency_key");
  }
  std::string request_id = o.request_id.empty() ? new_request_id() : o.request_id;
  if (!valid_request_id(request_id))
    return error::client(grpc::StatusCode::INVALID_ARGUMENT, "INVALID_FIELD",
                         "request_id: at most 128 characters of A-Z a-z 0-9 - _ . : (the service "
                         "would replace it)",
                         "request_id");

  std::vector<std::pair<std::string, std::string>> md{{"x-request-id", request_id}};
  if (!options_.api_key.empty()) md.emplace_back("authorization", "Bearer " + options_.api_key);
  const std::string& account =
      o.merchant_account.empty() ? options_.merchant_account : o.merchant_account;
  if (!account.empty()) {
    md.emplace_back("x-merchant-account", account);
  } else if (!std::is_same_v<Req, v1::HandleWebhookRequest>) {
    for (const auto& [k, v] : options_.credentials) md.emplace_back(credential_key(k), v);
  }
  if (!o.webhook_secret.empty()) md.emplace_back("x-webhook-secret", o.webhook_secret);

  const std::vector<std::string> secrets = secrets_of(*to_send);
  for (int attempt = 1;; ++attempt) {
    if (options_.log) {
      std::string line = std::string(flow) + " attempt " + std::to_string(attempt) + ": " +
                         redacted_text(*to_send) + " metadata={";
      for (const auto& [k, v] : md) line += k + ": " + (secret_metadata(k) ? redacted : v) + "; ";
      options_.log(line + "}");
    }
    grpc::ClientContext ctx;
    for (const auto& [k, v] : md) ctx.AddMetadata(k, v);
    ctx.set_deadline(std::chrono::system_clock::now() +
                     o.deadline.value_or(options_.default_deadline));
    Res response;
    grpc::Status status = (stub.*method)(&ctx, *to_send, &response);
    if (status.ok()) return response;
    error e = error::from_grpc_status(status);
    scrub_secrets(e, secrets);
    // The id the service logged this call under: its initial metadata echoes (or replaces) ours.
    e.request_id = find_metadata(ctx.GetServerInitialMetadata(), "x-request-id");
    if (e.request_id.empty())
      e.request_id = find_metadata(ctx.GetServerTrailingMetadata(), "x-request-id");
    if (e.request_id.empty()) e.request_id = request_id;
    e.idempotency_key = key;
    e.attempts = attempt;
    if (!options_.retry.should_retry(e, attempt)) return e;
    default_sleep(options_.retry.delay(e, attempt));
  }
}

result<v1::Payment> client::authorize(const v1::AuthorizeRequest& r, const call_options& o) {
  return call("authorize", *payments_, &v1::PaymentService::Stub::Authorize, r, o);
}
result<v1::Payment> client::capture(const v1::CaptureRequest& r, const call_options& o) {
  return call("capture", *payments_, &v1::PaymentService::Stub::Capture, r, o);
}
result<v1::Payment> client::void_payment(const v1::VoidRequest& r, const call_options& o) {
  return call("void", *payments_, &v1::PaymentService::Stub::Void, r, o);
}
result<v1::Payment> client::get_payment(const v1::GetPaymentRequest& r, const call_options& o) {
  return call("get_payment", *payments_, &v1::PaymentService::Stub::Get, r, o);
}
result<v1::Refund> client::refund(const v1::RefundRequest& r, const call_options& o) {
  return call("refund", *payments_, &v1::PaymentService::Stub::Refund, r, o);
}
result<v1::Refund> client::get_refund(const v1::GetRefundRequest& r, const call_options& o) {
  return call("get_refund", *refunds_, &v1::RefundService::Stub::Get, r, o);
}
result<v1::SetupMandateResponse> client::setup_mandate(const v1::SetupMandateRequest& r,
                                                       const call_options& o) {
  return call("setup_mandate", *payments_, &v1::PaymentService::Stub::SetupMandate, r, o);
}
result<v1::Payment> client::complete_authorize(const v1::CompleteAuthorizeRequest& r,
                                               const call_options& o) {
  return call("complete_authorize", *payments_, &v1::PaymentService::Stub::CompleteAuthorize, r, o);
}
result<v1::Payment> client::recurring_charge(const v1::RecurringChargeRequest& r,
                                             const call_options& o) {
  return call("recurring_charge", *recurring_, &v1::RecurringService::Stub::Charge, r, o);
}
result<v1::RevokeMandateResponse> client::revoke_mandate(const v1::RevokeMandateRequest& r,
                                                         const call_options& o) {
  return call("revoke_mandate", *recurring_, &v1::RecurringService::Stub::Revoke, r, o);
}
result<v1::Dispute> client::accept_dispute(const v1::AcceptDisputeRequest& r,
                                           const call_options& o) {
  return call("accept_dispute", *disputes_, &v1::DisputeService::Stub::Accept, r, o);
}
result<v1::Dispute> client::submit_evidence(const v1::SubmitEvidenceRequest& r,
                                            const call_options& o) {
  return call("submit_evidence", *disputes_, &v1::DisputeService::Stub::SubmitEvidence, r, o);
}
result<v1::Dispute> client::defend_dispute(const v1::DefendDisputeRequest& r,
                                           const call_options& o) {
  return call("defend_dispute", *disputes_, &v1::DisputeService::Stub::Defend, r, o);
}
result<v1::Dispute> client::get_dispute(const v1::GetDisputeRequest& r, const call_options& o) {
  return call("get_dispute", *disputes_, &v1::DisputeService::Stub::Get, r, o);
}
result<v1::HandleWebhookResponse> client::handle_webhook(const v1::HandleWebhookRequest& r,
                                                         const call_options& o) {
  return call("webhook", *events_, &v1::EventService::Stub::HandleWebhook, r, o);
}

result<v1::HandleWebhookResponse> client::handle_webhook(
    const std::string& connector, const std::map<std::string, std::string>& headers,
    const std::string& body, const call_options& o) {
  v1::HandleWebhookRequest req;
  req.set_connector(connector);
  req.mutable_headers()->insert(headers.begin(), headers.end());
  req.set_body(body);
  return handle_webhook(req, o);
}

}  // namespace cs::sdk
