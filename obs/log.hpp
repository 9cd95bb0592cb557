#pragma once
// Loggers per component ("grpc", "actors", "webhook"), so operators can raise one component's
// level (config [log.components]) without drowning in the others. Until the service configured
// them, every component logs through the default logger.

#include <spdlog/spdlog.h>

#include <array>
#include <memory>
#include <string_view>

namespace cs::obs {

inline constexpr std::array<std::string_view, 3> log_components{"grpc", "actors", "webhook"};

inline std::shared_ptr<spdlog::logger> component_log(const char* name) {
  auto l = spdlog::get(name);
  return l ? l : spdlog::default_logger();
}

}  // namespace cs::obs
