#include "harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "google/rpc/status.pb.h"

extern char** environ;

namespace e2e {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

child spawn(const std::string& name, const std::vector<std::string>& args,
            const std::string& log) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  child c;
  c.name = name;
  c.log = log;
  pid_t pid = -1;
  if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) == 0) c.pid = pid;
  posix_spawn_file_actions_destroy(&fa);
  return c;
}

std::string random_hex_key() {
  unsigned char b[32];
  RAND_bytes(b, sizeof b);
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (auto c : b) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string hex_decode(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Secrets and card data that must never reach a log. `skip_line` exempts one line prefix (the
// simulator prints its own HMAC key once at start, by design).
void scan_log(const std::string& path, const std::string& hmac_key, const std::string& skip_line) {
  std::vector<std::string> banned{visa, mastercard, luhn_bad, api_key, wrong_api_key,
                                  hmac_key, lower(hmac_key), wrong_hmac_key,
                                  lower(wrong_hmac_key)};
  for (const auto& pan : {visa, mastercard, luhn_bad}) {
    banned.push_back(pan.substr(0, 4) + " " + pan.substr(4, 4) + " " + pan.substr(8, 4) + " " +
                     pan.substr(12, 4));
    banned.push_back(pan.substr(0, 4) + "-" + pan.substr(4, 4) + "-" + pan.substr(8, 4) + "-" +
                     pan.substr(12, 4));
  }
  for (const auto& cvc : {cvc_visa, cvc_mc}) {
    banned.push_back("\"" + cvc + "\"");
    banned.push_back("cvc=" + cvc);
    banned.push_back("cvc\":" + cvc);
    banned.push_back("cvc: " + cvc);
  }
  std::istringstream in(read_file(path));
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!skip_line.empty() && line.find(skip_line) != std::string::npos) continue;
    for (const auto& b : banned)
      if (line.find(b) != std::string::npos)
        ADD_FAILURE() << path << ":" << n << " contains a secret or card datum ('"
                      << b.substr(0, 4) << "...'): " << line.substr(0, 300);
  }
}

}  // namespace

bool child::running() const {
  if (pid <= 0) return false;
  return waitpid(pid, nullptr, WNOHANG) == 0;
}

int child::stop(std::chrono::milliseconds wait) {
  if (pid <= 0) return -1;
  kill(pid, SIGTERM);
  auto until = std::chrono::steady_clock::now() + wait;
  int status = 0;
  while (true) {
    auto r = waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (std::chrono::steady_clock::now() > until) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      pid = -1;
      return -1;
    }
    std::this_thread::sleep_for(20ms);
  }
  pid = -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

