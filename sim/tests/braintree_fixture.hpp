#pragma once
// Helpers for the Braintree tests: GraphQL calls with Basic public:private auth and
// Braintree-Version, the connector's own query documents (braintree_queries.hpp, a checked copy
// of connectors/braintree/queries.hpp, so the tests send exactly what the connector sends), card
// tokenizing and charging, control routes, and an independent bt_signature check (OpenSSL EVP_Q_mac
// / EVP_Digest, not the SHA1()/HMAC() calls the simulator signs with).

#include "braintree_queries.hpp"
#include "sim_fixture.hpp"

#include <openssl/evp.h>

#include <optional>
#include <vector>

namespace processor_sim::testing {

namespace bt_queries = braintree_queries;
inline const braintree::config bt_defaults{};

class braintree_test : public sim_test {
 protected:
  static std::string basic(const std::string& pub, const std::string& priv) {
    const std::string raw = pub + ":" + priv;
    std::string out(4 * ((raw.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(raw.data()),
                                  static_cast<int>(raw.size()));
    out.resize(static_cast<std::size_t>(n));
    return "Basic " + out;
  }

  http_reply gql(std::string_view query, const boost::json::object& variables = {},
                 std::map<std::string, std::string> headers = {}) {
    headers.emplace("Authorization", basic(public_key_, private_key_));
    headers.emplace("Braintree-Version", "2019-01-01");
    headers.emplace("Content-Type", "application/json");
    const boost::json::object body{{"query", query}, {"variables", variables}};
    return client_->request("POST", "/braintree/graphql", boost::json::serialize(body), headers);
  }

  // `data` of a reply that must have no errors.
  boost::json::object data(const http_reply& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    const auto v = r.json();
    EXPECT_FALSE(v.as_object().contains("errors")) << r.body;
    const auto* d = v.as_object().if_contains("data");
    return d && d->is_object() ? d->as_object() : boost::json::object{};
  }
  // The first `errors` entry of a 200 reply.
  boost::json::object first_error(const http_reply& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    const auto v = r.json();
    const auto* e = v.as_object().if_contains("errors");
    EXPECT_TRUE(e && e->is_array() && !e->as_array().empty()) << r.body;
    return e && e->is_array() && !e->as_array().empty() ? e->as_array()[0].as_object()
                                                        : boost::json::object{};
  }

  std::string tokenize(const std::string& number = "4111111111111111") {
    auto d = data(gql(bt_queries::tokenize_credit_card, {{"input",
                                                          {{"creditCard",
                                                            {{"number", number},
                                                             {"expirationMonth", "06"},
                                                             {"expirationYear", "2030"},
                                                             {"cvv", "123"},
                                                             {"cardholderName", "Asha Rao"}}}}}}));
    return d.empty() ? "" : s(d.at("tokenizeCreditCard").at("paymentMethod").at("id"));
  }

  static boost::json::object txn_input(const std::string& pm, const std::string& amount,
                                       const std::string& order = "") {
    boost::json::object tx{{"amount", amount}};
    if (!order.empty()) tx["orderId"] = order;
    return {{"input", {{"paymentMethodId", pm}, {"transaction", tx}}}};
  }
  // authorizePaymentMethod / chargePaymentMethod with a fresh card; the transaction object.
  boost::json::object pay(const std::string& amount, bool charge, const std::string& order = "",
                          const std::string& number = "4111111111111111") {
    const auto query =
        charge ? bt_queries::charge_payment_method : bt_queries::authorize_payment_method;
    auto d = data(gql(query, txn_input(tokenize(number), amount, order)));
    const char* root = charge ? "chargePaymentMethod" : "authorizePaymentMethod";
    return d.empty() ? boost::json::object{} : d.at(root).at("transaction").as_object();
  }

  boost::json::object transaction(const std::string& global_id) {
    auto d = data(gql(bt_queries::transaction, {{"id", global_id}}));
    return d.empty() ? boost::json::object{} : d.at("node").as_object();
  }

  http_reply control(const std::string& path, const boost::json::object& body = {}) {
    return client_->request("POST", "/_sim/braintree" + path, boost::json::serialize(body),
                            {{"Content-Type", "application/json"}});
  }
  // Charges and settles; the settled transaction.
  boost::json::object settled(const std::string& amount, const std::string& order = "") {
    auto t = pay(amount, true, order);
    auto r = control("/transactions/" + s(t.at("legacyId")) + "/settle");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }

  boost::json::object bt_stats() { return get("/_sim/stats").json().at("braintree").as_object(); }

  // The received Braintree webhooks: (bt_signature, bt_payload) form fields, decoded.
  struct bt_webhook {
    std::string signature, payload, xml;
  };
  static std::string form_decode(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '%' && i + 2 < s.size()) {
        out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += s[i] == '+' ? ' ' : s[i];
      }
    }
    return out;
  }
  static bt_webhook parse_form(const std::string& body) {
    bt_webhook w;
    std::size_t start = 0;
    while (start <= body.size()) {
      auto end = body.find('&', start);
      if (end == std::string::npos) end = body.size();
      const std::string pair = body.substr(start, end - start);
      const auto eq = pair.find('=');
      if (eq != std::string::npos) {
        const std::string key = pair.substr(0, eq), value = form_decode(pair.substr(eq + 1));
        if (key == "bt_signature") w.signature = value;
        if (key == "bt_payload") w.payload = value;
      }
      start = end + 1;
    }
    std::string b64;
    for (char c : w.payload) {
      if (c != '\n') b64 += c;
    }
    std::string raw(b64.size(), '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(raw.data()),
                                  reinterpret_cast<const unsigned char*>(b64.data()),
                                  static_cast<int>(b64.size()));
    raw.resize(n < 0 ? 0 : static_cast<std::size_t>(n));
    while (!raw.empty() && raw.back() == '\0') raw.pop_back();
    w.xml = raw;
    return w;
  }
  // Waits for a Braintree webhook whose XML holds all of `needles`.
  std::optional<bt_webhook> wait_webhook(
      const std::vector<std::string>& needles,
      std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    do {
      seen_ = hooks_->wait_for(seen_.size() + 1, std::chrono::milliseconds(50));
      for (const auto& h : seen_) {
        if (h.target != "/webhooks/braintree") continue;
        auto w = parse_form(h.raw_body);
        bool all = true;
        for (const auto& n : needles) all = all && w.xml.find(n) != std::string::npos;
        if (all) return w;
      }
    } while (std::chrono::steady_clock::now() < deadline);
    return std::nullopt;
  }

  // public_key|hex(HMAC-SHA1(SHA1(private_key), payload)), via EVP_Digest and EVP_Q_mac.
  static std::string expected_signature(const std::string& pub, const std::string& priv,
                                        const std::string& payload) {
    unsigned char key[EVP_MAX_MD_SIZE];
    unsigned int key_len = 0;
    EVP_Digest(priv.data(), priv.size(), key, &key_len, EVP_sha1(), nullptr);
    unsigned char mac[EVP_MAX_MD_SIZE];
    std::size_t len = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, key, key_len,
                   reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), mac,
                   sizeof mac, &len)) {
      return "<EVP_Q_mac failed>";
    }
    std::string out = pub + "|";
    char byte[3];
    for (std::size_t i = 0; i < len; ++i) {
      std::snprintf(byte, sizeof byte, "%02x", mac[i]);
      out += byte;
    }
    return out;
  }

  std::vector<received_webhook> seen_;
  std::string public_key_ = bt_defaults.public_key, private_key_ = bt_defaults.private_key;
};

}  // namespace processor_sim::testing
