// GET /metrics on the service's HTTP port after calls across connectors: the Prometheus text
// format, the series the calls must have produced, and label values only from bounded sets (no
// card numbers, processor ids, amounts or client-chosen strings).

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <regex>

#include "razorpay.hpp"

namespace e2e {
namespace {

struct sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Parses every sample line `name{k="v",…} value`; adds a failure for a line that does not parse.
std::vector<sample> parse(const std::string& text) {
  std::vector<sample> out;
  std::istringstream in(text);
  std::string line;
  static const std::regex name_re("^[a-zA-Z_:][a-zA-Z0-9_:]*");
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    sample s;
    std::smatch m;
    if (!std::regex_search(line, m, name_re)) {
      ADD_FAILURE() << "bad sample line: " << line;
      continue;
    }
    s.name = m.str();
    size_t i = s.name.size();
    if (i < line.size() && line[i] == '{') {
      ++i;
      while (i < line.size() && line[i] != '}') {
        auto eq = line.find("=\"", i);
        if (eq == std::string::npos) break;
        auto key = line.substr(i, eq - i);
        std::string value;
        for (i = eq + 2; i < line.size() && line[i] != '"'; ++i) {
          if (line[i] == '\\' && i + 1 < line.size()) ++i;
          value += line[i];
        }
        s.labels[key] = value;
        ++i;  // the closing quote
        if (i < line.size() && line[i] == ',') ++i;
      }
      if (i >= line.size() || line[i] != '}') {
        ADD_FAILURE() << "bad labels: " << line;
        continue;
      }
      ++i;
    }
    if (i >= line.size() || line[i] != ' ') {
      ADD_FAILURE() << "no value: " << line;
      continue;
    }
    try {
      s.value = std::stod(line.substr(i + 1));
    } catch (...) {
      ADD_FAILURE() << "bad value: " << line;
      continue;
    }
    out.push_back(std::move(s));
  }
  return out;
}

// The allowed shape of each label's values (bounded sets; numbers only where they are codes).
const std::map<std::string, std::regex>& label_shapes() {
  static const std::map<std::string, std::regex> shapes{
      {"service", std::regex("PaymentService|RefundService|RecurringService|DisputeService|"
                             "EventService")},
      {"method", std::regex("[a-z_]{3,32}")},
      {"flow", std::regex("[a-z_]{3,32}")},
      {"connector", std::regex("adyen|stripe|razorpay|paypal|checkout_com|braintree|unknown")},
      {"code", std::regex("OK|[A-Z_]{3,32}")},
      {"attempt", std::regex("[1-9]")},
      {"outcome", std::regex("[1-5][0-9][0-9]|[A-Z_]{3,40}")},
      {"result", std::regex("verified|rejected|relayed|relay_failed")},
      {"reason", std::regex("[a-z_0-9]{3,32}")},
      {"scope", std::regex("connector|account")},
      {"endpoint", std::regex("[a-z_]{3,32}")},
      {"client",
       std::regex(
           "adyen|stripe|razorpay|paypal|checkout_com|braintree|webhook_sink|webhook_documents")},
      {"event", std::regex("opened|opened_h2|reused|stale_dropped|waited")},
      {"resumed", std::regex("true|false")},
      {"le", std::regex("\\+Inf|[0-9.e+-]{1,12}")},
      {"version", std::regex("[0-9]+\\.[0-9]+\\.[0-9]+[A-Za-z0-9.+-]*")}};
  return shapes;
}

double find(const std::vector<sample>& all, const std::string& name,
            const std::map<std::string, std::string>& want) {
  double sum = -1;
  for (const auto& s : all) {
    if (s.name != name) continue;
    bool match = true;
    for (const auto& [k, v] : want) {
      auto it = s.labels.find(k);
      if (it == s.labels.end() || it->second != v) match = false;
    }
    if (match) sum = (sum < 0 ? 0 : sum) + s.value;
  }
  return sum;  // -1: no such series
}

// Prometheus's own linter (`promtool check metrics`, Debian package prometheus, installed by
// scripts/install-deps.sh) must accept the exposition: names, types, HELP, histogram shape.
void expect_promtool_accepts(const std::string& exposition) {
  ASSERT_EQ(std::system("command -v promtool >/dev/null"), 0)
      << "promtool is missing: run scripts/install-deps.sh (Debian package prometheus)";
  char path[] = "/tmp/cs-metrics-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, exposition.data(), exposition.size()),
            static_cast<ssize_t>(exposition.size()));
  close(fd);
  std::string cmd = std::string("promtool check metrics < ") + path + " 2>&1";
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  char buf[512];
  while (auto n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int rc = pclose(p);
  unlink(path);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "") << "promtool findings:\n" << out;
}

