// Connectors with a token_source (PayPal's OAuth2): the pool fetches the access token once for
// all flows with the same credentials, keeps it until shortly before it expires, and a flow whose
// call is refused with 401 fetches a new one once and makes the same step again — against a real
// HTTP peer. The token never appears in an error.

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <future>
#include <mutex>
#include <thread>

#include "actors/flow.hpp"
#include "actors/runtime.hpp"
#include "connectors/registry.hpp"
#include "net/http_server.hpp"

using namespace cs;
using namespace std::chrono_literals;

namespace {

std::string key_of(const domain::credentials& c) {
  auto id = c.find("client_id");
  return id ? "client:" + id->reveal() : "client:";
}

domain::result<domain::http_request> token_request(const domain::credentials& c) {
  domain::http_request r;
  r.target = "/token";
  r.body = "grant_type=client_credentials";
  r.headers.push_back({"Authorization", "Basic " + c.find("client_id")->reveal(), true});
  return r;
}

domain::result<domain::issued_token> token_read(const domain::http_response& r) {
  if (r.status != 200)
    return domain::make_error(domain::error_code::unauthenticated, "BAD_CREDENTIALS",
                              "the processor refused the client credentials");
  auto sep = r.body.find(' ');  // "<token> <lifetime seconds>"
  return domain::issued_token{domain::secret<std::string>(r.body.substr(0, sep)),
                              std::chrono::seconds(std::stoi(r.body.substr(sep + 1)))};
}

const domain::token_source oauth{&key_of, &token_request, &token_read};

// One call carrying the token; a 401 the flow still sees after one refresh becomes its error.
domain::step_result<domain::payment_result> pay(const domain::authorize_request& req,
                                                const domain::flow_context& ctx) {
  if (ctx.first()) {
    domain::http_request r;
    r.target = "/pay";
    r.headers.push_back(
        {"Authorization", "Bearer " + ctx.creds.find(domain::access_token_key)->reveal(), true});
    return domain::next_request<domain::payment_result>("pay", std::move(r));
  }
  if (ctx.last_reply()->status != 200)
    return domain::make_error(domain::error_code::unauthenticated, "BAD_CREDENTIALS",
                              "the processor refused the access token");
  domain::payment_result out;
  out.status = domain::payment_status::authorized;
  out.connector_payment_id = ctx.last_reply()->body;
  return domain::final_result(std::move(out));
}

domain::connector token_connector() {
  domain::connector c;
  c.name = "adyen";  // a name the runtime knows; the flow uses this descriptor
  c.base_urls = {{"default", ""}};
  c.flows.authorize = &pay;
  c.token = &oauth;
  return c;
}

class AccessToken : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = net::http_server::start(
        io_, "127.0.0.1:0", "p", [this](net::server_request r, net::responder done) {
          std::lock_guard lock(mu_);
          if (r.target == "/token") {
            ++token_calls_;
            if (!accept_client_) return done({401, "text/plain", "invalid_client"});
            current_ = "tok-" + std::to_string(token_calls_.load());
            return done({200, "text/plain", current_ + " " + std::to_string(lifetime_s_.load())});
          }
          ++pay_calls_;
          auto auth = std::string(r.header("Authorization"));
          if (refuse_all_ || auth != "Bearer " + current_)
            return done({401, "text/plain", "invalid_token"});
          done({200, "text/plain", "paid_with_" + current_});
        });
    ASSERT_TRUE(server.ok());
    server_ = std::move(server.value());
    thread_ = std::thread([this] { io_.run(); });
    actors::runtime_config cfg;
    cfg.known = connectors::builtin();
    actors::connector_settings s;
    s.pool.connector = "adyen";
    s.pool.base_urls.emplace(
        "default", *net::parse_endpoint(fmt::format("http://127.0.0.1:{}", server_->port()), "b"));
    cfg.connectors.emplace("adyen", std::move(s));
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

