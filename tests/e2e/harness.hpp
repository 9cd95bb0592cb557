#pragma once
// End-to-end harness: a processor-sim and a connector-service started as child processes, gRPC
// stubs to the service, an HTTPS client to the simulator's control routes, and helpers.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "connectorservice/v1/dispute.grpc.pb.h"
#include "connectorservice/v1/event.grpc.pb.h"
#include "connectorservice/v1/payment.grpc.pb.h"
#include "connectorservice/v1/recurring.grpc.pb.h"
#include "connectorservice/v1/refund.grpc.pb.h"
#include "cs/sdk/error.hpp"
#include "google/rpc/error_details.pb.h"
#include "sim_process.hpp"
#include "test_client.hpp"

namespace e2e {

namespace v1 = connectorservice::v1;
using json = boost::json::value;

// Test values. Every one of these is a secret or card datum: the logs are scanned for them.
inline const std::string visa = "4111111111111111";
inline const std::string mastercard = "5555555555554444";
inline const std::string luhn_bad = "4111111111111112";
inline const std::string cvc_visa = "739";
inline const std::string cvc_mc = "846";
inline const std::string api_key = "sim_adyen_api_key";
inline const std::string wrong_api_key = "wrong_e2e_api_key_Zq9x";
inline const std::string merchant = "TestMerchantECOM";
// A well-formed HMAC key that is not the simulator's.
inline const std::string wrong_hmac_key =
    "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0";
inline const std::string return_url = "https://shop.example/return";

// Stripe (the simulator's defaults, passed explicitly). Secrets and card data too: scanned.
inline const std::string stripe_account = "stripe_demo";
inline const std::string stripe_api_key = "sk_test_sim_stripe";
inline const std::string stripe_wrong_key = "sk_test_wrong_e2e_Kp4w";
inline const std::string stripe_whsec = "whsec_processor_sim_stripe_0123456789abcdef";
inline const std::string cvc_stripe = "527";
namespace stripe_card {
inline const std::string visa = "4242424242424242";
inline const std::string declined = "4000000000000002";
inline const std::string insufficient = "4000000000009995";
inline const std::string lost = "4000000000009987";
inline const std::string stolen = "4000000000009979";
inline const std::string expired = "4000000000000069";
inline const std::string bad_cvc = "4000000000000127";
inline const std::string processing = "4000000000000119";
inline const std::string three_ds = "4000000000003220";
inline const std::string always_3ds = "4000002760003184";
inline const std::string on_setup_3ds = "4000002500003155";
inline const std::string dispute = "4000000000000259";
inline const std::vector<std::string> all{visa,     declined,   insufficient, lost,
                                          stolen,   expired,    bad_cvc,      processing,
                                          three_ds, always_3ds, on_setup_3ds, dispute};
}  // namespace stripe_card

// Razorpay (the simulator's defaults, passed explicitly). The key id is not a secret (it is in
// every Basic auth user name and in dashboards); the key secret and webhook secret are scanned.
inline const std::string paypal_account = "paypal_demo";
inline const std::string paypal_client_id = "e2e_paypal_client_id";
inline const std::string paypal_client_secret = "e2e_paypal_client_secret_Jk2w";
inline const std::string paypal_webhook_id = "9E2E0PAYPAL0WEBHOOK";
inline const std::string razorpay_account = "razorpay_demo";
inline const std::string razorpay_key_id = "rzp_test_sim";
inline const std::string razorpay_key_secret = "processor_sim_razorpay_key_secret";
inline const std::string razorpay_whsec = "processor_sim_razorpay_webhook_secret";
inline const std::string razorpay_wrong_secret = "rzp_wrong_e2e_secret_Ht7q";
inline const std::string cvv_razorpay = "318";
inline constexpr int razorpay_upi_delay_ms = 300;
inline constexpr int razorpay_refund_delay_ms = 400;
namespace razorpay_card {
inline const std::string visa = "4111111111111111";
inline const std::string mastercard = "5267318187975449";
inline const std::string declined = "4000000000000002";
inline const std::vector<std::string> all{visa, mastercard, declined};
}  // namespace razorpay_card

// Checkout.com (checkout_com_helpers.cpp): the simulator is started with this key and signature
// key; both, the cards and the CVV are scanned for in the logs.
inline const std::string checkout_com_account = "checkout_com_demo";
inline const std::string checkout_com_secret_key = "sk_sbox_e2echeckoutcomsecretkey7q";
inline const std::string checkout_com_signature_key = "e2e_checkout_com_signature_key_Wq3z";
// The public key only exchanges wallet tokens (POST /tokens); not a secret.
inline const std::string checkout_com_public_key = "pk_sbox_e2echeckoutcompublickey7";
inline const std::string cvv_checkout_com = "418";
namespace cko_card {
inline const std::string visa = "4242424242424242";
inline const std::string three_ds_fail = "4485040371536584";  // fails the simulator's challenge
// Checkout.com's documented sandbox cards and the response code each declines with.
inline const std::vector<std::pair<std::string, std::string>> declines{
    {"4734868958733862", "200N7"}, {"4567361325981788", "200R3"}, {"4111111111111129", "20001"},
    {"4024007103573027", "20012"}, {"4485381577182090", "20014"}, {"4544249167673670", "20051"},
    {"4724117215951699", "20054"}, {"4151512736305999", "20057"}, {"4897453568485113", "20059"},
    {"4556294593757189", "20061"}, {"4818924250131070", "20062"}, {"4556253752712245", "20063"},
    {"4095254802642505", "20068"}, {"4532819413487978", "20078"}};
std::vector<std::string> all();
}  // namespace cko_card
std::vector<std::string> checkout_com_sim_args(const std::string& webhook_url);
std::string checkout_com_config(const std::string& base_url);

// Braintree (braintree_helpers.cpp): the key pair the simulator is started with; the private key
// is scanned for in the logs (the public key is a user name, not a secret).
inline const std::string braintree_account = "braintree_demo";
inline const std::string braintree_public_key = "e2e_braintree_public_key";
inline const std::string braintree_private_key = "e2e_braintree_private_key_Vx8p";
inline const std::string cvv_braintree = "373";
std::vector<std::string> braintree_sim_args(const std::string& webhook_url);
std::string braintree_config(const std::string& base_url);

// The simulator's Razorpay flags (keys, webhook receiver, delays) and the service's Razorpay
// connector + razorpay_demo account config (razorpay_helpers.cpp).
std::vector<std::string> razorpay_sim_args(const std::string& webhook_url);
std::string razorpay_config(const std::string& base_url);
std::vector<std::string> paypal_sim_args(const std::string& webhook_url);
std::string paypal_config(const std::string& base_url);
// A PayPal card Authorize (USD 10.50, card 4012888888881881 unless `number`; `holder` carries the
// simulator's CCREJECT-* triggers), and the payer's approval of an order at the simulator followed
// by CompleteAuthorize as PayPal's return URL would carry it (paypal_helpers.cpp).
v1::AuthorizeRequest paypal_card_authorize(const std::string& reference, bool manual,
                                           const std::string& holder = "Asha Rao",
                                           const std::string& number = "4012888888881881");
grpc::Status paypal_approve_and_complete(const std::string& order, bool manual, v1::Payment& out);
// The simulator's flags after --port and --state-dir (start_sim adds those): the Adyen HMAC key,
// webhooks to the service's HTTP port for every processor, request logging.
std::vector<std::string> sim_args(const std::string& hmac_key, unsigned short http_port);

// Child processes, files and ports, and the simulator's start: sim/client (shared with bench/).
using processor_sim::client::child;
using processor_sim::client::free_port;
using processor_sim::client::random_hex_key;
using processor_sim::client::read_file;
using processor_sim::client::sim_process;
using processor_sim::client::spawn;
using processor_sim::client::start_sim;
using processor_sim::client::write_file;

inline std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}
// Adds a test failure for every line of the log that contains a test card number, CVC, API key
// or HMAC key / Stripe secret (lines containing one of `skip_lines` excepted).
void scan_log(const std::string& path, const std::string& hmac_key,
              const std::vector<std::string>& skip_lines);