TEST(Metrics, ExposedAfterCallsWithBoundedLabels) {
  v1::Payment res;
  auto s = env().svc.payments->Authorize(
      ctx().get(), authorize_request("e2e-metrics-adyen", "APPROVED", 4711, false), &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  s = env().svc.payments->Authorize(
      stripe_ctx().get(), stripe_authorize("e2e-metrics-stripe", stripe_card::visa, 2345, true),
      &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  s = env().svc.payments->Authorize(razorpay_ctx().get(),
                                    rzp::card_authorize("e2e-metrics-rzp", 56789, true), &res);
  ASSERT_TRUE(s.ok()) << describe(s);
  const auto pay = res.connector_payment_id();
  const auto order = res.connector_operation_id();
  // A verified webhook (signed here) and one that is not.
  const std::string body = R"({"entity":"event","event":"order.created","payload":{}})";
  v1::HandleWebhookRequest hook;
  hook.set_connector("razorpay");
  (*hook.mutable_headers())["x-razorpay-signature"] = hmac_hex(razorpay_whsec, body);
  hook.set_body(body);
  v1::HandleWebhookResponse hres;
  auto with_secret = [] {
    auto c = ctx("");
    c->AddMetadata("x-webhook-secret", razorpay_whsec);
    return c;
  };
  s = env().svc.events->HandleWebhook(with_secret().get(), hook, &hres);
  ASSERT_TRUE(s.ok()) << describe(s);
  (*hook.mutable_headers())["x-razorpay-signature"] = std::string(64, '0');
  s = env().svc.events->HandleWebhook(with_secret().get(), hook, &hres);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  // A connector the service does not know, named with ids and an amount. (Not a card number:
  // the service logs the name the client sent, which the log scan would rightly flag.)
  const std::string made_up = "acme-pay_X-order_Y-4711";
  auto bogus = authorize_request("e2e-metrics-unknown", "APPROVED", 4711, false);
  bogus.set_connector(made_up);
  s = env().svc.payments->Authorize(ctx("").get(), bogus, &res);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << describe(s);

  auto reply = http_request(env().svc.http_port, "GET", "/metrics");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(starts_with(reply.content_type, "text/plain; version=0.0.4")) << reply.content_type;
  auto all = parse(reply.body);
  ASSERT_FALSE(all.empty());

  EXPECT_GE(find(all, "connector_service_rpcs_total",
                 {{"service", "PaymentService"},
                  {"method", "authorize"},
                  {"connector", "adyen"},
                  {"code", "OK"}}),
            1);
  EXPECT_GE(find(all, "connector_service_processor_requests_total", {{"connector", "stripe"}}), 1);
  EXPECT_GE(find(all, "connector_service_processor_requests_total",
                 {{"connector", "razorpay"}, {"flow", "authorize"}, {"outcome", "200"}}),
            2)
      << "order and payment";
  EXPECT_GE(find(all, "connector_service_webhooks_total",
                 {{"connector", "razorpay"}, {"result", "verified"}}),
            1);
  EXPECT_GE(find(all, "connector_service_webhooks_total",
                 {{"connector", "razorpay"}, {"result", "rejected"}}),
            1);
  EXPECT_GE(find(all, "connector_service_rpcs_total",
                 {{"connector", "unknown"}, {"code", "INVALID_ARGUMENT"}}),
            1);
  EXPECT_EQ(find(all, "connector_service_build_info", {}), 1);
  // HTTP/2 is on by default and the simulator takes it: Adyen's calls went as streams.
  EXPECT_GE(find(all, "connector_service_outbound_connections_total",
                 {{"client", "adyen"}, {"event", "opened_h2"}}),
            1);
  bool has_version = false;
  for (const auto& x : all)
    if (x.name == "connector_service_build_info" && x.labels.count("version") &&
        !x.labels.at("version").empty())
      has_version = true;
  EXPECT_TRUE(has_version);

  // Label values: bounded shapes only; nothing from the calls' data.
  const std::vector<std::string> forbidden{
      visa,     stripe_card::visa, made_up, "acme", "pi_", "pay_",
      "order_", "rfnd_",           "cust_", pay,    order, "4711",
      "2345",   "56789",           "e2e-"};
  for (const auto& x : all)
    for (const auto& [k, v] : x.labels) {
      auto shape = label_shapes().find(k);
      EXPECT_NE(shape, label_shapes().end()) << "unexpected label " << k << " on " << x.name;
      if (shape != label_shapes().end())
        EXPECT_TRUE(std::regex_match(v, shape->second)) << x.name << " " << k << "=\"" << v << "\"";
      for (const auto& f : forbidden)
        EXPECT_EQ(v.find(f), std::string::npos) << x.name << " " << k << "=\"" << v << "\"";
    }
  EXPECT_EQ(reply.body.find(made_up), std::string::npos);
  EXPECT_EQ(reply.body.find(visa), std::string::npos);
  expect_promtool_accepts(reply.body);
}

}  // namespace
}  // namespace e2e
