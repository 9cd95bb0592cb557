// PayPal webhook events: signed with the simulator's RSA key (paypal_signing.hpp), delivered by
// the shared webhook_sender with its retries, and checked by POST
// /v1/notifications/verify-webhook-signature.
#include "../ids.hpp"
#include "../webhook_sender.hpp"
#include "paypal_errors.hpp"
#include "paypal_sim.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace processor_sim::paypal {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// "071f7d20-1584-11e7-abf0-6b62a8a99ac4": PayPal's transmission ids are UUIDs.
std::string transmission_id() {
  const std::string hex = lower(random_alnum(32));
  std::string out;
  for (std::size_t i = 0; i < hex.size(); ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    // Map the alphanumerics onto hex digits.
    const char c = hex[i];
    out +=
        "0123456789abcdef"[(std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'a') % 16];
  }
  return out;
}

}  // namespace

std::string simulator::cert_url() const {
  return link_base() + "/v1/notifications/certs/CERT-360caa42-fca2a594-processor-sim";
}

void simulator::emit(const std::string& event_type, const std::string& resource_type,
                     boost::json::object resource, const std::string& summary) {
  if (cfg_.webhook_url.empty() || !ctx_.webhooks) return;
  const std::string event_id = "WH-" + random_alnum(17) + "-" + random_alnum(17);
  boost::json::object event{
      {"id", event_id},
      {"event_version", "1.0"},
      {"create_time", iso_time()},
      {"resource_type", resource_type},
      {"resource_version", "2.0"},
      {"event_type", event_type},
      {"summary", summary},
      {"resource", std::move(resource)},
      {"links",
       boost::json::array{{{"href", link_base() + "/v1/notifications/webhooks-events/" + event_id},
                           {"rel", "self"},
                           {"method", "GET"}}}}};
  webhook_job job;
  job.processor = "paypal";
  job.url = cfg_.webhook_url;
  job.body = boost::json::serialize(event);
  const std::string tid = transmission_id();
  const std::string time = iso_time();
  job.headers = {{"PAYPAL-TRANSMISSION-ID", tid},
                 {"PAYPAL-TRANSMISSION-TIME", time},
                 {"PAYPAL-CERT-URL", cert_url()},
                 {"PAYPAL-AUTH-ALGO", "SHA256withRSA"},
                 {"PAYPAL-TRANSMISSION-SIG",
                  signer_.sign_base64(signed_message(tid, time, cfg_.webhook_id, job.body))}};
  job.event_code = event_type;
  const auto& res = event.at("resource").as_object();
  const auto* res_id = res.contains("id") ? res.if_contains("id") : res.if_contains("dispute_id");
  job.psp_reference = res_id && res_id->is_string() ? std::string(res_id->as_string()) : "";
  job.original_reference = event_id;
  sent_events_[event_id] = job.body;
  sent_headers_[event_id] = job.headers;
  ++webhooks_sent_;
  ctx_.webhooks->send(std::move(job));
}

sim_response simulator::verify_webhook_signature(const boost::json::object& body) {
  ++verifications_;
  static const char* required[] = {"auth_algo",        "cert_url",          "transmission_id",
                                   "transmission_sig", "transmission_time", "webhook_id",
                                   "webhook_event"};
  for (const char* field : required) {
    if (!body.contains(field)) {
      return issue_error(400, "MISSING_REQUIRED_PARAMETER",
                         "A required field / parameter is missing.", std::string("/") + field);
    }
  }
  auto text = [&](const char* key) {
    const auto& v = body.at(key);
    return v.is_string() ? std::string(v.as_string()) : std::string{};
  };
  const auto& event = body.at("webhook_event");
  if (!event.is_object()) {
    return issue_error(400, "INVALID_PARAMETER_SYNTAX",
                       "The value of a field does not conform to the expected format.",
                       "/webhook_event");
  }
  // PayPal checks the signature over the event it sent; re-serialising the event a client parsed
  // may reorder members, so an event equal to a sent one is checked over the sent bytes.
  std::string raw = boost::json::serialize(event);
  if (const auto* id = event.as_object().if_contains("id"); id && id->is_string()) {
    if (auto it = sent_events_.find(std::string(id->as_string())); it != sent_events_.end()) {
      if (boost::json::parse(it->second) == event) raw = it->second;
    }
  }
  const bool ok =
      text("auth_algo") == "SHA256withRSA" && text("cert_url") == cert_url() &&
      text("webhook_id") == cfg_.webhook_id &&
      signer_.verify_base64(signed_message(text("transmission_id"), text("transmission_time"),
                                           text("webhook_id"), raw),
                            text("transmission_sig"));
  return json_response(200,
                       boost::json::object{{"verification_status", ok ? "SUCCESS" : "FAILURE"}});
}

sim_response simulator::sent_delivery(const std::string& event_id) const {
  auto body = sent_events_.find(event_id);
  auto headers = sent_headers_.find(event_id);
  if (body == sent_events_.end() || headers == sent_headers_.end()) {
    return json_response(404, {{"error", "no webhook event with that id was sent"}});
  }
  boost::json::object h;
  for (const auto& [name, value] : headers->second) h[name] = value;
  return json_response(200, {{"headers", std::move(h)}, {"body", body->second}});
}

}  // namespace processor_sim::paypal
