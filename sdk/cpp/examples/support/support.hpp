#pragma once
// What the C++ examples share: their command line, where the stack is (or starting one), the
// processors' test data, and a small HTTP/1.1 client (HTTPS trusting only the simulator's CA).
//
// Where an example finds Connector Service, first match wins:
//   1. --target HOST:PORT, or CS_GRPC_ADDRESS: a running service; CS_SIM_URL / CS_SIM_CA (the
//      simulator, for 3DS pages) and CS_ADYEN_ACCOUNT / CS_STRIPE_ACCOUNT from the environment;
//   2. CS_STACK_ENV=DIR/env: the file `sdk/testing/stack.sh start DIR` wrote;
//   3. otherwise the example starts processor-sim and connector-service (binaries from
//      $CS_BUILD_DIR, default this build) with sdk/testing/stack.sh and stops them at its end.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "cs/sdk/sdk.hpp"

namespace cs::examples {

namespace v1 = connectorservice::v1;
namespace sdk = cs::sdk;

inline const std::string return_url = "https://shop.example/return";

// ---- command line ------------------------------------------------------------------------------

// `--name value` options and `--flag` switches. Every example takes --connector (adyen|stripe),
// --target, --merchant-account and --api-key.
struct cli {
  std::map<std::string, std::string> values;
  std::set<std::string> flags;

  std::string get(const std::string& name, const std::string& fallback = {}) const;
  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::string connector() const { return get("--connector", "adyen"); }
};
// nullopt (after a message on stderr) on an unknown option or a bad --connector.
std::optional<cli> parse_cli(int argc, char** argv, const std::set<std::string>& extra_values = {},
                             const std::set<std::string>& extra_flags = {});

// ---- the stack ---------------------------------------------------------------------------------

// The stack an example talks to: `env` holds at least CS_GRPC_ADDRESS. A stack the example
// started is stopped when this is destroyed; its logs are kept unless `succeeded` was called.
class stack {
 public:
  // `webhook_urls` ({"adyen": url, "stripe": url}) makes a started simulator POST its webhooks
  // there instead of to the service (stack.sh has no option for it: the two binaries are started
  // the way stack.sh does). nullptr (after a message on stderr) when it does not start.
  static std::unique_ptr<stack> open(const std::string& target,
                                     const std::map<std::string, std::string>& webhook_urls = {});
  ~stack();
  stack(const stack&) = delete;
  stack& operator=(const stack&) = delete;

  std::string get(const std::string& key) const;
  std::string target() const { return get("CS_GRPC_ADDRESS"); }
  // --merchant-account, else the stack's account for the connector (adyen_demo, stripe_demo).
  std::string account(const cli& args) const;
  bool started() const { return !dir_.empty(); }
  void succeeded() { ok_ = true; }

  std::map<std::string, std::string> env;

 private:
  stack() = default;
  std::string dir_;  // set when this process started the stack
  bool ok_ = false;
};

std::map<std::string, std::string> read_env_file(const std::string& path);
int free_port();

// ---- test data (sim/README.md: "Adyen test values", "Stripe test cards") -----------------------

// A public test card that makes `connector`'s simulator answer `kind`: "ok", "decline", "3ds".
// Adyen picks the outcome by the holder name, Stripe by the number.
v1::PaymentMethod card(const std::string& connector, const std::string& kind = "ok");
v1::Money eur(std::int64_t minor);
std::string money(const v1::Money& m);  // "25.00 EUR"
std::string reference(const std::string& prefix);
// A client for the stack (merchant account for the connector, --api-key, 20 s per attempt).
sdk::client make_client(const stack& s, const cli& args, int max_attempts = 3);

// ---- HTTP --------------------------------------------------------------------------------------

struct http_reply {
  int status = 0;                              // 0: no answer (error says why)
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
  std::string error;
};
// One HTTP/1.1 request (Connection: close) to an http:// or https:// URL. HTTPS verifies the
// server against `ca_file` only (no system roots), host name or IP included.
http_reply http_request(const std::string& method, const std::string& url,
                        const std::string& body = {},
                        const std::map<std::string, std::string>& headers = {},
                        const std::string& ca_file = {});
// The simulator's control API (CS_SIM_URL + path, JSON body, CS_SIM_CA).
http_reply sim_control(const stack& s, const std::string& method, const std::string& path,
                       const std::string& json_body = {});
std::string url_decode(const std::string& s);
std::string url_encode(const std::string& s);
// The query of a URL as key → value (decoded).
std::map<std::string, std::string> query_params(const std::string& url);

}  // namespace cs::examples
