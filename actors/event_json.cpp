#include "actors/event_json.hpp"

#include <fmt/format.h>
#include <openssl/hmac.h>

#include <boost/json.hpp>

namespace cs::actors {
namespace {

std::string_view type_name(domain::event_type t) {
  switch (t) {
    case domain::event_type::payment:
      return "payment";
    case domain::event_type::refund:
      return "refund";
    case domain::event_type::dispute:
      return "dispute";
    case domain::event_type::mandate:
      return "mandate";
    case domain::event_type::other:
      return "other";
    case domain::event_type::unspecified:
      break;
  }
  return "unspecified";
}

}  // namespace

std::string events_to_json(std::string_view connector,
                           const std::vector<domain::webhook_event>& events) {
  boost::json::array list;
  for (auto& e : events) {
    boost::json::object o{{"type", type_name(e.type)},
                          {"event_id", e.event_id},
                          {"processor_event_code", e.processor_event_code}};
    auto put = [&o](std::string_view k, const std::string& v) {
      if (!v.empty()) o[k] = v;
    };
    put("connector_payment_id", e.connector_payment_id);
    put("connector_refund_id", e.connector_refund_id);
    put("connector_operation_id", e.connector_operation_id);
    put("dispute_id", e.dispute_id);
    put("merchant_reference", e.merchant_reference);
    put("mandate_id", e.mandate_id);
    if (e.amount)
      o["amount"] = {{"minor_amount", e.amount->minor_amount}, {"currency", e.amount->currency}};
    if (e.payment != domain::payment_status::unspecified)
      o["payment_status"] = domain::to_string(e.payment);
    if (e.refund != domain::refund_status::unspecified)
      o["refund_status"] = domain::to_string(e.refund);
    if (e.dispute != domain::dispute_status::unspecified)
      o["dispute_status"] = domain::to_string(e.dispute);
    if (e.error)
      o["error"] = {{"decline_code", domain::to_string(e.error->code)},
                    {"processor_code", e.error->processor_code},
                    {"processor_message", e.error->processor_message}};
    list.push_back(std::move(o));
  }
  return boost::json::serialize(
      boost::json::object{{"connector", connector}, {"events", std::move(list)}});
}

std::string sink_signature(std::string_view key, std::string_view body, long long unix_seconds) {
  auto signed_payload = fmt::format("{}.{}", unix_seconds, body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(signed_payload.data()), signed_payload.size(), mac,
       &len);
  std::string hex;
  for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x}", mac[i]);
  return fmt::format("t={},v1={}", unix_seconds, hex);
}

domain::http_request sink_request(std::string_view connector,
                                  const std::vector<domain::webhook_event>& events,
                                  std::string_view key, bool at_root, long long unix_seconds) {
  domain::http_request req;
  req.base = "sink";
  req.target = at_root ? "/" : "";
  req.body = events_to_json(connector, events);
  req.headers.push_back(
      {"X-Connector-Signature", sink_signature(key, req.body, unix_seconds), true});
  req.headers.push_back({"X-Connector-Name", std::string(connector), false});
  return req;
}

}  // namespace cs::actors
