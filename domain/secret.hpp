#pragma once
// A value that must never reach a log, an error message or a metric: printing shows "***".

#include <fmt/format.h>

#include <ostream>
#include <string>
#include <utility>

namespace cs::domain {

template <class T>
class secret {
 public:
  secret() = default;
  explicit secret(T value) : value_(std::move(value)) {}
  // The only way to the value: greppable, so every use can be reviewed.
  const T& reveal() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }
  friend std::ostream& operator<<(std::ostream& os, const secret&) { return os << "***"; }

 private:
  T value_{};
};

}  // namespace cs::domain

template <class T>
struct fmt::formatter<cs::domain::secret<T>> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(const cs::domain::secret<T>&, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format("***", ctx);
  }
};
