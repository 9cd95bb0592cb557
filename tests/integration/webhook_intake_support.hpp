#pragma once
// What the webhook intake tests share: a runtime with one Adyen account relaying to a sink, and a
// signed Adyen notification body with one item to post to it.

#include <fmt/format.h>

#include <boost/json.hpp>

#include <cstdint>
#include <string>

#include "actors/runtime.hpp"
#include "api/relay_body.hpp"
#include "connectors/adyen/hmac_signature.hpp"
#include "connectors/registry.hpp"
#include "net/url.hpp"

namespace integration_test {

inline std::string adyen_notification(const char* event_code, const char* original_reference,
                                      std::int64_t value, const char* hmac_key) {
  cs::connectors::adyen::notification_fields f{"PSP0000000000001",
                                               original_reference,
                                               "TestMerchant",
                                               "order-7",
                                               std::to_string(value),
                                               "EUR",
                                               event_code,
                                               "true"};
  boost::json::object item{
      {"pspReference", f.psp_reference},
      {"originalReference", f.original_reference},
      {"merchantAccountCode", f.merchant_account_code},
      {"merchantReference", f.merchant_reference},
      {"amount", {{"value", value}, {"currency", "EUR"}}},
      {"eventCode", f.event_code},
      {"success", f.success},
      {"eventDate", "2026-11-26T10:00:00+01:00"},
      {"additionalData", {{"hmacSignature", cs::connectors::adyen::hmac_signature(hmac_key, f)}}}};
  return boost::json::serialize(boost::json::object{
      {"live", "false"},
      {"notificationItems",
       boost::json::array{boost::json::object{{"NotificationRequestItem", std::move(item)}}}}});
}

// The Adyen connector (one worker) and account "demo" with `hmac_key` as its webhook secret,
// relaying verified events as api::relay_body to http://127.0.0.1:<sink_port>/hooks signed with
// `signing_key`.
inline cs::actors::runtime_config adyen_webhook_runtime(const char* hmac_key,
                                                        unsigned short sink_port,
                                                        const char* signing_key) {
  cs::actors::runtime_config cfg;
  cfg.known = cs::connectors::builtin();
  cs::actors::connector_settings adyen;
  adyen.pool.connector = "adyen";
  adyen.pool.workers = 1;
  cfg.connectors.emplace("adyen", adyen);
  cs::actors::merchant_account acct;
  acct.connector = "adyen";
  acct.webhook_secret = cs::domain::secret<std::string>(hmac_key);
  cfg.accounts.emplace("demo", std::move(acct));
  cfg.webhooks.sink =
      *cs::net::parse_endpoint(fmt::format("http://127.0.0.1:{}/hooks", sink_port), "s");
  cfg.webhooks.signing_key = cs::domain::secret<std::string>(signing_key);
  cfg.webhooks.encode = &cs::api::relay_body;
  return cfg;
}

}  // namespace integration_test