// One connector-service instance.
struct service {
  std::string dir, config_path, log_path;
  unsigned short grpc_port = 0, http_port = 0;
  child proc;
  std::shared_ptr<grpc::Channel> channel;
  std::unique_ptr<v1::PaymentService::Stub> payments;
  std::unique_ptr<v1::RefundService::Stub> refunds;
  std::unique_ptr<v1::RecurringService::Stub> recurring;
  std::unique_ptr<v1::DisputeService::Stub> disputes;
  std::unique_ptr<v1::EventService::Stub> events;

  // Drops the stubs and the channel (closes the client connection before a SIGTERM).
  void disconnect();
  // Writes the config (adyen base URLs at `adyen_base`, stripe at `stripe_base`, razorpay at
  // `razorpay_base` when not empty; accounts "demo", "stripe_demo" and "razorpay_demo") and
  // starts; false + message on failure. `extra_config` is appended to the file (more tables,
  // e.g. "[connectors.adyen.retry]\nmax_attempts = 1\n"); `extra_env` adds CS_… overrides
  // for keys of tables the harness already wrote.
  bool start(const std::string& dir, const std::string& name, const std::string& ca_file,
             const std::string& adyen_base, const std::string& disputes_base,
             const std::string& stripe_base, const std::string& hmac_key, unsigned short http_port,
             std::string& why, const std::string& razorpay_base = "",
             const std::string& extra_config = "", const std::vector<std::string>& extra_env = {});
};

