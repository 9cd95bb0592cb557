#include "sim_http.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>

namespace processor_sim {

sim_response json_response(int status, const boost::json::value& body) {
  sim_response r;
  r.status = status;
  r.body = boost::json::serialize(body);
  return r;
}

sim_response text_response(int status, std::string body) {
  sim_response r;
  r.status = status;
  r.content_type = "text/plain";
  r.body = std::move(body);
  return r;
}

sim_request make_request(std::string method, std::string target) {
  sim_request req;
  req.method = std::move(method);
  req.target = std::move(target);
  auto parsed = boost::urls::parse_origin_form(req.target);
  if (!parsed) {
    req.path = req.target.substr(0, req.target.find('?'));
    return req;
  }
  req.path = parsed->path();
  for (auto param : parsed->params()) req.query[param.key] = param.value;
  return req;
}

}  // namespace processor_sim
