#pragma once
// What the contract dumpers share: one dumped request as a JSON line, every step of a flow
// (later steps reached with canned replies, as the flow actor would), and writing the lines.

#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "domain/connector.hpp"

namespace contract_dump {

namespace json = boost::json;

// {flow, step, method, path, headers (with Content-Type when there is a body), body}.
inline json::object line(std::string_view flow, const cs::domain::http_request& req) {
  json::object o;
  o["flow"] = flow;
  o["step"] = req.step;
  o["method"] = to_string(req.method);
  o["path"] = req.target;
  json::object headers;
  for (const auto& h : req.headers) headers[h.name] = h.value;
  if (!req.body.empty() || req.method == cs::domain::http_method::post)
    headers["Content-Type"] = req.content_type;
  o["headers"] = std::move(headers);
  o["body"] = req.body;
  return o;
}

// Every request of the flow, each answered with the next canned reply; a refusal is dumped as
// {flow, error} so that the checker fails on it.
template <class Req, class R>
void dump(std::vector<json::object>& out, std::string_view flow, cs::domain::flow_fn<Req, R> fn,
          const Req& req, const cs::domain::credentials& creds,
          const std::vector<cs::domain::http_response>& replies = {}) {
  if (!fn) {
    out.push_back(json::object{{"flow", flow}, {"error", "the connector has no such flow"}});
    return;
  }
  std::vector<cs::domain::exchange> done;
  for (std::size_t i = 0; i <= replies.size(); ++i) {
    auto s = fn(req, cs::domain::flow_context{creds, done});
    if (!s.ok()) {
      out.push_back(json::object{{"flow", flow}, {"error", s.err().message}});
      return;
    }
    auto* r = std::get_if<cs::domain::http_request>(&s.value());
    if (!r) return;
    out.push_back(line(flow, *r));
    if (i == replies.size()) return;
    done.push_back({*r, replies[i]});
  }
}

// The lines to argv[1] (or stdout); the process's exit code.
inline int write(const std::vector<json::object>& lines, int argc, char** argv,
                 std::string_view tool) {
  std::ofstream file;
  if (argc > 1) {
    file.open(argv[1], std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << tool << ": cannot write " << argv[1] << "\n";
      return 1;
    }
  }
  std::ostream& out = argc > 1 ? static_cast<std::ostream&>(file) : std::cout;
  for (const auto& l : lines) out << json::serialize(l) << "\n";
  out.flush();
  return out ? 0 : 1;
}

}  // namespace contract_dump