// A second connector-service against the shared simulator, for suites that need other settings
// (`extra_config` / `extra_env` as in service::start; `adyen_base` replaces the simulator's).
// Its log joins the end-of-run scan. nullptr (reason on stderr) when it does not start.
std::unique_ptr<service> start_side_service(const std::string& name,
                                            const std::string& extra_config = "",
                                            const std::vector<std::string>& extra_env = {},
                                            const std::string& adyen_base = "");
// Disconnects, stops and expects exit status 0.
void stop_side_service(std::unique_ptr<service>& svc);
// The value of one exposition line of the service's /metrics, e.g.
// `name{label="v"}` (-1 when absent).
double metric_value(const service& svc, const std::string& series);

// The shared stack of one test process: simulator + service.
struct stack {
  std::string dir;
  std::string hmac_key;  // the simulator's webhook key (64 hex)
  unsigned short sim_port = 0;
  std::string ca_pem, ca_file;
  sim_process sim;
  service svc;
  std::unique_ptr<processor_sim::testing::tls_client> sim_client;
  std::vector<std::string> extra_logs;  // logs of other services started by tests

  // Simulator control and state.
  processor_sim::testing::http_reply sim_get(const std::string& target);
  processor_sim::testing::http_reply sim_post(const std::string& target, const json& body);
  // The next `count` requests under `prefix` get the fault (retries included: a fault meant to
  // outlast the service's retries is queued retry.max_attempts times).
  void queue_fault(const std::string& spec, const std::string& prefix = "/adyen/v71/payments",
                   int count = 1);
  json payment_state(const std::string& psp);
  // Waits (≤ 5 s) for a webhook delivery of this event for this psp (pspReference or
  // originalReference) that reached a final state; returns it or null.
  json wait_webhook(const std::string& event_code, const std::string& psp,
                    std::chrono::milliseconds timeout = std::chrono::seconds(5));
  std::string adyen_base() const;
  std::string disputes_base() const;
  std::string stripe_base() const;
  std::string razorpay_base() const;
  std::string paypal_base() const;
  // GET /_sim/stripe/payment_intents/{pi} (null when not 200).
  json stripe_intent(const std::string& pi);
  json stats();
};

stack& env();

// Polls `pred` every 20 ms until true or timeout.
bool eventually(const std::function<bool()>& pred,
                std::chrono::milliseconds timeout = std::chrono::seconds(5));

// A client context with credentials metadata (x-merchant-account) and a 10 s deadline.
std::unique_ptr<grpc::ClientContext> ctx(
    const std::string& account = "demo",
    std::chrono::milliseconds deadline = std::chrono::seconds(10));
