#pragma once
// Log output: human-readable lines for a terminal, or JSON lines for a log pipeline. Log
// messages are written as "key=value key=value … free text"; in JSON the leading key=value pairs
// become fields and the rest is "msg". Nothing here masks: card data and secrets never reach a
// log call in the first place (secret<T> prints "***").

#include <map>
#include <memory>
#include <string>

#include "domain/result.hpp"

namespace spdlog {
class formatter;
}

namespace cs::obs {

// format: "text" or "json"; level: trace … error, for the default logger and every component;
// `components` overrides the level of single components (obs/log.hpp).
domain::status configure_logging(const std::string& level, const std::string& format,
                                 const std::map<std::string, std::string>& components = {});

// The JSON-lines formatter (exposed for tests).
std::unique_ptr<spdlog::formatter> make_json_formatter();

}  // namespace cs::obs
