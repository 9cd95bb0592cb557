// Webhooks whose check needs a document from the processor (PayPal's signing certificate): the
// webhook actor fetches it once for every delivery that needs it meanwhile, keeps it, hands it to
// the connector, and answers UNAVAILABLE (the processor redelivers) when it cannot be had —
// against a real HTTP peer.

#include <gtest/gtest.h>

#include <caf/all.hpp>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "actors/runtime.hpp"
#include "connectors/registry.hpp"
#include "net/http_server.hpp"

using namespace cs;
using namespace std::chrono_literals;

namespace {

domain::result<std::string> doc_url(const domain::webhook_request& r) {
  auto u = r.header("X-Doc-Url");
  if (u.empty())
    return domain::make_error(domain::error_code::unauthenticated, "BAD_SIGNATURE", "no doc url");
  return std::string(u);
}

const domain::webhook_document doc{&doc_url, std::chrono::hours(1)};

// Verified only with the right document; the event is the body.
domain::result<domain::webhook_result> check(const domain::webhook_request& r) {
  if (r.document != "DOC-1")
    return domain::make_error(domain::error_code::unauthenticated, "BAD_SIGNATURE",
                              "wrong document");
  domain::webhook_event e;
  e.event_id = r.body;
  return domain::webhook_result{{e}, "ok"};
}

domain::connector doc_connector() {
  domain::connector c;
  c.name = "adyen";
  c.handle_webhook = &check;
  c.webhook_fetch = &doc;
  return c;
}

class WebhookDocument : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = net::http_server::start(
        io_, "127.0.0.1:0", "p", [this](net::server_request r, net::responder done) {
          ++fetches_;
          if (fail_) return done({500, "text/plain", "down", {}});
          std::this_thread::sleep_for(20ms);  // so that deliveries arrive while it is fetched
          done({200, "text/plain", "DOC-1", {}});
        });
    ASSERT_TRUE(server.ok());
    server_ = std::move(server.value());
    thread_ = std::thread([this] { io_.run(); });
    actors::runtime_config cfg;
    cfg.known = connectors::builtin();
    auto rt = actors::runtime::start(std::move(cfg));
    ASSERT_TRUE(rt.ok());
    rt_ = std::move(rt.value());
  }

  void TearDown() override {
    if (rt_) rt_->shutdown();
    server_->stop();
    io_.stop();
    thread_.join();
  }

  std::future<actors::webhook_outcome> deliver(std::string id, std::string url = {}) {
    auto p = std::make_shared<std::promise<actors::webhook_outcome>>();
    auto f = p->get_future();
    actors::webhook_job job;
    job.conn = &conn_;
    job.connector = "adyen";
    job.request.body = std::move(id);
    job.request.headers.push_back(
        {"X-Doc-Url", url.empty() ? fmt::format("http://127.0.0.1:{}/doc", server_->port()) : url,
         false});
    auto webhook = rt_->webhook_actor();
    rt_->system().spawn([webhook, job, p](caf::event_based_actor* self) {
      self->request(webhook, caf::infinite, actors::webhook_atom::value, job)
          .then(
              [p](actors::webhook_outcome& r) { p->set_value(std::move(r)); },
              [p](caf::error&) {
                p->set_value(domain::make_error(domain::error_code::internal, "LOST", "no answer"));
              });
    });
    return f;
  }

  domain::connector conn_ = doc_connector();
  boost::asio::io_context io_;
  std::unique_ptr<net::http_server> server_;
  std::unique_ptr<actors::runtime> rt_;
  std::thread thread_;
  std::atomic<int> fetches_{0};
  std::atomic<bool> fail_{false};
};

}  // namespace

TEST_F(WebhookDocument, FetchedOnceForEveryDeliveryThatNeedsItMeanwhileThenKept) {
  std::vector<std::future<actors::webhook_outcome>> all;
  for (int i = 0; i < 20; ++i) all.push_back(deliver("evt-" + std::to_string(i)));
  for (int i = 0; i < 20; ++i) {
    ASSERT_EQ(all[i].wait_for(10s), std::future_status::ready);
    auto r = all[i].get();
    ASSERT_TRUE(r.ok()) << r.err().message;
    EXPECT_EQ(r->events.at(0).event_id, "evt-" + std::to_string(i));
  }
  EXPECT_EQ(fetches_, 1);
  auto later = deliver("evt-later").get();
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(fetches_, 1);
}

TEST_F(WebhookDocument, UnavailableDocumentIsUnavailableAndNotKept) {
  fail_ = true;
  auto r = deliver("evt-1").get();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().code, domain::error_code::unavailable);
  fail_ = false;
  auto again = deliver("evt-1").get();
  ASSERT_TRUE(again.ok()) << again.err().message;
  EXPECT_EQ(fetches_, 2);
}

TEST_F(WebhookDocument, RefusedUrlIsRefusedWithoutAFetch) {
  auto no_url = [&] {
    auto p = std::make_shared<std::promise<actors::webhook_outcome>>();
    auto f = p->get_future();
    actors::webhook_job j;
    j.conn = &conn_;
    j.connector = "adyen";
    auto webhook = rt_->webhook_actor();
    rt_->system().spawn([webhook, j, p](caf::event_based_actor* self) {
      self->request(webhook, caf::infinite, actors::webhook_atom::value, j)
          .then([p](actors::webhook_outcome& r) { p->set_value(std::move(r)); },
                [p](caf::error&) {
                  p->set_value(domain::make_error(domain::error_code::internal, "LOST", "lost"));
                });
    });
    return f.get();
  }();
  ASSERT_FALSE(no_url.ok());
  EXPECT_EQ(no_url.err().reason, "BAD_SIGNATURE");
  EXPECT_EQ(fetches_, 0);
}
