#include "service/config_redis.hpp"

#include <fmt/format.h>

#include <charconv>

#include "service/config_schema_tables.hpp"

namespace cs::service {

domain::status redis_section(const toml::table& root, actors::runtime_config& out) {
  auto t = child_table(root, "", redis_table.spec);
  if (!t) return std::move(t).err();
  if (!t.value()) return domain::ok_status();
  redis_settings r;
  if (auto s = read_table(redis_table, *t.value(), "redis", r); !s) return s;
  auto colon = r.address.rfind(':');
  auto host = colon == std::string::npos ? std::string() : r.address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto digits = colon == std::string::npos ? std::string_view()
                                           : std::string_view(r.address).substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (host.empty() || digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
      port == 0 || port > 65535)
    return domain::invalid_argument(
        "redis.address",
        fmt::format("must be host:port (e.g. 127.0.0.1:6379), not '{}'", r.address));
  if (r.key_prefix.find_first_of(" \t\r\n{}") != std::string::npos)
    return domain::invalid_argument("redis.key_prefix",
                                    "must not hold spaces, line breaks or braces (braces are the "
                                    "keys' Redis Cluster hash tags)");
  net::redis_options o;
  o.host = std::move(host);
  o.port = static_cast<std::uint16_t>(port);
  o.password = std::move(r.password);
  o.connect_timeout = r.connect_timeout;
  o.command_timeout = r.command_timeout;
  o.reconnect_max = r.reconnect_max;
  out.redis = std::move(o);
  out.redis_key_prefix = std::move(r.key_prefix);
  return domain::ok_status();
}

}  // namespace cs::service
