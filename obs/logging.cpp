#include "obs/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>

#include "obs/log.hpp"

namespace cs::obs {
namespace {

bool is_key(std::string_view k) {
  if (k.empty() || k.size() > 32) return false;
  for (char c : k)
    if (!((c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9'))) return false;
  return true;
}

class json_formatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    boost::json::object o;
    auto ts = std::chrono::duration_cast<std::chrono::microseconds>(msg.time.time_since_epoch());
    std::time_t secs = static_cast<std::time_t>(ts.count() / 1000000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<long long>(ts.count() % 1000000));
    o["ts"] = buf;
    auto level = spdlog::level::to_string_view(msg.level);
    o["level"] = std::string_view(level.data(), level.size());
    std::string_view text(msg.payload.data(), msg.payload.size());
    // Leading key=value tokens become fields; the first token that is not one starts "msg".
    while (!text.empty()) {
      auto space = text.find(' ');
      auto token = text.substr(0, space);
      auto eq = token.find('=');
      if (eq == std::string_view::npos || !is_key(token.substr(0, eq))) break;
      auto value = token.substr(eq + 1);
      if (!value.empty() && value.back() == ':') value.remove_suffix(1);
      o[token.substr(0, eq)] = value;
      text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
    }
    o["msg"] = text;
    auto line = boost::json::serialize(o);
    dest.append(line.data(), line.data() + line.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<json_formatter>();
  }
};

}  // namespace

std::unique_ptr<spdlog::formatter> make_json_formatter() {
  return std::make_unique<json_formatter>();
}

namespace {

domain::result<spdlog::level::level_enum> parse_level(const std::string& level,
                                                      const std::string& field) {
  auto lvl = spdlog::level::from_str(level);
  if (spdlog::level::to_string_view(lvl) != level &&
      !(level == "warn" && lvl == spdlog::level::warn))
    return domain::invalid_argument(field, "must be one of trace, debug, info, warn, error");
  return lvl;
}

}  // namespace

domain::status configure_logging(const std::string& level, const std::string& format,
                                 const std::map<std::string, std::string>& components) {
  auto lvl = parse_level(level, "log.level");
  if (!lvl) return std::move(lvl).err();
  if (format != "json" && format != "text")
    return domain::invalid_argument("log.format", "must be text or json");
  std::map<std::string, spdlog::level::level_enum> levels;
  for (auto& [name, value] : components) {
    bool known = false;
    for (auto c : obs::log_components) known = known || c == name;
    if (!known)
      return domain::invalid_argument("log.components." + name,
                                      "unknown component (known: grpc, actors, webhook)");
    auto l = parse_level(value, "log.components." + name);
    if (!l) return std::move(l).err();
    levels[name] = *l;
  }
  // Components share the default logger's sinks (so its format); each keeps its own level.
  auto& sinks = spdlog::default_logger()->sinks();
  for (auto c : obs::log_components) {
    std::string name(c);
    spdlog::drop(name);
    auto logger = std::make_shared<spdlog::logger>(name, sinks.begin(), sinks.end());
    auto it = levels.find(name);
    logger->set_level(it == levels.end() ? *lvl : it->second);
    spdlog::register_logger(logger);
  }
  spdlog::default_logger()->set_level(*lvl);
  if (format == "json")
    spdlog::set_formatter(make_json_formatter());
  else
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  return domain::ok_status();
}

}  // namespace cs::obs