// A context with explicit x-auth-* metadata instead of a merchant account.
std::unique_ptr<grpc::ClientContext> ctx_keys(const std::string& key, const std::string& merchant);

// A non-OK status as the C++ client library (cs_client) decodes it; the helpers below are built on
// it (no decoding of grpc-status-details-bin of their own).
cs::sdk::error sdk_error(const grpc::Status& s);
// The ErrorInfo of a non-OK status (empty reason when absent).
google::rpc::ErrorInfo error_info(const grpc::Status& s);
std::string describe(const grpc::Status& s);
// The google.rpc.RetryInfo delay of a non-OK status (-1 ms when absent).
std::chrono::milliseconds retry_delay(const grpc::Status& s);
// One ErrorInfo metadata entry ("" when absent).
std::string meta(const grpc::Status& s, const std::string& key);

// An Adyen authorize (APPROVED, 10.00 EUR, automatic capture) on `svc` for account "demo", with
// what the client sees: status, response, x-processor-attempts (-1 when absent) and time taken.
struct authorize_outcome {
  grpc::Status status;
  v1::Payment res;
  int attempts = -1;
  std::chrono::milliseconds took{};
};
authorize_outcome adyen_authorize(service& svc, const std::string& reference,
                                  std::chrono::milliseconds deadline = std::chrono::seconds(10));

// Requests.
v1::AuthorizeRequest authorize_request(const std::string& reference, const std::string& holder,
                                       std::int64_t minor, bool manual,
                                       const std::string& number = visa);
v1::Money money(std::int64_t minor, const std::string& currency = "EUR");

// A Stripe authorize for the stripe_demo account: card `number` (or a `pm_…` token).
v1::AuthorizeRequest stripe_authorize(const std::string& reference, const std::string& number,
                                      std::int64_t minor, bool manual,
                                      const std::string& currency = "USD");
inline std::unique_ptr<grpc::ClientContext> stripe_ctx() {
  return ctx(stripe_account);
}
inline std::unique_ptr<grpc::ClientContext> razorpay_ctx() {
  return ctx(razorpay_account);
}
inline bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}
// Visits the simulator's Stripe 3DS page the redirect points at (TLS verified against the sim
// CA), expects 302 and returns the Location header.
std::string follow_stripe_3ds(const v1::RedirectData& redirect);
// Get of a Stripe payment (stripe_demo), expecting OK.
v1::Payment stripe_get(const std::string& pi);
// The simulator's bank settles a processing Stripe debit (`outcome` "" = by its test account).
void stripe_settle(const std::string& pi, const std::string& outcome = {});
// A Stripe Authorize refused with INVALID_ARGUMENT naming `field` (message containing `words`)
// before any request reached the simulator; returns the status for further checks.
grpc::Status expect_stripe_refused(const v1::AuthorizeRequest& r, const std::string& field,
                                   const std::string& words);
// `Stripe-Signature: t=<t>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, computed with OpenSSL.
std::string stripe_signature(const std::string& secret, std::int64_t t, const std::string& body);
// Lower-case hex HMAC-SHA256(secret, data), computed with OpenSSL (Razorpay's and Checkout.com's
// webhook signatures).
std::string hmac_hex(const std::string& secret, const std::string& data);
std::int64_t unix_now();

// Adyen webhook signature computed here with OpenSSL (independently of the connector).
std::string adyen_hmac(const std::string& key_hex, const boost::json::object& item);
// A notification body with the given items (each already signed).
std::string notification(const std::vector<boost::json::object>& items);
boost::json::object notification_item(const std::string& psp, const std::string& original,
                                      const std::string& event_code, bool success,
                                      std::int64_t value, const std::string& reference,
                                      const std::string& key_hex);

// Plain HTTP/1.1 request to 127.0.0.1:port (Connection: close).
struct plain_reply {
  int status = 0;
  std::string body;
  std::string content_type;  // the Content-Type header, as sent
};
plain_reply http_request(unsigned short port, const std::string& method, const std::string& target,
                         const std::string& body = {},
                         const std::string& content_type = "application/json",
                         const std::map<std::string, std::string>& headers = {});

}  // namespace e2e
