#pragma once
// Helpers for the PayPal tests: an OAuth2 token, JSON calls with it, card orders, event lookup
// and an independent check of PayPal's webhook signature (own CRC-32, OpenSSL RSA verify).

#include "paypal/paypal_signing.hpp"
#include "sim_fixture.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <optional>
#include <vector>

namespace processor_sim::testing {

inline const paypal::config paypal_defaults{};

class paypal_test : public sim_test {
 protected:
  static std::string basic(const std::string& user, const std::string& pass) {
    const std::string in = user + ":" + pass;
    std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
    out.resize(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                               reinterpret_cast<const unsigned char*>(in.data()),
                               static_cast<int>(in.size())));
    return "Basic " + out;
  }

  http_reply token_request(const std::string& user = paypal_defaults.client_id,
                           const std::string& pass = paypal_defaults.client_secret) {
    return client_->request("POST", "/paypal/v1/oauth2/token", "grant_type=client_credentials",
                            {{"Authorization", basic(user, pass)},
                             {"Content-Type", "application/x-www-form-urlencoded"},
                             {"Accept", "application/json"}});
  }

  const std::string& token() {
    if (token_.empty()) {
      auto r = token_request();
      EXPECT_EQ(r.status, 200) << r.body;
      token_ = s(r.json().at("access_token"));
    }
    return token_;
  }

  http_reply call(const std::string& method, const std::string& path,
                  const boost::json::object* body = nullptr,
                  std::map<std::string, std::string> headers = {}) {
    headers.emplace("Authorization", "Bearer " + token());
    headers.emplace("Content-Type", "application/json");
    return client_->request(method, "/paypal" + path, body ? boost::json::serialize(*body) : "",
                            headers);
  }
  http_reply post(const std::string& path, const boost::json::object& body,
                  std::map<std::string, std::string> headers = {}) {
    return call("POST", path, &body, std::move(headers));
  }
  http_reply fetch(const std::string& path) { return call("GET", path); }

  static boost::json::object card_order(const std::string& intent,
                                        const std::string& value = "10.00",
                                        const std::string& name = "Jane Doe",
                                        const std::string& number = "4012888888881881",
                                        const std::string& currency = "USD") {
    return {{"intent", intent},
            {"purchase_units",
             boost::json::array{{{"reference_id", "order-1"},
                                 {"amount", {{"currency_code", currency}, {"value", value}}}}}},
            {"payment_source",
             {{"card",
               {{"number", number},
                {"expiry", "2030-12"},
                {"security_code", "123"},
                {"name", name}}}}}};
  }

  // Creates an order with the full representation and returns it.
  boost::json::object order(const boost::json::object& body,
                            std::map<std::string, std::string> headers = {}) {
    headers.emplace("Prefer", "return=representation");
    auto r = post("/v2/checkout/orders", body, headers);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().as_object();
  }

  static const boost::json::object& payments(const boost::json::object& order) {
    return order.at("purchase_units").at(0).at("payments").as_object();
  }
  static std::string link_href(const boost::json::object& o, const std::string& rel) {
    for (const auto& l : o.at("links").as_array()) {
      if (l.at("rel") == rel.c_str()) return s(l.at("href"));
    }
    return {};
  }
  // "https://127.0.0.1:PORT/paypal/x" -> "/paypal/x"
  std::string local_path(const std::string& url) { return url.substr(app_->base_url().size()); }

  static std::string issue_of(const http_reply& r) {
    return s(r.json().at("details").at(0).at("issue"));
  }
  boost::json::object paypal_stats() { return get("/_sim/stats").json().at("paypal").as_object(); }

  std::optional<received_webhook> wait_event(
      const std::string& type, const std::string& resource_id,
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
      events_ = hooks_->wait_for(events_.size() + 1, std::chrono::milliseconds(50));
      for (const auto& w : events_) {
        const auto& res = w.body.at("resource").as_object();
        const auto* id = res.contains("id") ? res.if_contains("id") : res.if_contains("dispute_id");
        if (w.target == "/webhooks/paypal" && w.body.at("event_type") == type.c_str() && id &&
            *id == resource_id.c_str()) {
          return w;
        }
      }
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
  }

  // CRC-32 (reflected, polynomial 0xEDB88320), bit by bit: independent of the simulator's.
  static std::string crc32(const std::string& bytes) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (unsigned char c : bytes) {
      crc ^= c;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return std::to_string(crc ^ 0xFFFFFFFFu);
  }

  // Fetches the certificate at PAYPAL-CERT-URL and checks PAYPAL-TRANSMISSION-SIG over
  // "<id>|<time>|<webhook id>|<crc32 of the raw body>" as PayPal's Java SDK does.
  bool signature_valid(const received_webhook& w, const std::string& webhook_id) {
    auto cert = get(local_path(w.header("paypal-cert-url")));
    if (cert.status != 200 || w.header("paypal-auth-algo") != "SHA256withRSA") return false;
    const std::string message = w.header("paypal-transmission-id") + "|" +
                                w.header("paypal-transmission-time") + "|" + webhook_id + "|" +
                                crc32(w.raw_body);
    const std::string sig_b64 = w.header("paypal-transmission-sig");
    std::vector<unsigned char> sig(sig_b64.size());
    int n = EVP_DecodeBlock(sig.data(), reinterpret_cast<const unsigned char*>(sig_b64.data()),
                            static_cast<int>(sig_b64.size()));
    for (auto it = sig_b64.rbegin(); it != sig_b64.rend() && *it == '='; ++it) --n;
    BIO* bio = BIO_new_mem_buf(cert.body.data(), static_cast<int>(cert.body.size()));
    X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!x || n <= 0) return false;
    EVP_PKEY* key = X509_get_pubkey(x);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, key) > 0 &&
                    EVP_DigestVerify(ctx, sig.data(), static_cast<std::size_t>(n),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size()) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(key);
    X509_free(x);
    return ok;
  }

  std::string token_;
  std::vector<received_webhook> events_;
};

}  // namespace processor_sim::testing
