#include "harness.hpp"
#include "wallet_test_tokens.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace e2e {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

// Secrets and card data that must never reach a log. `skip_lines` exempt lines (the simulator
// prints its own HMAC key and Stripe webhook secret once at start, by design).
void scan_log(const std::string& path, const std::string& hmac_key,
              const std::vector<std::string>& skip_lines) {
  std::vector<std::string> pans{visa, mastercard, luhn_bad};
  pans.insert(pans.end(), stripe_card::all.begin(), stripe_card::all.end());
  pans.insert(pans.end(), razorpay_card::all.begin(), razorpay_card::all.end());
  for (const auto& pan : cko_card::all()) pans.push_back(pan);
  // Wallet cryptograms are as secret as a CVC (the test tokens' own value).
  const std::string cryptogram(processor_sim::client::wallet_test_tokens::test_cryptogram);
  std::vector<std::string> banned{stripe_api_key,  stripe_wrong_key, stripe_whsec,
                                  api_key,         wrong_api_key,    hmac_key,
                                  lower(hmac_key), wrong_hmac_key,   lower(wrong_hmac_key)};
  banned.insert(banned.end(), {razorpay_key_secret, razorpay_wrong_secret, razorpay_whsec,
                               paypal_client_secret, checkout_com_secret_key,
                               checkout_com_signature_key, braintree_private_key, cryptogram});
  // Bank accounts are as private as card numbers: the test IBANs' account digits, packed as
  // sent and grouped as shoppers type them.
  for (const char* account :
       {"0532013000", "0532013001", "0532 0130 00", "0532 0130 01", "000123456789", "000222222227"})
    banned.push_back(account);
  for (const auto& pan : pans) {
    banned.push_back(pan);
    banned.push_back(pan.substr(0, 4) + " " + pan.substr(4, 4) + " " + pan.substr(8, 4) + " " +
                     pan.substr(12, 4));
    banned.push_back(pan.substr(0, 4) + "-" + pan.substr(4, 4) + "-" + pan.substr(8, 4) + "-" +
                     pan.substr(12, 4));
  }
  for (const auto& cvc :
       {cvc_visa, cvc_mc, cvc_stripe, cvv_razorpay, cvv_checkout_com, cvv_braintree}) {
    banned.push_back("\"" + cvc + "\"");
    banned.push_back("cvc=" + cvc);
    banned.push_back("cvc\":" + cvc);
    banned.push_back("cvc: " + cvc);
    banned.push_back("cvc]=" + cvc);  // Stripe's form body card[cvc]=…
    banned.push_back("cvc%5D=" + cvc);
    banned.push_back("cvv\":" + cvc);  // Razorpay's card.cvv
    banned.push_back("cvv=" + cvc);
    banned.push_back("cvv: " + cvc);
  }
  std::istringstream in(read_file(path));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    bool skip = false;
    for (const auto& s : skip_lines)
      if (!s.empty() && line.find(s) != std::string::npos) skip = true;
    if (skip) continue;
    for (const auto& b : banned)
      if (line.find(b) != std::string::npos) {
        ADD_FAILURE() << path << ":" << n << " contains a secret or card datum ('" << b.substr(0, 4)
                      << "...'): " << line.substr(0, 300);
        break;  // one failure per line
      }
  }
}

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
  auto until = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (pred()) return true;
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(20ms);
  }
}

bool service::start(const std::string& d, const std::string& name, const std::string& ca_file,
                    const std::string& adyen_base, const std::string& disputes_base,
                    const std::string& stripe_base, const std::string& hmac_key,
                    unsigned short http, std::string& why, const std::string& razorpay_base,
                    const std::string& extra_config, const std::vector<std::string>& extra_env) {
  dir = d;
  grpc_port = free_port();
  http_port = http;
  config_path = dir + "/" + name + ".toml";
  log_path = dir + "/" + name + ".log";
  std::ostringstream cfg;
  cfg << "[server]\n"
      << "grpc_address = \"127.0.0.1:" << grpc_port << "\"\n"
      << "http_address = \"127.0.0.1:" << http_port << "\"\n"
      << "default_deadline_ms = 30000\n"
      << "[log]\nlevel = \"debug\"\n"
      << "[tls]\nca_file = \"" << ca_file << "\"\n"
      << "[webhooks]\nmode = \"log_only\"\n"
      << "[connectors.adyen]\npool_size = 2\nconnect_timeout_ms = 1000\n"
      << "request_timeout_ms = 1500\n"
      << "[connectors.adyen.base_urls]\n"
      << "default = \"" << adyen_base << "\"\n"
      << "disputes = \"" << disputes_base << "\"\n"
      << "[merchant_accounts.demo]\nconnector = \"adyen\"\n"
      << "api_key = \"" << api_key << "\"\n"
      << "merchant_account = \"" << merchant << "\"\n"
      << "webhook_secret = \"" << hmac_key << "\"\n"
      << "[connectors.stripe]\npool_size = 2\nconnect_timeout_ms = 1000\n"
      << "request_timeout_ms = 1500\n"
      << "[connectors.stripe.base_urls]\n"
      << "default = \"" << stripe_base << "\"\n"
      << "[merchant_accounts." << stripe_account << "]\nconnector = \"stripe\"\n"
      << "api_key = \"" << stripe_api_key << "\"\n"
      << "webhook_secret = \"" << stripe_whsec << "\"\n";
  if (!razorpay_base.empty()) {
    cfg << razorpay_config(razorpay_base);
    // The simulator serves every processor under its own prefix, PayPal's beside Razorpay's.
    cfg << paypal_config(razorpay_base.substr(0, razorpay_base.rfind('/')) + "/paypal");
    cfg << checkout_com_config(razorpay_base.substr(0, razorpay_base.rfind('/')) + "/checkout_com");
    cfg << braintree_config(razorpay_base.substr(0, razorpay_base.rfind('/')) + "/braintree");
  }
  cfg << extra_config;
  write_file(config_path, cfg.str());
  proc = spawn(name, {CS_SERVICE_BIN, "serve", "--config", config_path}, log_path, extra_env);
  if (proc.pid <= 0) return why = "cannot spawn " CS_SERVICE_BIN, false;
  bool ready = eventually(
      [&] {
        return !proc.running() ||
               read_file(log_path).find("serving gRPC on port") != std::string::npos;
      },
      15s);
  if (!ready || !proc.running())
    return why = "service did not start: " + read_file(log_path), false;
  channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(grpc_port),
                                grpc::InsecureChannelCredentials());
  if (!channel->WaitForConnected(std::chrono::system_clock::now() + 5s))
    return why = "gRPC channel did not connect", false;
  payments = v1::PaymentService::NewStub(channel);
  refunds = v1::RefundService::NewStub(channel);
  recurring = v1::RecurringService::NewStub(channel);
  disputes = v1::DisputeService::NewStub(channel);
  events = v1::EventService::NewStub(channel);
  return true;
}

