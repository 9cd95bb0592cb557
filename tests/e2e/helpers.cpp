// gRPC status helpers, requests, Adyen webhook signing and a plain HTTP client for the e2e tests.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/socket.h>
#include <unistd.h>

#include "harness.hpp"

namespace e2e {
using namespace std::chrono_literals;

namespace {

std::string hex_decode(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

}  // namespace

// ---- simulator control ------------------------------------------------------------------

processor_sim::testing::http_reply stack::sim_get(const std::string& target) {
  return sim_client->request("GET", target);
}

processor_sim::testing::http_reply stack::sim_post(const std::string& target, const json& body) {
  return sim_client->request("POST", target, boost::json::serialize(body));
}

void stack::queue_fault(const std::string& spec, const std::string& prefix, int count) {
  boost::json::object body{{"fault", spec}, {"count", count}};
  if (!prefix.empty()) body["path_prefix"] = prefix;  // connection faults (tls-fail) take none
  auto r = sim_post("/_sim/faults", body);
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
        auto all = r.json();
        for (const auto& d : all.as_array()) {
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
  return "https://127.0.0.1:" + std::to_string(sim_port) + "/adyen/ca/services/DisputeService/v30";
}

std::string hmac_hex(const std::string& secret, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len; ++i) {
    hex += digits[mac[i] >> 4];
    hex += digits[mac[i] & 15];
  }
  return hex;
}

std::vector<std::string> sim_args(const std::string& hmac_key, unsigned short http_port) {
  const auto hooks = "http://127.0.0.1:" + std::to_string(http_port) + "/webhooks/";
  const std::pair<std::string, std::string> flags[] = {
      {"--adyen-hmac-key", hmac_key},
      {"--adyen-webhook-url", hooks + "adyen/demo"},
      {"--stripe-api-key", stripe_api_key},
      {"--stripe-webhook-secret", stripe_whsec},
      {"--stripe-webhook-url", hooks + "stripe/" + stripe_account}};
  std::vector<std::string> args{"--log-requests"};
  for (const auto& [flag, value] : flags) args.insert(args.end(), {flag, value});
  auto rzp = razorpay_sim_args(hooks + "razorpay/" + razorpay_account);
  args.insert(args.end(), rzp.begin(), rzp.end());
  auto pp = paypal_sim_args(hooks + "paypal/" + paypal_account);
  args.insert(args.end(), pp.begin(), pp.end());
  auto cko = checkout_com_sim_args(hooks + "checkout_com/" + checkout_com_account);
  args.insert(args.end(), cko.begin(), cko.end());
  auto bt = braintree_sim_args(hooks + "braintree/" + braintree_account);
  args.insert(args.end(), bt.begin(), bt.end());
  return args;
}

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

// Error details (grpc-status-details-bin) are decoded by the C++ client library (cs_client), the
// same code applications use; these helpers only adapt its answer to what the tests assert on.
cs::sdk::error sdk_error(const grpc::Status& s) {
  return cs::sdk::error::from_grpc_status(s);
}

google::rpc::ErrorInfo error_info(const grpc::Status& s) {
  google::rpc::ErrorInfo info;
  auto e = sdk_error(s);
  if (s.ok() || !e.has_error_info) return info;
  info.set_reason(e.reason);
  info.set_domain(e.domain);
  info.mutable_metadata()->insert(e.metadata.begin(), e.metadata.end());
  return info;
}

std::chrono::milliseconds retry_delay(const grpc::Status& s) {
  if (s.ok()) return std::chrono::milliseconds(-1);
  return sdk_error(s).retry_delay.value_or(std::chrono::milliseconds(-1));
}

std::string meta(const grpc::Status& s, const std::string& key) {
  if (s.ok()) return {};
  auto e = sdk_error(s);
  return e.has_error_info ? e.meta(key) : std::string{};
}

std::string describe(const grpc::Status& s) {
  auto e = sdk_error(s);
  std::string out = "code=" + std::to_string(s.error_code()) + " message='" +
                    (s.ok() ? std::string{} : e.message) +
                    "' reason=" + (e.has_error_info ? e.reason : std::string{});
  for (const auto& [k, v] : e.metadata) out += " " + k + "=" + v;
  return out;
}

v1::Money money(std::int64_t minor, const std::string& currency) {
  v1::Money m;
  m.set_minor_amount(minor);
  m.set_currency_code(currency);
  return m;
}

v1::AuthorizeRequest authorize_request(const std::string& reference, const std::string& holder,
                                       std::int64_t minor, bool manual, const std::string& number) {
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
                     std::string(amount.at("currency").as_string()) + ":" + str("eventCode") + ":" +
                     str("success");
  auto key = hex_decode(key_hex);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  std::string b64(4 * ((len + 2) / 3) + 1, '\0');
  auto n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()), mac, static_cast<int>(len));
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
  for (const auto& i : items) arr.push_back(boost::json::object{{"NotificationRequestItem", i}});
  return boost::json::serialize(boost::json::object{{"live", "false"}, {"notificationItems", arr}});
}

