#include "service/config_webhooks.hpp"

#include "service/config_values.hpp"
#include "transport/http/url.hpp"

namespace cs::service {

domain::result<actors::relay_config> webhooks_section(const toml::table& t,
                                                      const std::string& ca_file,
                                                      bool allow_plain_http) {
  if (auto s =
          only_keys(t, "webhooks", {"mode", "sink_url", "sink_signing_key", "sink_timeout_ms"});
      !s)
    return std::move(s).err();
  CS_GET(mode, get_string(t, "webhooks", "mode", "relay"));
  if (mode != "relay" && mode != "log_only")
    return domain::invalid_argument("webhooks.mode", "must be relay or log_only");
  CS_GET(sink_url, get_string(t, "webhooks", "sink_url", ""));
  CS_GET(sink_key, get_string(t, "webhooks", "sink_signing_key", ""));
  CS_GET(sink_timeout, get_int(t, "webhooks", "sink_timeout_ms", 5000, 1, 600000));
  actors::relay_config out;
  out.log_only = mode == "log_only";
  if (out.log_only && !sink_url.empty())
    return domain::invalid_argument("webhooks.mode",
                                    "is log_only but sink_url is set: choose one (relay sends "
                                    "every verified event to sink_url)");
  if (!sink_url.empty()) {
    auto ep = transport::parse_endpoint(sink_url, "webhooks.sink_url");
    if (!ep) return std::move(ep).err();
    if (!ep->tls && !allow_plain_http)
      return domain::invalid_argument("webhooks.sink_url",
                                      "must be https:// (events carry payment ids and "
                                      "amounts); http:// only with "
                                      "tls.allow_plain_http_for_tests = true");
    if (sink_key.size() < 16)
      return domain::invalid_argument("webhooks.sink_signing_key",
                                      "must be set (at least 16 characters) when sink_url is set");
    out.sink = std::move(ep.value());
  }
  out.signing_key = domain::secret<std::string>(std::move(sink_key));
  out.timeout = std::chrono::milliseconds(sink_timeout);
  out.client.ca_file = ca_file;
  out.client.name = "webhook_sink";
  return out;
}

}  // namespace cs::service