void service::disconnect() {
  payments.reset();
  refunds.reset();
  recurring.reset();
  disputes.reset();
  events.reset();
  channel.reset();
}

// ---- the environment ----------------------------------------------------------------------

namespace {

stack* g_stack = nullptr;

class environment : public ::testing::Environment {
 public:
  void SetUp() override {
    auto s = std::make_unique<stack>();
    std::string tmpl = (fs::temp_directory_path() / "cs-e2e-XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    s->dir = tmpl;
    s->hmac_key = random_hex_key();
    g_stack = s.release();
    auto& st = *g_stack;
    // The service's HTTP port is chosen before the simulator starts (its webhooks go there), so
    // under `ctest -j` another test's connection can take it before the service listens: then
    // both start again on new ports, at most three times.
    for (int attempt = 1;; ++attempt) {
      auto http_port = free_port();
      std::string why;
      ASSERT_TRUE(start_sim(st.sim, CS_SIM_BIN, st.dir, sim_args(st.hmac_key, http_port),
                            st.dir + "/sim.log", why))
          << why << "\n"
          << read_file(st.dir + "/sim.log");
      st.sim_port = st.sim.port;
      st.ca_file = st.sim.ca_file;
      st.ca_pem = read_file(st.ca_file);
      st.sim_client = std::make_unique<processor_sim::testing::tls_client>(st.ca_pem, st.sim_port);
      if (st.svc.start(st.dir, "service", st.ca_file, st.adyen_base(), st.disputes_base(),
                       st.stripe_base(), st.hmac_key, http_port, why, st.razorpay_base()))
        return;
      const bool taken = why.find("Address already in use") != std::string::npos;
      ASSERT_TRUE(taken && attempt < 3) << why;
      std::fprintf(stderr, "e2e: port taken (%s); starting again on new ports\n", why.c_str());
      st.sim_client.reset();
      st.svc.proc.stop();
      st.svc.proc.pid = -1;
      st.sim.proc.stop();
      st.sim.proc.pid = -1;
    }
  }

  void TearDown() override {
    if (!g_stack) return;
    auto& st = *g_stack;
    st.sim_client.reset();
    st.svc.disconnect();
    if (st.svc.proc.pid > 0) EXPECT_EQ(st.svc.proc.stop(), 0) << "connector-service exit status";
    if (st.sim.proc.pid > 0) EXPECT_EQ(st.sim.proc.stop(), 0) << "processor-sim exit status";
    if (!st.svc.log_path.empty()) scan_log(st.svc.log_path, st.hmac_key, {});
    scan_log(st.dir + "/sim.log", st.hmac_key,
             {"processor-sim adyen webhook hmac key: ", "processor-sim stripe webhook secret: ",
              "processor-sim razorpay webhook secret: ",
              "processor-sim checkout_com webhook signature key: "});
    for (const auto& log : st.extra_logs) scan_log(log, st.hmac_key, {});
    auto* unit = ::testing::UnitTest::GetInstance();
    if (unit->Passed() && !::testing::Test::HasFailure() && !std::getenv("CS_E2E_KEEP")) {
      std::error_code ec;
      fs::remove_all(st.dir, ec);
    } else {
      std::fprintf(stderr, "e2e: logs kept in %s\n", st.dir.c_str());
    }
  }
};

const auto* registered = ::testing::AddGlobalTestEnvironment(new environment);

}  // namespace

stack& env() {
  return *g_stack;
}

}  // namespace e2e
