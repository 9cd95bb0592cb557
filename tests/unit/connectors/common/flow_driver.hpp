#pragma once
// Shared by the connectors' golden tests: read a golden file, and drive a multi-step flow by
// feeding one canned processor reply per step, as the flow actor would.

#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "domain/connector.hpp"

namespace connector_testing {

// tests/golden/<processor>/<name>; CS_GOLDEN_DIR comes from the test's CMakeLists.
inline std::string read_golden(const std::string& processor, const std::string& name) {
  std::ifstream in(std::string(CS_GOLDEN_DIR) + "/" + processor + "/" + name, std::ios::binary);
  if (!in) ADD_FAILURE() << "missing golden file " << processor << "/" << name;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every request the flow made and its outcome, after feeding the replies one per step.
template <class R>
struct flow_run {
  std::vector<cs::domain::http_request> requests;
  std::optional<cs::domain::result<R>> outcome;  // empty when it wanted more replies than given

  const R& value() const {
    if (!outcome || !outcome->ok()) {
      ADD_FAILURE() << "flow did not finish with a result"
                    << (outcome ? ": " + outcome->err().message : std::string());
      static const R empty{};
      return empty;
    }
    return outcome->value();
  }
  cs::domain::error err() const {
    if (!outcome || outcome->ok()) {
      ADD_FAILURE() << "flow did not finish with an error";
      return {};
    }
    return outcome->err();
  }
};

template <class Req, class R>
flow_run<R> drive(const cs::domain::connector& c,
                  cs::domain::flow_fn<Req, R> cs::domain::flow_table::*entry, const Req& req,
                  const std::vector<cs::domain::http_response>& replies,
                  const cs::domain::credentials& creds) {
  flow_run<R> run;
  auto fn = c.flows.*entry;
  if (!fn) {  // as the service answers a flow absent from the table
    run.outcome = cs::domain::flow_not_offered(c, cs::domain::flow_of(entry));
    return run;
  }
  std::vector<cs::domain::exchange> done;
  for (std::size_t i = 0; i <= replies.size(); ++i) {
    auto s = fn(req, cs::domain::flow_context{creds, std::span<const cs::domain::exchange>(done)});
    if (!s.ok()) {
      run.outcome = s.err();
      return run;
    }
    if (auto* r = std::get_if<R>(&s.value())) {
      run.outcome = std::move(*r);
      return run;
    }
    auto& request = std::get<cs::domain::http_request>(s.value());
    run.requests.push_back(request);
    if (i == replies.size()) break;
    done.push_back(cs::domain::exchange{request, replies[i]});
  }
  return run;
}

}  // namespace connector_testing
