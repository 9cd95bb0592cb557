#pragma once
// Helpers for the Checkout.com tests: JSON calls with the Bearer secret key, card payments,
// error codes, event lookup and an independent check of Cko-Signature (OpenSSL's EVP_Q_mac, not
// the HMAC() call the simulator signs with).

#include "sim_fixture.hpp"

#include <openssl/evp.h>

#include <optional>
#include <vector>

namespace processor_sim::testing {

inline const checkout_com::config cko_defaults{};

class checkout_com_test : public sim_test {
 protected:
  http_reply call(const std::string& method, const std::string& path,
                  const boost::json::object* body = nullptr,
                  std::map<std::string, std::string> headers = {}) {
    headers.emplace("Authorization", "Bearer " + cko_defaults.secret_key);
    if (body) headers.emplace("Content-Type", "application/json");
    return client_->request(method, "/checkout_com" + path,
                            body ? boost::json::serialize(*body) : "", headers);
  }
  http_reply post(const std::string& path, const boost::json::object& body,
                  std::map<std::string, std::string> headers = {}) {
    return call("POST", path, &body, std::move(headers));
  }
  http_reply fetch(const std::string& path) { return call("GET", path); }

  static boost::json::object card(const std::string& number = "4242424242424242") {
    return {{"type", "card"},      {"number", number}, {"expiry_month", 6},
            {"expiry_year", 2030}, {"cvv", "100"},     {"name", "Asha Rao"}};
  }

  static boost::json::object payment_body(const std::string& number = "4242424242424242",
                                          std::int64_t amount = 1050, bool capture = true) {
    return {{"source", card(number)},    {"amount", amount},   {"currency", "USD"},
            {"payment_type", "Regular"}, {"capture", capture}, {"reference", "order-1001"}};
  }

  // A payment that must answer 201; returns its body.
  boost::json::object pay(const boost::json::object& body,
                          std::map<std::string, std::string> headers = {}) {
    auto r = post("/payments", body, std::move(headers));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.json().as_object() : boost::json::object{};
  }
  std::string authorize(std::int64_t amount = 1050) {
    return s(pay(payment_body("4242424242424242", amount, false)).at("id"));
  }
  std::string sale(std::int64_t amount = 1050) {
    return s(pay(payment_body("4242424242424242", amount, true)).at("id"));
  }
  boost::json::object payment(const std::string& id) {
    auto r = fetch("/payments/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
  boost::json::object balances(const std::string& id) {
    return payment(id).at("balances").as_object();
  }

  static std::vector<std::string> codes_of(const http_reply& r) {
    std::vector<std::string> out;
    const auto body = r.json();  // outlives the loop (a temporary's member would not)
    for (const auto& c : body.at("error_codes").as_array()) out.push_back(s(c));
    return out;
  }
  // "https://127.0.0.1:PORT/checkout_com/x" -> "/checkout_com/x"
  std::string local_path(const std::string& url) { return url.substr(app_->base_url().size()); }
  boost::json::object cko_stats() {
    return get("/_sim/stats").json().at("checkout_com").as_object();
  }

  // Waits for an event of this type whose data.id is `subject`; nullopt when none arrives.
  std::optional<received_webhook> wait_event(
      const std::string& type, const std::string& subject,
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
      events_ = hooks_->wait_for(events_.size() + 1, std::chrono::milliseconds(50));
      for (const auto& w : events_) {
        if (w.target == "/webhooks/checkout_com" && w.body.at("type") == type.c_str() &&
            w.body.at("data").at("id") == subject.c_str()) {
          return w;
        }
      }
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
  }
  // Every Checkout.com event received so far, in arrival order.
  std::vector<std::string> event_types(const std::string& subject) {
    events_ = hooks_->wait_for(events_.size(), std::chrono::milliseconds(1));
    std::vector<std::string> out;
    for (const auto& w : events_) {
      if (w.target == "/webhooks/checkout_com" && w.body.at("data").at("id") == subject.c_str()) {
        out.push_back(s(w.body.at("type")));
      }
    }
    return out;
  }

  // Lower-case hex HMAC-SHA256(key, raw body), computed with EVP_Q_mac.
  static std::string cko_signature(const std::string& key, const std::string& raw_body) {
    unsigned char mac[EVP_MAX_MD_SIZE];
    std::size_t len = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                   reinterpret_cast<const unsigned char*>(raw_body.data()), raw_body.size(), mac,
                   sizeof mac, &len)) {
      return "<EVP_Q_mac failed>";
    }
    std::string out;
    char byte[3];
    for (std::size_t i = 0; i < len; ++i) {
      std::snprintf(byte, sizeof byte, "%02x", mac[i]);
      out += byte;
    }
    return out;
  }

  std::vector<received_webhook> events_;
};

}  // namespace processor_sim::testing
