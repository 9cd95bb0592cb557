#include "connectors/common/json.hpp"

#include <fmt/format.h>

namespace cs::connectors::json {

domain::result<simdjson::dom::element> parse(std::string_view body, std::string_view connector) {
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto err = parser.parse(body.data(), body.size(), true).get(doc);
  if (err) {
    domain::error e;
    e.code = domain::error_code::unavailable;
    e.reason = domain::reason::bad_processor_reply;
    e.message =
        fmt::format("{} sent a reply that is not valid JSON ({} bytes)", connector, body.size());
    return e;
  }
  return doc;
}

std::string str(simdjson::dom::element e, std::string_view key) {
  std::string_view v;
  if (e.is_object() && !e[key].get_string().get(v)) return std::string(v);
  return {};
}

std::optional<std::int64_t> int64(simdjson::dom::element e, std::string_view key) {
  std::int64_t v;
  if (e.is_object() && !e[key].get_int64().get(v)) return v;
  return std::nullopt;
}

std::optional<simdjson::dom::element> obj(simdjson::dom::element e, std::string_view key) {
  simdjson::dom::element v;
  if (e.is_object() && !e[key].get(v) && (v.is_object() || v.is_array())) return v;
  return std::nullopt;
}

std::string text(simdjson::dom::element e, std::string_view key) {
  if (!e.is_object()) return {};
  simdjson::dom::element v;
  if (e[key].get(v)) return {};
  if (v.is_string()) return std::string(v.get_string().value());
  if (v.is_bool()) return v.get_bool().value() ? "true" : "false";
  if (v.is_int64()) return std::to_string(v.get_int64().value());
  return {};
}

}  // namespace cs::connectors::json