  std::future<domain::result<domain::payment_result>> start(std::string client_id = "abc") {
    auto p = std::make_shared<std::promise<domain::result<domain::payment_result>>>();
    auto f = p->get_future();
    auto job =
        std::make_shared<actors::flow_job<domain::authorize_request, domain::payment_result>>(
            [p](domain::result<domain::payment_result> r, const actors::flow_stats&) {
              p->set_value(std::move(r));
            });
    job->conn = &conn_;
    job->fn = conn_.flows.authorize;
    job->creds.set("client_id", std::move(client_id));
    job->deadline = std::chrono::steady_clock::now() + 5s;
    job->step_timeout = 2s;
    job->pool = rt_->connector("adyen")->pool;
    job->request_id = "req-1";
    rt_->system().spawn(actors::flow_actor<domain::authorize_request, domain::payment_result>,
                        std::move(job));
    return f;
  }

  domain::result<domain::payment_result> run(std::string client_id = "abc") {
    auto f = start(std::move(client_id));
    EXPECT_EQ(f.wait_for(10s), std::future_status::ready);
    return f.get();
  }

  domain::connector conn_ = token_connector();
  boost::asio::io_context io_;
  std::unique_ptr<net::http_server> server_;
  std::unique_ptr<actors::runtime> rt_;
  std::thread thread_;
  std::mutex mu_;
  std::string current_;
  std::atomic<int> token_calls_{0}, pay_calls_{0}, lifetime_s_{32400};
  std::atomic<bool> accept_client_{true}, refuse_all_{false};
};

}  // namespace

TEST_F(AccessToken, FetchedOnceForEveryConcurrentFlowWithTheSameCredentials) {
  std::vector<std::future<domain::result<domain::payment_result>>> calls;
  for (int i = 0; i < 40; ++i) calls.push_back(start());
  for (auto& f : calls) {
    ASSERT_EQ(f.wait_for(10s), std::future_status::ready);
    auto r = f.get();
    ASSERT_TRUE(r.ok()) << r.err().message;
    EXPECT_EQ(r->connector_payment_id, "paid_with_tok-1");
  }
  EXPECT_EQ(token_calls_, 1);
  EXPECT_EQ(pay_calls_, 40);
  ASSERT_TRUE(run().ok());  // and later flows take it from the cache
  EXPECT_EQ(token_calls_, 1);
}

TEST_F(AccessToken, OtherCredentialsHaveTheirOwnToken) {
  ASSERT_TRUE(run("abc").ok());
  ASSERT_TRUE(run("xyz").ok());
  EXPECT_EQ(token_calls_, 2);
}

TEST_F(AccessToken, RefusedTokenIsFetchedAnewOnceAndTheStepMadeAgain) {
  ASSERT_TRUE(run().ok());
  {
    std::lock_guard lock(mu_);
    current_ = "revoked";  // the processor no longer takes tok-1
  }
  auto r = run();
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->connector_payment_id, "paid_with_tok-2");
  EXPECT_EQ(token_calls_, 2);
  EXPECT_EQ(pay_calls_, 3);  // the first flow's call, the refused one, the repeated one
}

TEST_F(AccessToken, A401AfterTheRefreshEndsTheFlowWithoutALoop) {
  refuse_all_ = true;
  auto r = run();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, "BAD_CREDENTIALS");
  EXPECT_EQ(token_calls_, 2);
  EXPECT_EQ(pay_calls_, 2);
  EXPECT_EQ(r.err().message.find("tok-"), std::string::npos) << r.err().message;
}

TEST_F(AccessToken, ExpiringTokenIsRenewedBeforeItsEnd) {
  lifetime_s_ = 1;  // kept for 0.9 s
  ASSERT_TRUE(run().ok());
  std::this_thread::sleep_for(950ms);
  auto r = run();
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->connector_payment_id, "paid_with_tok-2");
  EXPECT_EQ(token_calls_, 2);
  EXPECT_EQ(pay_calls_, 2);  // no call went out with the old token
}

TEST_F(AccessToken, RefusedClientCredentialsEndTheFlowBeforeAnyCall) {
  accept_client_ = false;
  auto r = run();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.err().reason, "BAD_CREDENTIALS");
  EXPECT_NE(r.err().message.find("access token"), std::string::npos) << r.err().message;
  EXPECT_EQ(pay_calls_, 0);
  ASSERT_FALSE(run().ok());  // a failed fetch is not cached: the next flow asks again
  EXPECT_EQ(token_calls_, 2);
}
