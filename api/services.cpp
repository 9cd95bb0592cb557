#include "api/services.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "api/call.hpp"
#include "api/webhook_intake.hpp"
#include "connectorservice/v1/dispute.grpc.pb.h"
#include "connectorservice/v1/event.grpc.pb.h"
#include "connectorservice/v1/payment.grpc.pb.h"
#include "connectorservice/v1/recurring.grpc.pb.h"
#include "connectorservice/v1/refund.grpc.pb.h"

namespace cs::api {
namespace {

using domain::flow;
using grpc::CallbackServerContext;
using grpc::ServerUnaryReactor;

#define CS_RPC(Method, ProtoReq, ProtoRes, Req, Res, kind, fn)                     \
  ServerUnaryReactor* Method(CallbackServerContext* ctx, const v1::ProtoReq* in,   \
                             v1::ProtoRes* out) override {                         \
    return run_flow<domain::Req, domain::Res>(rt_, sec_, ctx, in, out, flow::kind, \
                                              &domain::flow_table::fn);            \
  }

class payment_service final : public v1::PaymentService::CallbackService {
 public:
  payment_service(actors::runtime& rt, const grpc_security& sec) : rt_(rt), sec_(sec) {}
  CS_RPC(Authorize, AuthorizeRequest, Payment, authorize_request, payment_result, authorize,
         authorize)
  CS_RPC(Capture, CaptureRequest, Payment, capture_request, payment_result, capture, capture)
  CS_RPC(Void, VoidRequest, Payment, void_request, payment_result, void_payment, void_payment)
  CS_RPC(Get, GetPaymentRequest, Payment, get_payment_request, payment_result, get_payment,
         get_payment)
  CS_RPC(Refund, RefundRequest, Refund, refund_request, refund_result, refund, refund)
  CS_RPC(SetupMandate, SetupMandateRequest, SetupMandateResponse, setup_mandate_request,
         mandate_result, setup_mandate, setup_mandate)
  CS_RPC(CompleteAuthorize, CompleteAuthorizeRequest, Payment, complete_authorize_request,
         payment_result, complete_authorize, complete_authorize)

 private:
  actors::runtime& rt_;
  const grpc_security& sec_;
};

class refund_service final : public v1::RefundService::CallbackService {
 public:
  refund_service(actors::runtime& rt, const grpc_security& sec) : rt_(rt), sec_(sec) {}
  CS_RPC(Get, GetRefundRequest, Refund, get_refund_request, refund_result, get_refund, get_refund)

 private:
  actors::runtime& rt_;
  const grpc_security& sec_;
};

class recurring_service final : public v1::RecurringService::CallbackService {
 public:
  recurring_service(actors::runtime& rt, const grpc_security& sec) : rt_(rt), sec_(sec) {}
  CS_RPC(Charge, RecurringChargeRequest, Payment, recurring_charge_request, payment_result,
         recurring_charge, recurring_charge)
  CS_RPC(Revoke, RevokeMandateRequest, RevokeMandateResponse, revoke_mandate_request, revoke_result,
         revoke_mandate, revoke_mandate)

 private:
  actors::runtime& rt_;
  const grpc_security& sec_;
};

class dispute_service final : public v1::DisputeService::CallbackService {
 public:
  dispute_service(actors::runtime& rt, const grpc_security& sec) : rt_(rt), sec_(sec) {}
  CS_RPC(Accept, AcceptDisputeRequest, Dispute, dispute_request, dispute_result, accept_dispute,
         accept_dispute)
  CS_RPC(SubmitEvidence, SubmitEvidenceRequest, Dispute, submit_evidence_request, dispute_result,
         submit_evidence, submit_evidence)
  CS_RPC(Defend, DefendDisputeRequest, Dispute, defend_dispute_request, dispute_result,
         defend_dispute, defend_dispute)
  CS_RPC(Get, GetDisputeRequest, Dispute, dispute_request, dispute_result, get_dispute, get_dispute)

 private:
  actors::runtime& rt_;
  const grpc_security& sec_;
};

#undef CS_RPC

class event_service final : public v1::EventService::CallbackService {
 public:
  event_service(actors::runtime& rt, const grpc_security& sec) : rt_(rt), sec_(sec) {}

  ServerUnaryReactor* HandleWebhook(CallbackServerContext* ctx, const v1::HandleWebhookRequest* in,
                                    v1::HandleWebhookResponse* out) override {
    auto* reactor = ctx->DefaultReactor();
    auto info =
        std::make_shared<call_info>(begin_call(ctx, rt_.known(), in->connector(), flow::webhook));
    auto finish = [reactor, out, info](const actors::webhook_outcome& r) {
      if (r) {
        to_proto(r.value(), out);
        log_call(*info, nullptr);
        reactor->Finish(grpc::Status::OK);
      } else {
        log_call(*info, &r.err());
        reactor->Finish(to_grpc_status(r.err(), info->shown_connector(), "webhook"));
      }
    };
    if (!accepting_calls()) {
      finish(shutting_down());
      return reactor;
    }
    if (auto allowed = authorize_call(sec_, ctx); !allowed) {
      finish(allowed.err());
      return reactor;
    }
    webhook_delivery d;
    d.connector = in->connector();
    d.account = merchant_account_of(ctx);
    d.secret = webhook_secret_of(ctx);
    for (auto& [k, v] : in->headers()) d.headers.push_back({k, v});
    d.body = in->body();
    take_webhook(rt_, std::move(d), webhook_route::return_events, std::move(finish));
    return reactor;
  }

 private:
  actors::runtime& rt_;
  const grpc_security& sec_;
};

}  // namespace

std::vector<std::unique_ptr<grpc::Service>> make_services(actors::runtime& rt,
                                                          const grpc_security& sec) {
  std::vector<std::unique_ptr<grpc::Service>> out;
  out.push_back(std::make_unique<payment_service>(rt, sec));
  out.push_back(std::make_unique<refund_service>(rt, sec));
  out.push_back(std::make_unique<recurring_service>(rt, sec));
  out.push_back(std::make_unique<dispute_service>(rt, sec));
  out.push_back(std::make_unique<event_service>(rt, sec));
  return out;
}

}  // namespace cs::api
