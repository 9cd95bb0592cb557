// Webhooks: Checkout.com's Event object, signed with `Cko-Signature` = lower-case hex
// HMAC-SHA256 of the raw body under the workflow action's key (OpenSSL directly, so the
// simulator cannot share a bug with a client's verifier), plus the optional static
// Authorization header; delivered and retried by the shared webhook_sender.
#include "../webhook_sender.hpp"
#include "checkout_com_ids.hpp"
#include "checkout_com_objects.hpp"
#include "checkout_com_sim.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <boost/json.hpp>

#include <stdexcept>

namespace processor_sim::checkout_com {
namespace {

std::string hmac_sha256_hex(const std::string& key, const std::string& body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &len)) {
    throw std::runtime_error("HMAC failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[mac[i] >> 4]);
    out.push_back(hex[mac[i] & 15]);
  }
  return out;
}

}  // namespace

void simulator::emit(const std::string& type, boost::json::object data) {
  if (cfg_.webhook_url.empty() || !ctx_.webhooks) return;
  const std::string event_id = new_id("evt_");
  const std::string subject(data.at("id").as_string());
  const auto* payment_id = data.if_contains("payment_id");
  const std::string pay =
      payment_id && payment_id->is_string() ? std::string(payment_id->as_string()) : subject;
  boost::json::object event{{"id", event_id},
                            {"type", type},
                            {"version", "1.0.0"},
                            {"created_on", iso_time()},
                            {"data", std::move(data)},
                            {"_links",
                             {{"self", {{"href", base() + "/events/" + event_id}}},
                              {"payment", {{"href", base() + "/payments/" + pay}}}}}};
  webhook_job job;
  job.processor = "checkout_com";
  job.url = cfg_.webhook_url;
  job.body = boost::json::serialize(event);
  job.headers.emplace_back("Cko-Signature", hmac_sha256_hex(cfg_.signature_key, job.body));
  if (!cfg_.webhook_authorization.empty()) {
    job.headers.emplace_back("Authorization", cfg_.webhook_authorization);
  }
  job.event_code = type;
  job.psp_reference = subject;
  job.original_reference = event_id;
  ++webhooks_;
  ctx_.webhooks->send(std::move(job));
}

void simulator::emit_payment(const std::string& type, const payment& p, const action* a) {
  boost::json::object data{{"id", p.id}};
  if (a) data["action_id"] = a->id;
  data["amount"] = a ? a->amount : p.amount;
  data["currency"] = p.currency;
  data["approved"] = a ? a->approved : false;
  data["status"] = status_of(p);
  if (a && !a->auth_code.empty()) data["auth_code"] = a->auth_code;
  if (a) {
    data["response_code"] = a->response_code;
    data["response_summary"] = a->response_summary;
  }
  if (p.three_ds) {
    boost::json::object three_ds{{"downgraded", false}, {"enrolled", "Y"}};
    if (!p.authentication_response.empty()) {
      three_ds["authentication_response"] = p.authentication_response;
    }
    data["3ds"] = std::move(three_ds);
  }
  if (!p.details.number.empty()) data["source"] = source_json(p);
  data["processed_on"] = a ? a->processed_on : p.requested_on;
  if (!p.reference.empty()) data["reference"] = p.reference;
  if (!p.metadata.empty()) data["metadata"] = p.metadata;
  emit(type, std::move(data));
}

void simulator::emit_dispute(const std::string& type, const dispute& d) {
  emit(type, {{"id", d.id},
              {"payment_id", d.payment_id},
              {"amount", d.amount},
              {"currency", d.currency},
              {"reason_code", d.reason_code},
              {"category", d.category},
              {"evidence_required_by", d.evidence_required_by}});
}

}  // namespace processor_sim::checkout_com
