// The examples' command line and stack (see support.hpp).

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>
#include <vector>

#include "support.hpp"

namespace cs::examples {

namespace fs = std::filesystem;

namespace {

const std::map<std::string, std::string> default_accounts{{"CS_ADYEN_ACCOUNT", "adyen_demo"},
                                                          {"CS_STRIPE_ACCOUNT", "stripe_demo"}};
// The simulator's default webhook secrets (stack.toml holds the same ones).
const char* adyen_hmac_key = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";
const char* stripe_webhook_secret = "whsec_processor_sim_stripe_0123456789abcdef";

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

std::string build_dir() {
  return env_or("CS_BUILD_DIR", CS_EXAMPLES_BUILD_DIR);
}
std::string stack_sh() {
  return std::string(CS_SDK_DIR) + "/testing/stack.sh";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool wait_for(const std::function<bool()>& pred, int tenths) {
  for (int i = 0; i < tenths; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pred();
}

// Starts `argv` with stdout and stderr to `log` and the extra environment; returns its pid.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log,
            const std::map<std::string, std::string>& extra_env) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  ::dup2(fd, 1);
  ::dup2(fd, 2);
  ::setpgid(0, 0);  // not in the example's process group: Ctrl-C stops it via stack.sh stop
  for (const auto& [k, v] : extra_env) ::setenv(k.c_str(), v.c_str(), 1);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  std::_Exit(127);
}

// processor-sim with webhooks to `webhook_urls`, then connector-service (stack.toml), as stack.sh
// does; writes DIR/env and the pid files stack.sh stop reads.
bool start_with_webhooks(const fs::path& d, const std::map<std::string, std::string>& webhook_urls,
                         std::map<std::string, std::string>& env) {
  auto sim_bin = build_dir() + "/sim/processor-sim";
  auto svc_bin = build_dir() + "/service/connector-service";
  for (const auto& b : {sim_bin, svc_bin})
    if (::access(b.c_str(), X_OK) != 0) {
      std::cerr << b << " is missing: build first (scripts/build.sh), or set CS_BUILD_DIR\n";
      return false;
    }
  fs::remove(d / "port");
  std::vector<std::string> sim_args{sim_bin, "--state-dir", d.string()};
  for (const auto& [c, url] : webhook_urls) {
    sim_args.push_back("--" + c + "-webhook-url");
    sim_args.push_back(url);
  }
  std::ofstream(d / "sim.pid") << spawn(sim_args, d / "sim.log", {});
  if (!wait_for([&] { return fs::exists(d / "port") && fs::file_size(d / "port") > 0; }, 100)) {
    std::cerr << "the simulator did not start:\n" << slurp(d / "sim.log");
    return false;
  }
  auto sim_port = slurp(d / "port");
  while (!sim_port.empty() && std::isspace(static_cast<unsigned char>(sim_port.back())))
    sim_port.pop_back();
  auto sim = "https://127.0.0.1:" + sim_port;
  auto grpc = "127.0.0.1:" + std::to_string(free_port());
  auto http = "127.0.0.1:" + std::to_string(free_port());
  std::ofstream(d / "service.pid") << spawn(
      {svc_bin, "serve", "--config", std::string(CS_SDK_DIR) + "/testing/stack.toml"},
      d / "service.log",
      {{"CS_SERVER__GRPC_ADDRESS", grpc},
       {"CS_SERVER__HTTP_ADDRESS", http},
       {"CS_TLS__CA_FILE", (d / "ca.pem").string()},
       {"CS_CONNECTORS__ADYEN__BASE_URLS__DEFAULT", sim + "/adyen/v71"},
       {"CS_CONNECTORS__ADYEN__BASE_URLS__DISPUTES", sim + "/adyen/ca/services/DisputeService/v30"},
       {"CS_CONNECTORS__STRIPE__BASE_URLS__DEFAULT", sim + "/stripe"}});
  if (!wait_for([&] { return slurp(d / "service.log").find("serving gRPC") != std::string::npos; },
                150)) {
    std::cerr << "the service did not start:\n" << slurp(d / "service.log");
    return false;
  }
  env = default_accounts;
  env.insert({{"CS_GRPC_ADDRESS", grpc},
              {"CS_HTTP_ADDRESS", http},
              {"CS_SIM_URL", sim},
              {"CS_SIM_CA", (d / "ca.pem").string()},
              {"CS_ADYEN_HMAC_KEY", adyen_hmac_key},
              {"CS_STRIPE_WEBHOOK_SECRET", stripe_webhook_secret}});
  std::ofstream out(d / "env");
  for (const auto& [k, v] : env) out << k << "=" << v << "\n";
  return true;
}

}  // namespace

std::string cli::get(const std::string& name, const std::string& fallback) const {
  auto it = values.find(name);
  return it == values.end() ? fallback : it->second;
}

std::optional<cli> parse_cli(int argc, char** argv, const std::set<std::string>& extra_values,
                             const std::set<std::string>& extra_flags) {
  std::set<std::string> names{"--connector", "--target", "--merchant-account", "--api-key"};
  names.insert(extra_values.begin(), extra_values.end());
  cli out;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (extra_flags.count(a)) {
      out.flags.insert(a);
    } else if (names.count(a) && i + 1 < argc) {
      out.values[a] = argv[++i];
    } else {
      std::cerr << argv[0] << ": unknown option or missing value: " << a << "\n";
      return std::nullopt;
    }
  }
  if (out.connector() != "adyen" && out.connector() != "stripe") {
    std::cerr << argv[0] << ": --connector is adyen or stripe\n";
    return std::nullopt;
  }
  return out;
}