// ---- plain HTTP -----------------------------------------------------------------------------

plain_reply http_request(unsigned short port, const std::string& method, const std::string& target,
                         const std::string& body, const std::string& content_type,
                         const std::map<std::string, std::string>& headers) {
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
  for (const auto& [k, v] : headers) req += k + ": " + v + "\r\n";
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
  if (auto ct = head.find("\r\ncontent-type:"); ct != std::string::npos) {
    auto start = raw.find_first_not_of(' ', ct + 15);
    out.content_type = raw.substr(start, raw.find("\r\n", start) - start);
  }
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

std::unique_ptr<service> start_side_service(const std::string& name,
                                            const std::string& extra_config,
                                            const std::vector<std::string>& extra_env,
                                            const std::string& adyen_base) {
  auto& e = env();
  auto svc = std::make_unique<service>();
  std::string why;
  auto adyen = adyen_base.empty() ? e.adyen_base() : adyen_base + "/adyen/v71";
  auto disputes = adyen_base.empty() ? e.disputes_base() : adyen_base + "/disputes";
  // Ports chosen free can be taken by another test's connection before the service listens
  // (ctest -j): a few new tries then, as the shared stack does.
  for (int attempt = 1;; ++attempt) {
    if (svc->start(e.dir, name, e.ca_file, adyen, disputes, e.stripe_base(), e.hmac_key,
                   free_port(), why, "", extra_config, extra_env))
      break;
    if (why.find("Address already in use") == std::string::npos || attempt == 3) {
      std::fprintf(stderr, "%s did not start: %s\n", name.c_str(), why.c_str());
      return nullptr;
    }
    svc->proc.stop();
    svc = std::make_unique<service>();
  }
  e.extra_logs.push_back(svc->log_path);
  return svc;
}

void stop_side_service(std::unique_ptr<service>& svc) {
  if (!svc) return;
  svc->disconnect();
  EXPECT_EQ(svc->proc.stop(), 0) << svc->proc.name << " exit status";
  svc.reset();
}

double metric_value(const service& svc, const std::string& series) {
  auto text = http_request(svc.http_port, "GET", "/metrics").body;
  auto at = text.find("\n" + series + " ");
  return at == std::string::npos ? -1 : std::stod(text.substr(at + series.size() + 2));
}

authorize_outcome adyen_authorize(service& svc, const std::string& reference,
                                  std::chrono::milliseconds deadline) {
  authorize_outcome o;
  auto c = ctx("demo", deadline);
  auto t0 = std::chrono::steady_clock::now();
  o.status = svc.payments->Authorize(c.get(), authorize_request(reference, "APPROVED", 1000, false),
                                     &o.res);
  o.took =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
  auto& md = c->GetServerTrailingMetadata();
  if (auto it = md.find("x-processor-attempts"); it != md.end())
    o.attempts = std::stoi(std::string(it->second.data(), it->second.size()));
  return o;
}

}  // namespace e2e
