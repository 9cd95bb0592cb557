#pragma once
// Helpers for the Razorpay tests: JSON requests with Basic key_id:key_secret, orders and
// payments in one call, the bank page, webhook lookup and an independent signature check.

#include "sim_fixture.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <optional>

namespace processor_sim::testing {

inline const std::string rzp_key_id = "rzp_test_sim";
inline const std::string rzp_key_secret = razorpay::config{}.key_secret;
inline const std::string rzp_webhook_secret = razorpay::config{}.webhook_secret;

// Lower-case hex HMAC-SHA256, written here again so the tests do not reuse the simulator's code.
inline std::string hex_hmac(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  std::string out;
  char buf[3];
  for (unsigned int i = 0; i < len; ++i) {
    std::snprintf(buf, sizeof buf, "%02x", mac[i]);
    out += buf;
  }
  return out;
}

inline std::string basic_auth(const std::string& user, const std::string& password) {
  const std::string plain = user + ":" + password;
  std::string out(4 * ((plain.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                  reinterpret_cast<const unsigned char*>(plain.data()),
                  static_cast<int>(plain.size()));
  return "Basic " + out;
}

class razorpay_test : public sim_test {
 protected:
  http_reply rzp(const std::string& method, const std::string& path,
                 const boost::json::object& body = {},
                 std::map<std::string, std::string> headers = {}) {
    headers.emplace("Authorization", basic_auth(rzp_key_id, rzp_key_secret));
    headers.emplace("Content-Type", "application/json");
    const std::string raw = method == "GET" ? "" : boost::json::serialize(body);
    return client_->request(method, "/razorpay" + path, raw, headers);
  }

  std::string order(std::int64_t amount = 50000, boost::json::object extra = {}) {
    boost::json::object body{{"amount", amount}, {"currency", "INR"}, {"receipt", "rcpt-1"}};
    for (auto& [k, v] : extra) body[k] = v;
    auto r = rzp("POST", "/v1/orders", body);
    EXPECT_EQ(r.status, 200) << r.body;
    return s(r.json().at("id"));
  }

  static boost::json::object card_body(const std::string& order_id, std::int64_t amount = 50000,
                                       const std::string& number = "4111111111111111") {
    return {{"amount", amount},
            {"currency", "INR"},
            {"order_id", order_id},
            {"email", "gaurav.kumar@example.com"},
            {"contact", "9000090000"},
            {"method", "card"},
            {"card",
             {{"number", number},
              {"name", "Gaurav Kumar"},
              {"expiry_month", 12},
              {"expiry_year", 2034},
              {"cvv", "123"}}},
            {"ip", "105.106.107.108"},
            {"referer", "https://shop.example/checkout"},
            {"user_agent", "Mozilla/5.0"}};
  }

  // GETs the bank page URL from a create/json reply (relative to the simulator).
  http_reply bank(const http_reply& created, const std::string& result = "success") {
    std::string url = s(created.json().at("next").at(0).at("url"));
    url = url.substr(app_->base_url().size());
    return client_->request("GET", url + "&result=" + result);
  }

  // An authorized (or, for an auto-capture order, captured) card payment.
  std::string paid(std::int64_t amount = 50000, boost::json::object order_extra = {}) {
    auto created =
        rzp("POST", "/v1/payments/create/json", card_body(order(amount, order_extra), amount));
    EXPECT_EQ(created.status, 200) << created.body;
    EXPECT_EQ(bank(created).status, 200);
    return s(created.json().at("razorpay_payment_id"));
  }

  std::string captured(std::int64_t amount = 50000) {
    return paid(amount, {{"payment_capture", 1}});
  }

  boost::json::object payment(const std::string& id) {
    return rzp("GET", "/v1/payments/" + id).json().as_object();
  }

  static std::string entity_id(const received_webhook& w, const std::string& entity) {
    const auto* e = w.body.at("payload").as_object().if_contains(entity);
    return e ? s(e->at("entity").at("id")) : std::string{};
  }

  // Waits for a Razorpay event about this entity (payment, refund, dispute or order id).
  std::optional<received_webhook> wait_event(
      const std::string& event, const std::string& id,
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
      events_ = hooks_->wait_for(events_.size() + 1, std::chrono::milliseconds(50));
      for (const auto& w : events_) {
        if (w.target != "/webhooks/razorpay" || w.body.at("event") != event.c_str()) continue;
        for (const char* e : {"payment", "refund", "dispute", "order"}) {
          if (entity_id(w, e) == id) return w;
        }
      }
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
  }

  static bool signature_valid(const received_webhook& w) {
    return w.header("x-razorpay-signature") == hex_hmac(rzp_webhook_secret, w.raw_body);
  }

  boost::json::object rzp_stats() { return get("/_sim/stats").json().at("razorpay").as_object(); }

  std::vector<received_webhook> events_;
};

inline boost::json::object rzp_error(const http_reply& r) {
  return r.json().at("error").as_object();
}

}  // namespace processor_sim::testing
