#pragma once
// Helpers for the Stripe tests: form-encoded requests with the test key, event lookup and an
// independent check of the Stripe-Signature header.

#include "sim_fixture.hpp"

#include <cctype>
#include <optional>
#include <utility>
#include <vector>

namespace processor_sim::testing {

inline const std::string stripe_key = "sk_test_sim_stripe";
inline const std::string stripe_secret = stripe::config{}.webhook_secret;

using params = std::vector<std::pair<std::string, std::string>>;

class stripe_test : public sim_test {
 protected:
  // Encodes like stripe-node: values percent-encoded, brackets in keys left as they are.
  static std::string encode(const params& p) {
    static constexpr char hex[] = "0123456789ABCDEF";
    auto escape = [](const std::string& text, bool keep_brackets) {
      std::string out;
      for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' ||
            (keep_brackets && (c == '[' || c == ']'))) {
          out.push_back(static_cast<char>(c));
        } else if (c == ' ') {
          out.push_back('+');
        } else {
          out += {'%', hex[c >> 4], hex[c & 15]};
        }
      }
      return out;
    };
    std::string body;
    for (const auto& [k, v] : p) {
      if (!body.empty()) body += '&';
      body += escape(k, true) + "=" + escape(v, false);
    }
    return body;
  }

  http_reply post(const std::string& path, const params& p,
                  std::map<std::string, std::string> headers = {}) {
    headers.emplace("Authorization", "Bearer " + stripe_key);
    headers.emplace("Content-Type", "application/x-www-form-urlencoded");
    headers.emplace("Stripe-Version", "2023-08-16");
    return client_->request("POST", "/stripe" + path, encode(p), headers);
  }

  http_reply fetch(const std::string& path) {
    return client_->request("GET", "/stripe" + path, {},
                            {{"Authorization", "Bearer " + stripe_key}});
  }

  // A confirmed PaymentIntent for a test PaymentMethod id or a card number.
  http_reply pay(const std::string& method, bool manual = false, std::int64_t amount = 1000,
                 params extra = {}, std::map<std::string, std::string> headers = {}) {
    params p{{"amount", std::to_string(amount)}, {"currency", "usd"}, {"confirm", "true"}};
    if (method.rfind("pm_", 0) == 0) {
      p.emplace_back("payment_method", method);
    } else {
      p.emplace_back("payment_method_data[type]", "card");
      p.emplace_back("payment_method_data[card][number]", method);
      p.emplace_back("payment_method_data[card][exp_month]", "12");
      p.emplace_back("payment_method_data[card][exp_year]", "2034");
      p.emplace_back("payment_method_data[card][cvc]", "123");
    }
    if (manual) p.emplace_back("capture_method", "manual");
    p.insert(p.end(), extra.begin(), extra.end());
    return post("/v1/payment_intents", p, std::move(headers));
  }

  std::string pay_id(const std::string& method, bool manual = false, std::int64_t amount = 1000) {
    auto r = pay(method, manual, amount);
    EXPECT_EQ(r.status, 200) << r.body;
    return s(r.json().at("id"));
  }

  static const boost::json::object& object_of(const received_webhook& w) {
    return w.body.at("data").at("object").as_object();
  }

  // Waits for an event of this type about this object; nullopt when none arrives.
  std::optional<received_webhook> wait_event(
      const std::string& type, const std::string& object_id,
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
      events_ = hooks_->wait_for(events_.size() + 1, std::chrono::milliseconds(50));
      for (const auto& w : events_) {
        if (w.target == "/webhooks/stripe" && w.body.at("type") == type.c_str() &&
            object_of(w).at("id") == object_id.c_str()) {
          return w;
        }
      }
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
  }

  // Parses "t=...,v1=..." and recomputes v1 independently of the simulator.
  static bool signature_valid(const received_webhook& w, const std::string& secret) {
    const std::string header = w.header("stripe-signature");
    std::string t, v1;
    std::size_t start = 0;
    while (start < header.size()) {
      auto end = header.find(',', start);
      if (end == std::string::npos) end = header.size();
      const std::string part = header.substr(start, end - start);
      if (part.rfind("t=", 0) == 0) t = part.substr(2);
      if (part.rfind("v1=", 0) == 0) v1 = part.substr(3);
      start = end + 1;
    }
    return !t.empty() && !v1.empty() && v1 == stripe_signature(secret, t, w.raw_body);
  }

  boost::json::object stripe_stats() { return get("/_sim/stats").json().at("stripe").as_object(); }

  std::vector<received_webhook> events_;
};

inline boost::json::object error_of(const http_reply& r) {
  return r.json().at("error").as_object();
}

}  // namespace processor_sim::testing