std::unique_ptr<stack> stack::open(const std::string& target,
                                   const std::map<std::string, std::string>& webhook_urls) {
  std::unique_ptr<stack> s(new stack());
  s->env = default_accounts;
  if (!target.empty() || !env_or("CS_GRPC_ADDRESS", "").empty()) {
    for (const char* k : {"CS_SIM_URL", "CS_SIM_CA", "CS_ADYEN_ACCOUNT", "CS_STRIPE_ACCOUNT",
                          "CS_HTTP_ADDRESS", "CS_GRPC_ADDRESS"})
      if (const char* v = std::getenv(k); v && *v) s->env[k] = v;
    if (!target.empty()) s->env["CS_GRPC_ADDRESS"] = target;
    return s;
  }
  if (const char* f = std::getenv("CS_STACK_ENV"); f && *f && webhook_urls.empty()) {
    for (const auto& [k, v] : read_env_file(f)) s->env[k] = v;
    return s;
  }
  char tmpl[] = "/tmp/cs-example-XXXXXX";
  if (!::mkdtemp(tmpl)) {
    std::perror("mkdtemp");
    return nullptr;
  }
  s->dir_ = tmpl;
  std::cerr << "(starting processor-sim and connector-service in " << s->dir_ << ")\n";
  bool up;
  if (webhook_urls.empty()) {
    auto cmd = "CS_BUILD_DIR='" + build_dir() + "' '" + stack_sh() + "' start '" + s->dir_ +
               "' >'" + s->dir_ + "/stack.out' 2>&1";
    up = std::system(cmd.c_str()) == 0;
    if (up) {
      for (const auto& [k, v] : read_env_file(s->dir_ + "/env")) s->env[k] = v;
    } else {
      std::cerr << slurp(s->dir_ + "/stack.out");
    }
  } else {
    up = start_with_webhooks(s->dir_, webhook_urls, s->env);
  }
  if (!up) {
    std::cerr << "could not start the stack (CS_BUILD_DIR=" << build_dir() << ")\n";
    return nullptr;  // the destructor stops what started and keeps the logs
  }
  return s;
}

stack::~stack() {
  if (dir_.empty()) return;
  auto cmd = "'" + stack_sh() + "' stop '" + dir_ + "' >/dev/null 2>&1";
  (void)std::system(cmd.c_str());
  if (ok_) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  } else {
    std::cerr << "(stack logs kept in " << dir_ << ")\n";
  }
}

std::string stack::get(const std::string& key) const {
  auto it = env.find(key);
  return it == env.end() ? std::string{} : it->second;
}

std::string stack::account(const cli& args) const {
  auto explicit_account = args.get("--merchant-account");
  if (!explicit_account.empty()) return explicit_account;
  auto var = args.connector() == "adyen" ? "CS_ADYEN_ACCOUNT" : "CS_STRIPE_ACCOUNT";
  auto v = get(var);
  return v.empty() ? default_accounts.at(var) : v;
}

std::map<std::string, std::string> read_env_file(const std::string& path) {
  std::map<std::string, std::string> env;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    auto eq = line.find('=');
    if (eq == std::string::npos || line.starts_with("#")) continue;
    env[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return env;
}

int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  return ntohs(addr.sin_port);
}

v1::PaymentMethod card(const std::string& connector, const std::string& kind) {
  struct test_card {
    const char* number;
    const char* holder;
  };
  static const std::map<std::string, test_card> adyen{
      {"ok", {"4111111111111111", "APPROVED"}},
      {"decline", {"4111111111111111", "NOT_ENOUGH_BALANCE"}},
      {"3ds", {"4111111111111111", "3DS_CHALLENGE"}}};
  static const std::map<std::string, test_card> stripe{
      {"ok", {"4242424242424242", "Jenny Rosen"}},
      {"decline", {"4000000000009995", "Jenny Rosen"}},  // insufficient_funds
      {"3ds", {"4000000000003220", "Jenny Rosen"}}};     // requires_action
  const auto& c = (connector == "stripe" ? stripe : adyen).at(kind);
  v1::PaymentMethod pm;
  auto* k = pm.mutable_card();
  k->set_number(c.number);
  k->set_expiry_month(3);
  k->set_expiry_year(2030);
  k->set_cvc("737");
  k->set_holder_name(c.holder);
  return pm;
}

v1::Money eur(std::int64_t minor) {
  v1::Money m;
  m.set_minor_amount(minor);
  m.set_currency_code("EUR");
  return m;
}

std::string money(const v1::Money& m) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%lld.%02lld %s", static_cast<long long>(m.minor_amount() / 100),
                static_cast<long long>(m.minor_amount() % 100), m.currency_code().c_str());
  return buf;
}

std::string reference(const std::string& prefix) {
  return "cpp-" + prefix + "-" + sdk::new_idempotency_key().substr(0, 12);
}

sdk::client make_client(const stack& s, const cli& args, int max_attempts) {
  return sdk::client({.target = s.target(),
                      .api_key = args.get("--api-key", std::getenv("CS_API_KEY") ?: ""),
                      .merchant_account = s.account(args),
                      .default_deadline = std::chrono::seconds(20),
                      .retry = {.max_attempts = max_attempts}});
}

}  // namespace cs::examples