unsigned short free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
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
                    const std::string& hmac_key, unsigned short http, std::string& why) {
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
      << "[connectors.adyen]\npool_size = 2\nconnect_timeout_ms = 1000\n"
      << "request_timeout_ms = 1500\n"
      << "[connectors.adyen.base_urls]\n"
      << "default = \"" << adyen_base << "\"\n"
      << "disputes = \"" << disputes_base << "\"\n"
      << "[merchant_accounts.demo]\nconnector = \"adyen\"\n"
      << "api_key = \"" << api_key << "\"\n"
      << "merchant_account = \"" << merchant << "\"\n"
      << "webhook_secret = \"" << hmac_key << "\"\n";
  write_file(config_path, cfg.str());
  proc = spawn(name, {CS_SERVICE_BIN, "serve", "--config", config_path}, log_path);
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

// ---- simulator control ------------------------------------------------------------------

processor_sim::testing::http_reply stack::sim_get(const std::string& target) {
  return sim_client->request("GET", target);
}

processor_sim::testing::http_reply stack::sim_post(const std::string& target, const json& body) {
  return sim_client->request("POST", target, boost::json::serialize(body));
}

void stack::queue_fault(const std::string& spec, const std::string& prefix) {
  auto r = sim_post("/_sim/faults",
                    boost::json::object{{"path_prefix", prefix}, {"fault", spec}, {"count", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
}

json stack::payment_state(const std::string& psp) {
  auto r = sim_get("/_sim/adyen/payments/" + psp);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? r.json() : json{};
}

json stack::wait_webhook(const std::string& event_code, const std::string& psp,
                         std::chrono::milliseconds timeout) {
  json found;
  eventually(
      [&] {
        auto r = sim_get("/_sim/webhooks");
        if (r.status != 200) return false;
        for (const auto& d : r.json().as_array()) {
          const auto& o = d.as_object();
          if (o.at("eventCode") != event_code.c_str()) continue;
          if (o.at("pspReference") != psp.c_str() && o.at("originalReference") != psp.c_str())
            continue;
          if (o.at("state") == "pending") continue;
          found = d;
          return true;
        }
        return false;
      },
      timeout);
  return found;
}

std::string stack::adyen_base() const {
  return "https://127.0.0.1:" + std::to_string(sim_port) + "/adyen/v71";
}
std::string stack::disputes_base() const {
  return "https://127.0.0.1:" + std::to_string(sim_port) +
         "/adyen/ca/services/DisputeService/v30";
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
    auto http_port = free_port();
    s->sim = spawn("processor-sim",
                   {CS_SIM_BIN, "--port", "0", "--state-dir", s->dir, "--adyen-hmac-key",
                    s->hmac_key, "--adyen-webhook-url",
                    "http://127.0.0.1:" + std::to_string(http_port) + "/webhooks/adyen/demo",
                    "--log-requests"},
                   s->dir + "/sim.log");
    ASSERT_GT(s->sim.pid, 0) << "cannot spawn " CS_SIM_BIN;
    g_stack = s.release();
    auto& st = *g_stack;
    ASSERT_TRUE(eventually([&] { return !read_file(st.dir + "/port").empty(); }, 15s))
        << read_file(st.dir + "/sim.log");
    st.sim_port = static_cast<unsigned short>(std::stoi(read_file(st.dir + "/port")));
    st.ca_file = st.dir + "/ca.pem";
    st.ca_pem = read_file(st.ca_file);
    st.sim_client = std::make_unique<processor_sim::testing::tls_client>(st.ca_pem, st.sim_port);
    std::string why;
    ASSERT_TRUE(st.svc.start(st.dir, "service", st.ca_file, st.adyen_base(), st.disputes_base(),
                             st.hmac_key, http_port, why))
        << why;
  }

  void TearDown() override {
    if (!g_stack) return;
    auto& st = *g_stack;
    st.sim_client.reset();
    st.svc.channel.reset();
    if (st.svc.proc.pid > 0) EXPECT_EQ(st.svc.proc.stop(), 0) << "connector-service exit status";
    if (st.sim.pid > 0) EXPECT_EQ(st.sim.stop(), 0) << "processor-sim exit status";
    if (!st.svc.log_path.empty()) scan_log(st.svc.log_path, st.hmac_key, "");
    scan_log(st.dir + "/sim.log", st.hmac_key, "processor-sim adyen webhook hmac key: ");
    for (const auto& log : st.extra_logs) scan_log(log, st.hmac_key, "");
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

stack& env() { return *g_stack; }

// ---- gRPC helpers ---------------------------------------------------------------------------

std::unique_ptr<grpc::ClientContext> ctx(const std::string& account,
                                         std::chrono::milliseconds deadline) {
  auto c = std::make_unique<grpc::ClientContext>();
  if (!account.empty()) c->AddMetadata("x-merchant-account", account);
  c->set_deadline(std::chrono::system_clock::now() + deadline);
  return c;
}

std::unique_ptr<grpc::ClientContext> ctx_keys(const std::string& key, const std::string& m) {
  auto c = ctx("");
  c->AddMetadata("x-auth-api-key", key);
  c->AddMetadata("x-auth-merchant-account", m);
  return c;
}

google::rpc::ErrorInfo error_info(const grpc::Status& s) {
  google::rpc::ErrorInfo info;
  google::rpc::Status st;
  if (!st.ParseFromString(s.error_details())) return info;
  for (const auto& d : st.details())
    if (d.Is<google::rpc::ErrorInfo>()) d.UnpackTo(&info);
  return info;
}

std::string meta(const grpc::Status& s, const std::string& key) {
  auto info = error_info(s);
  auto it = info.metadata().find(key);
  return it == info.metadata().end() ? std::string() : it->second;
}

std::string describe(const grpc::Status& s) {
  auto info = error_info(s);
  std::string out = "code=" + std::to_string(s.error_code()) + " message='" + s.error_message() +
                    "' reason=" + info.reason();
  for (const auto& [k, v] : info.metadata()) out += " " + k + "=" + v;
  return out;
}

v1::Money money(std::int64_t minor, const std::string& currency) {
  v1::Money m;
  m.set_minor_amount(minor);
  m.set_currency(currency);
  return m;
}

v1::AuthorizeRequest authorize_request(const std::string& reference, const std::string& holder,
                                       std::int64_t minor, bool manual,
                                       const std::string& number) {
  v1::AuthorizeRequest r;
  r.set_connector("adyen");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(minor);
  auto* card = r.mutable_payment_method()->mutable_card();
  card->set_number(number);
  card->set_expiry_month(3);
  card->set_expiry_year(2030);
  card->set_cvc(number == mastercard ? cvc_mc : cvc_visa);
  card->set_holder_name(holder);
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url(return_url);
  return r;
}

// ---- webhooks -------------------------------------------------------------------------------

std::string adyen_hmac(const std::string& key_hex, const boost::json::object& item) {
  auto str = [&](const char* k) -> std::string {
    auto* v = item.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const auto& amount = item.at("amount").as_object();
  std::string data = str("pspReference") + ":" + str("originalReference") + ":" +
                     str("merchantAccountCode") + ":" + str("merchantReference") + ":" +
                     std::to_string(amount.at("value").to_number<std::int64_t>()) + ":" +
                     std::string(amount.at("currency").as_string()) + ":" + str("eventCode") +
                     ":" + str("success");
  auto key = hex_decode(key_hex);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  std::string b64(4 * ((len + 2) / 3) + 1, '\0');
  auto n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), mac, static_cast<int>(len));
  b64.resize(static_cast<size_t>(n));
  return b64;
}

boost::json::object notification_item(const std::string& psp, const std::string& original,
                                       const std::string& event_code, bool success,
                                       std::int64_t value, const std::string& reference,
                                       const std::string& key_hex) {
  boost::json::object item{{"amount", {{"currency", "EUR"}, {"value", value}}},
                           {"eventCode", event_code},
                           {"eventDate", "2024-05-01T10:00:00+02:00"},
                           {"merchantAccountCode", merchant},
                           {"merchantReference", reference},
                           {"paymentMethod", "visa"},
                           {"pspReference", psp},
                           {"reason", ""},
                           {"success", success ? "true" : "false"}};
  if (!original.empty()) item["originalReference"] = original;
  item["additionalData"] = {{"hmacSignature", adyen_hmac(key_hex, item)}};
  return item;
}

std::string notification(const std::vector<boost::json::object>& items) {
  boost::json::array arr;
  for (const auto& i : items) arr.push_back({{"NotificationRequestItem", i}});
  return boost::json::serialize(boost::json::object{{"live", "false"}, {"notificationItems", arr}});
}

// ---- plain HTTP -----------------------------------------------------------------------------

plain_reply http_request(unsigned short port, const std::string& method, const std::string& target,
                         const std::string& body, const std::string& content_type) {
  plain_reply out;
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(port);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return out;
  }
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!body.empty() || method == "POST")
    req += "Content-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n";
  req += "\r\n" + body;
  for (size_t sent = 0; sent < req.size();) {
    auto n = send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  std::string raw;
  char buf[4096];
  while (true) {
    auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    raw.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  auto head_end = raw.find("\r\n\r\n");
  if (raw.size() < 12 || head_end == std::string::npos) return out;
  out.status = std::stoi(raw.substr(9, 3));
  auto head = lower(raw.substr(0, head_end));
  out.body = raw.substr(head_end + 4);
  if (head.find("transfer-encoding: chunked") != std::string::npos) {
    std::string decoded, rest = out.body;
    while (true) {
      auto eol = rest.find("\r\n");
      if (eol == std::string::npos) break;
      auto size = std::stoul(rest.substr(0, eol), nullptr, 16);
      if (size == 0) break;
      decoded += rest.substr(eol + 2, size);
      rest = rest.substr(eol + 2 + size + 2);
    }
    out.body = decoded;
  }
  return out;
}

}  // namespace e2e
