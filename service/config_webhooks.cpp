#include "service/config_webhooks.hpp"

#include "api/relay_body.hpp"
#include "net/url.hpp"
#include "service/config_values.hpp"

namespace cs::service {

domain::result<actors::relay_config> webhooks_section(const toml::table& t,
                                                      const tls_options& tls) {
  webhooks_options w;
  if (auto s = read_table(webhooks_table, t, webhooks_table.spec.path, w); !s)
    return std::move(s).err();
  actors::relay_config out;
  out.log_only = w.mode == "log_only";
  if (out.log_only && !w.sink_url.empty())
    return domain::invalid_argument("webhooks.mode",
                                    "is log_only but sink_url is set: choose one (relay sends "
                                    "every verified event to sink_url)");
  if (!w.sink_url.empty()) {
    auto ep = net::parse_endpoint(w.sink_url, "webhooks.sink_url");
    if (!ep) return std::move(ep).err();
    if (!ep->tls && !tls.allow_plain_http)
      return domain::invalid_argument("webhooks.sink_url",
                                      "must be https:// (events carry payment ids and "
                                      "amounts); http:// only with "
                                      "tls.allow_plain_http_for_tests = true");
    if (w.sink_signing_key.size() < 16)
      return domain::invalid_argument("webhooks.sink_signing_key",
                                      "must be set (at least 16 characters) when sink_url is set");
    out.sink = std::move(ep.value());
  }
  out.signing_key = domain::secret<std::string>(std::move(w.sink_signing_key));
  out.encode = &api::relay_body;
  out.timeout = w.sink_timeout;
  out.client.ca_file = tls.ca_file;
  out.client.name = "webhook_sink";
  return out;
}

}  // namespace cs::service
