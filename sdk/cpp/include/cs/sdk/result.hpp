#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "cs/sdk/error.hpp"

namespace cs::sdk {

// The value of a call or the error it failed with. Errors are values, not exceptions, so that a
// caller handling a decline, a validation error and an unknown outcome sees all three in the
// return type (a decline is an OK Payment; the other two are sdk::error).
template <class T>
class result {
 public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  result(sdk::error e) : v_(std::in_place_index<1>, std::move(e)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  sdk::error& error() & {
    assert(!ok());
    return std::get<1>(v_);
  }
  const sdk::error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, sdk::error> v_;
};

}  // namespace cs::sdk
