#pragma once
// Reading processor replies with simdjson (DOM API, one parser per thread) and small accessors
// that turn "field missing" into empty values instead of exceptions.

#include <simdjson.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace cs::connectors::json {

// Parses `body`; the document lives in a thread-local parser until the next parse on this
// thread, so copy out what you keep. A parse failure is a BAD_PROCESSOR_REPLY error.
domain::result<simdjson::dom::element> parse(std::string_view body, std::string_view connector);

std::string str(simdjson::dom::element e, std::string_view key);
std::optional<std::int64_t> int64(simdjson::dom::element e, std::string_view key);
std::optional<simdjson::dom::element> obj(simdjson::dom::element e, std::string_view key);
// A string or boolean field as text ("true"/"false"); processors mix the two.
std::string text(simdjson::dom::element e, std::string_view key);

}  // namespace cs::connectors::json
