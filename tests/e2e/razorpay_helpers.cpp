// Razorpay helpers for the e2e tests (see razorpay.hpp).

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "razorpay.hpp"

namespace e2e {

std::string stack::razorpay_base() const {
  return "https://127.0.0.1:" + std::to_string(sim_port) + "/razorpay";
}

std::vector<std::string> razorpay_sim_args(const std::string& webhook_url) {
  return {"--razorpay-key-id",          razorpay_key_id,
          "--razorpay-key-secret",      razorpay_key_secret,
          "--razorpay-webhook-secret",  razorpay_whsec,
          "--razorpay-webhook-url",     webhook_url,
          "--razorpay-upi-delay-ms",    std::to_string(razorpay_upi_delay_ms),
          "--razorpay-refund-delay-ms", std::to_string(razorpay_refund_delay_ms)};
}

std::string razorpay_config(const std::string& base_url) {
  return "[connectors.razorpay]\npool_size = 2\nconnect_timeout_ms = 1000\n"
         "request_timeout_ms = 1500\n[connectors.razorpay.base_urls]\ndefault = \"" +
         base_url + "\"\n[merchant_accounts." + razorpay_account +
         "]\nconnector = \"razorpay\"\nkey_id = \"" + razorpay_key_id + "\"\nkey_secret = \"" +
         razorpay_key_secret + "\"\nwebhook_secret = \"" + razorpay_whsec + "\"\n";
}

namespace rzp {
namespace {

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

json sim_state(const std::string& target) {
  auto r = env().sim_get(target);
  EXPECT_EQ(r.status, 200) << target << ": " << r.body;
  return r.status == 200 ? r.json() : json{};
}

}  // namespace

v1::Customer customer(const std::string& id) {
  v1::Customer c;
  c.set_id(id);
  c.set_email("asha.rao@example.in");
  c.set_phone("+919876543210");
  c.set_name("Asha Rao");
  c.set_ip_address("203.0.113.7");
  return c;
}

v1::AuthorizeRequest card_authorize(const std::string& reference, std::int64_t minor, bool manual,
                                    const std::string& number) {
  v1::AuthorizeRequest r;
  r.set_connector("razorpay");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(minor, "INR");
  auto* card = r.mutable_payment_method()->mutable_card();
  card->set_number(number);
  card->set_expiry_month(12);
  card->set_expiry_year(2031);
  card->set_cvc(cvv_razorpay);
  card->set_holder_name("Asha Rao");
  r.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  r.set_return_url(return_url);
  *r.mutable_customer() = customer();
  return r;
}

v1::AuthorizeRequest upi_authorize(const std::string& reference, const std::string& vpa,
                                   std::int64_t minor) {
  v1::AuthorizeRequest r;
  r.set_connector("razorpay");
  r.set_merchant_reference(reference);
  *r.mutable_amount() = money(minor, "INR");
  r.mutable_payment_method()->mutable_upi_collect()->set_vpa(vpa);
  r.set_capture_method(v1::CAPTURE_METHOD_MANUAL);
  r.set_return_url(return_url);
  *r.mutable_customer() = customer();
  return r;
}

json sim_payment(const std::string& pay) {
  return sim_state("/_sim/razorpay/payments/" + pay);
}
json sim_order(const std::string& order) {
  return sim_state("/_sim/razorpay/orders/" + order);
}

std::map<std::string, std::string> bank_page(const v1::RedirectData& redirect,
                                             const std::string& result) {
  const std::string prefix =
      "https://127.0.0.1:" + std::to_string(env().sim_port) + "/razorpay/bank/pay_";
  EXPECT_TRUE(starts_with(redirect.url(), prefix)) << redirect.url();
  EXPECT_EQ(redirect.method(), v1::HTTP_METHOD_GET);
  if (!starts_with(redirect.url(), prefix)) return {};
  auto target = redirect.url().substr(prefix.size() - std::string("/razorpay/bank/pay_").size());
  auto page = env().sim_get(target + "&result=" + result);
  EXPECT_EQ(page.status, 302) << page.body;
  auto location = page.header("location");
  EXPECT_TRUE(starts_with(location, return_url + "?")) << location;
  std::map<std::string, std::string> params;
  auto q = location.find('?');
  if (q == std::string::npos) return params;
  std::string query = location.substr(q + 1);
  size_t start = 0;
  while (start <= query.size()) {
    auto end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    auto pair = query.substr(start, end - start);
    auto eq = pair.find('=');
    if (eq != std::string::npos)
      params[url_decode(pair.substr(0, eq))] = url_decode(pair.substr(eq + 1));
    start = end + 1;
  }
  return params;
}

json api_get(const std::string& target) {
  const std::string user = razorpay_key_id + ":" + razorpay_key_secret;
  std::string b64(4 * ((user.size() + 2) / 3) + 1, '\0');
  auto n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(b64.data()),
                           reinterpret_cast<const unsigned char*>(user.data()),
                           static_cast<int>(user.size()));
  b64.resize(static_cast<size_t>(n));
  auto r = env().sim_client->request("GET", target, {}, {{"Authorization", "Basic " + b64}});
  EXPECT_EQ(r.status, 200) << target << ": " << r.body;
  return r.status == 200 ? r.json() : json{};
}

grpc::Status complete(const std::string& pay, const std::map<std::string, std::string>& payload,
                      v1::Payment* out, bool manual) {
  v1::CompleteAuthorizeRequest req;
  req.set_connector("razorpay");
  req.set_connector_payment_id(pay);
  req.set_capture_method(manual ? v1::CAPTURE_METHOD_MANUAL : v1::CAPTURE_METHOD_AUTOMATIC);
  for (const auto& [k, v] : payload) (*req.mutable_redirect_payload())[k] = v;
  return env().svc.payments->CompleteAuthorize(razorpay_ctx().get(), req, out);
}

v1::Payment paid(const std::string& reference, std::int64_t minor, bool manual) {
  v1::Payment res, out;
  auto s = env().svc.payments->Authorize(razorpay_ctx().get(),
                                         card_authorize(reference, minor, manual), &res);
  EXPECT_TRUE(s.ok()) << describe(s);
  EXPECT_EQ(res.status(), v1::PAYMENT_STATUS_AUTHENTICATION_PENDING) << res.DebugString();
  if (!s.ok() || !res.next_action().has_redirect()) return {};
  auto params = bank_page(res.next_action().redirect());
  s = complete(res.connector_payment_id(), params, &out, manual);
  EXPECT_TRUE(s.ok()) << describe(s);
  auto want = manual ? v1::PAYMENT_STATUS_AUTHORIZED : v1::PAYMENT_STATUS_CHARGED;
  EXPECT_EQ(out.status(), want) << out.DebugString();
  if (!s.ok() || out.status() != want) return {};
  return out;
}

json webhook(const std::string& event, const std::string& id, std::chrono::milliseconds timeout) {
  json found;
  eventually(
      [&] {
        auto r = env().sim_get("/_sim/webhooks");
        if (r.status != 200) return false;
        auto all = r.json();
        for (const auto& d : all.as_array()) {
          const auto& o = d.as_object();
          if (o.at("processor") != "razorpay" || o.at("eventCode") != event.c_str() ||
              o.at("pspReference") != id.c_str() || o.at("state") == "pending")
            continue;
          found = d;
          return true;
        }
        return false;
      },
      timeout);
  return found;
}

}  // namespace rzp
}  // namespace e2e
