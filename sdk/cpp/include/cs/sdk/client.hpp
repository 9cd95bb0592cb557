#pragma once

#include <grpcpp/channel.h>

#include <map>
#include <memory>
#include <string>

#include "connectorservice/v1/dispute.grpc.pb.h"
#include "connectorservice/v1/event.grpc.pb.h"
#include "connectorservice/v1/payment.grpc.pb.h"
#include "connectorservice/v1/recurring.grpc.pb.h"
#include "connectorservice/v1/refund.grpc.pb.h"
#include "cs/sdk/options.hpp"
#include "cs/sdk/result.hpp"

namespace cs::sdk {

namespace v1 = connectorservice::v1;

// A synchronous client of every Connector Service RPC. Thread-safe: one client (one channel) is
// meant to be shared. Requests are taken by const reference and never changed; the key a mutating
// call used is in the error (idempotency_key) when it fails, to retry with.
class client {
 public:
  explicit client(client_options options);
  // Over an existing channel (e.g. an in-process one in tests); options.target is ignored.
  client(std::shared_ptr<grpc::Channel> channel, client_options options);

  result<v1::Payment> authorize(const v1::AuthorizeRequest& req, const call_options& o = {});
  result<v1::Payment> capture(const v1::CaptureRequest& req, const call_options& o = {});
  result<v1::Payment> void_payment(const v1::VoidRequest& req, const call_options& o = {});
  result<v1::Payment> get_payment(const v1::GetPaymentRequest& req, const call_options& o = {});
  result<v1::Refund> refund(const v1::RefundRequest& req, const call_options& o = {});
  result<v1::Refund> get_refund(const v1::GetRefundRequest& req, const call_options& o = {});
  result<v1::SetupMandateResponse> setup_mandate(const v1::SetupMandateRequest& req,
                                                 const call_options& o = {});
  result<v1::Payment> complete_authorize(const v1::CompleteAuthorizeRequest& req,
                                         const call_options& o = {});
  result<v1::Payment> recurring_charge(const v1::RecurringChargeRequest& req,
                                       const call_options& o = {});
  result<v1::RevokeMandateResponse> revoke_mandate(const v1::RevokeMandateRequest& req,
                                                   const call_options& o = {});
  result<v1::Dispute> accept_dispute(const v1::AcceptDisputeRequest& req,
                                     const call_options& o = {});
  result<v1::Dispute> submit_evidence(const v1::SubmitEvidenceRequest& req,
                                      const call_options& o = {});
  result<v1::Dispute> defend_dispute(const v1::DefendDisputeRequest& req,
                                     const call_options& o = {});
  result<v1::Dispute> get_dispute(const v1::GetDisputeRequest& req, const call_options& o = {});
  // Verifies a webhook a processor sent you; the secret goes in o.webhook_secret
  // (x-webhook-secret), or name a merchant account to use its configured one.
  result<v1::HandleWebhookResponse> handle_webhook(const v1::HandleWebhookRequest& req,
                                                   const call_options& o = {});
  // The same from what the HTTP server received (headers as sent, body byte for byte).
  result<v1::HandleWebhookResponse> handle_webhook(
      const std::string& connector, const std::map<std::string, std::string>& headers,
      const std::string& body, const call_options& o = {});

  const client_options& options() const { return options_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

 private:
  template <class Req, class Res, class Stub>
  result<Res> call(const char* flow, Stub& stub,
                   grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Res*),
                   const Req& req, const call_options& o);

  client_options options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::PaymentService::Stub> payments_;
  std::unique_ptr<v1::RefundService::Stub> refunds_;
  std::unique_ptr<v1::RecurringService::Stub> recurring_;
  std::unique_ptr<v1::DisputeService::Stub> disputes_;
  std::unique_ptr<v1::EventService::Stub> events_;
};

}  // namespace cs::sdk
