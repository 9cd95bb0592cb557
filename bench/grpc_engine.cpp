#include "grpc_engine.hpp"

#include <cstdio>
#include <future>
#include <thread>

#include "cs/sdk/error.hpp"
#include "requests.hpp"
#include "stack.hpp"

namespace cs::bench {

namespace {

// A failed call as "CODE/REASON" (e.g. UNAVAILABLE/CIRCUIT_OPEN), decoded by the C++ SDK the
// way a client would: the bench's failure table then tells overload from processor trouble.
std::string failure_of(const grpc::Status& s) {
  auto e = cs::sdk::error::from_grpc_status(s);
  return cs::sdk::code_name(e.code) + "/" + e.reason;
}

enum step { none = 0, then_capture = 1, then_refund = 2 };

}  // namespace

// One scenario iteration; kept alive by the callbacks that use it. gRPC destroys the last
// callback (and with it the last reference) only after the callback has returned and after its
// own grpc_call_unref, so the operation counts as live until its destructor has run.
struct grpc_engine::op {
  // Declared first, destroyed last: after the contexts and messages below.
  struct live_guard {
    grpc_engine* e;
    ~live_guard() { e->op_released(); }
  } guard;
  explicit op(grpc_engine* e) : guard{e} {}
  done_fn done;
  std::uint64_t n = 0;
  int calls = 0;
  std::unique_ptr<grpc::ClientContext> ctx;
  v1::AuthorizeRequest auth;
  v1::Payment pay;
  v1::CaptureRequest cap;
  v1::RefundRequest ref;
  v1::Refund refund;
  v1::HandleWebhookRequest hook;
  v1::HandleWebhookResponse hooked;
};

bool scenario_supported(const std::string& connector, const std::string& scenario) {
  if (connector == "razorpay")
    return scenario == "authorize" || scenario == "webhook" || scenario == "mixed";
  // PayPal's webhooks are RSA-signed by the simulator's own key: the harness cannot sign them.
  if (connector == "paypal") return scenario != "webhook" && scenario != "mixed";
  // Checkout.com's webhooks are not signed by the harness (yet): no webhook nor mixed.
  if (connector == "checkout_com") return scenario != "webhook" && scenario != "mixed";
  // Braintree refunds only settled sales (a nightly batch): authorize and authorize-capture.
  if (connector == "braintree") return scenario == "authorize" || scenario == "authorize-capture";
  return true;
}

grpc_engine::grpc_engine(grpc_engine_options o)
    : o_(std::move(o)),
      run_id_(std::to_string(std::chrono::system_clock::now().time_since_epoch().count() %
                             1000000000)) {
  for (int i = 0; i < std::max(1, o_.channels); ++i) {
    grpc::ChannelArguments args;
    // A separate subchannel (TCP connection) per channel, as separate clients would have.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    args.SetInt("cs.bench.channel", i);
    channels_.push_back(
        grpc::CreateCustomChannel(o_.target, grpc::InsecureChannelCredentials(), args));
    payments_.push_back(v1::PaymentService::NewStub(channels_.back()));
    events_.push_back(v1::EventService::NewStub(channels_.back()));
  }
}

grpc_engine::~grpc_engine() {
  // Every operation still alive uses the stubs and channels (and its ClientContext must die
  // before them): wait for all of them. Normally the driver has drained them all and only the
  // tail of their last callbacks is left; a call never answered after the drain is cancelled so
  // that its callback runs now rather than at its deadline.
  std::unique_lock lock(m_);
  if (!released_.wait_for(lock, std::chrono::seconds(1), [&] { return live_ops_ == 0; })) {
    std::fprintf(stderr,
                 "cs-bench: %lld operations still in flight at teardown: cancelling %zu calls\n",
                 static_cast<long long>(live_ops_), pending_.size());
    for (auto* c : pending_) c->TryCancel();
  }
  released_.wait(lock, [&] { return live_ops_ == 0; });
}

void grpc_engine::call_started(grpc::ClientContext* c) {
  std::lock_guard lock(m_);
  pending_.insert(c);
}

void grpc_engine::call_answered(grpc::ClientContext* c) {
  std::lock_guard lock(m_);
  pending_.erase(c);
}

void grpc_engine::op_released() {
  std::lock_guard lock(m_);
  if (--live_ops_ == 0) released_.notify_all();
}

std::unique_ptr<grpc::ClientContext> grpc_engine::context() const {
  auto c = std::make_unique<grpc::ClientContext>();
  c->AddMetadata("x-merchant-account", account_of(o_.connector));
  c->set_deadline(std::chrono::system_clock::now() + o_.deadline);
  return c;
}

v1::PaymentService::Stub& grpc_engine::payments(const op& o) const {
  return *payments_[o.n % payments_.size()];
}

bool grpc_engine::ready() {
  for (int i = 0; i < 100; ++i) {
    std::promise<bool> p;
    auto f = p.get_future();
    start([&p](op_result r) { p.set_value(r.ok); });
    if (f.get()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

void grpc_engine::start(done_fn done) {
  {
    std::lock_guard lock(m_);
    ++live_ops_;
  }
  auto o = std::make_shared<op>(this);
  o->n = next_.fetch_add(1, std::memory_order_relaxed);
  o->done = std::move(done);
  auto kind = o_.scenario;
  if (kind == "mixed") {
    auto slot = o->n % 10;
    bool full = o_.connector != "razorpay";
    kind = slot < 6 || (!full && slot < 9) ? "authorize"
           : slot < 8                      ? "authorize-capture"
           : slot < 9                      ? "refund"
                                           : "webhook";
  }
  if (kind == "authorize-capture") return authorize(o, true, then_capture);
  if (kind == "refund") return authorize(o, false, then_refund);
  if (kind == "webhook") return webhook(o);
  authorize(o, false, none);
}

void grpc_engine::authorize(std::shared_ptr<op> o, bool manual, int then) {
  o->auth =
      authorize_request(o_.connector, "bench-" + run_id_ + "-" + std::to_string(o->n), manual);
  o->ctx = context();
  ++o->calls;
  call_started(o->ctx.get());
  payments(*o).async()->Authorize(o->ctx.get(), &o->auth, &o->pay, [this, o, then](grpc::Status s) {
    call_answered(o->ctx.get());
    if (!s.ok()) return o->done({false, failure_of(s), o->calls});
    if (o->pay.status() == v1::PAYMENT_STATUS_FAILURE)
      return o->done({false, "authorize FAILURE " + o->pay.processor_status(), o->calls});
    if (then == then_capture) return capture(o);
    if (then == then_refund) return refund(o);
    o->done({true, {}, o->calls});
  });
}

void grpc_engine::capture(std::shared_ptr<op> o) {
  o->cap = capture_request(o->auth, o->pay.connector_payment_id(),
                           o->auth.merchant_reference() + "-cap");
  o->pay.Clear();
  o->ctx = context();
  ++o->calls;
  call_started(o->ctx.get());
  payments(*o).async()->Capture(o->ctx.get(), &o->cap, &o->pay, [this, o](grpc::Status s) {
    call_answered(o->ctx.get());
    if (!s.ok()) return o->done({false, "capture " + failure_of(s), o->calls});
    if (o->pay.status() == v1::PAYMENT_STATUS_FAILURE)
      return o->done({false, "capture FAILURE", o->calls});
    o->done({true, {}, o->calls});
  });
}

void grpc_engine::refund(std::shared_ptr<op> o) {
  o->ref =
      refund_request(o->auth, o->pay.connector_payment_id(), o->auth.merchant_reference() + "-ref");
  o->ctx = context();
  ++o->calls;
  call_started(o->ctx.get());
  payments(*o).async()->Refund(o->ctx.get(), &o->ref, &o->refund, [this, o](grpc::Status s) {
    call_answered(o->ctx.get());
    if (!s.ok()) return o->done({false, "refund " + failure_of(s), o->calls});
    if (o->refund.status() == v1::REFUND_STATUS_FAILURE)
      return o->done({false, "refund FAILURE", o->calls});
    o->done({true, {}, o->calls});
  });
}

void grpc_engine::webhook(std::shared_ptr<op> o) {
  auto w = make_webhook(o_.connector, o_.adyen_hmac_key, o->n);
  o->hook.set_connector(o_.connector);
  (*o->hook.mutable_headers())["content-type"] = "application/json";
  for (auto& [name, value] : w.headers) (*o->hook.mutable_headers())[name] = value;
  o->hook.set_body(std::move(w.body));
  o->ctx = context();
  ++o->calls;
  call_started(o->ctx.get());
  events_[o->n % events_.size()]->async()->HandleWebhook(
      o->ctx.get(), &o->hook, &o->hooked, [this, o](grpc::Status s) {
        call_answered(o->ctx.get());
        if (!s.ok()) return o->done({false, "webhook " + failure_of(s), o->calls});
        o->done({true, {}, o->calls});
      });
}

}  // namespace cs::bench
