// Webhooks as Braintree sends them: a form POST with `bt_signature` and `bt_payload`, where
// bt_payload is the base64 of a <notification> XML document (with a trailing newline, as the
// official SDK's webhookTesting makes it) and bt_signature is
// `public_key|hex(HMAC-SHA1(key = SHA1(private_key), bt_payload))` (OpenSSL directly, so the
// simulator cannot share a bug with a client's verifier); delivered and retried by the shared
// webhook_sender.
#include "../webhook_sender.hpp"
#include "braintree_objects.hpp"
#include "braintree_sim.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace processor_sim::braintree {
namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string tag(const std::string& name, const std::string& value) {
  return "<" + name + ">" + xml_escape(value) + "</" + name + ">";
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string form_encode(const std::string& s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string bt_signature(const std::string& public_key, const std::string& private_key,
                         const std::string& payload) {
  unsigned char key[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(private_key.data()), private_key.size(), key);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha1(), key, sizeof key, reinterpret_cast<const unsigned char*>(payload.data()),
            payload.size(), mac, &len)) {
    throw std::runtime_error("HMAC failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out = public_key + "|";
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[mac[i] >> 4];
    out += hex[mac[i] & 15];
  }
  return out;
}

void simulator::emit(const std::string& kind, const std::string& subject_xml,
                     const std::string& id) {
  if (cfg_.webhook_url.empty() || !ctx_.webhooks) return;
  const std::string xml = "<notification>\n  <timestamp type=\"datetime\">" + xml_timestamp() +
                          "</timestamp>\n  " + tag("kind", kind) + "\n  <subject>" + subject_xml +
                          "</subject>\n</notification>";
  const std::string payload = base64(xml) + "\n";
  webhook_job job;
  job.processor = "braintree";
  job.url = cfg_.webhook_url;
  job.content_type = "application/x-www-form-urlencoded";
  job.body =
      "bt_signature=" + form_encode(bt_signature(cfg_.public_key, cfg_.private_key, payload)) +
      "&bt_payload=" + form_encode(payload);
  job.event_code = kind;
  job.psp_reference = id;
  ++webhooks_;
  ctx_.webhooks->send(std::move(job));
}

void simulator::emit_transaction(const std::string& kind, const transaction& t) {
  std::string xml = "<transaction>" + tag("id", t.legacy_id) + tag("status", lower(t.status)) +
                    tag("type", "sale") + tag("currency-iso-code", t.currency) +
                    tag("amount", format_amount(t.amount, t.currency)) +
                    tag("merchant-account-id", t.merchant_account_id);
  if (!t.order_id.empty()) xml += tag("order-id", t.order_id);
  xml += tag("payment-instrument-type", "credit_card") + "</transaction>";
  emit(kind, xml, t.legacy_id);
}

void simulator::emit_refund_failed(const refund& r) {
  const transaction& t = store_.transactions.at(r.transaction_id);
  std::string xml = "<transaction>" + tag("id", r.legacy_id) + tag("status", lower(r.status)) +
                    tag("type", "credit") + tag("currency-iso-code", t.currency) +
                    tag("amount", format_amount(r.amount, t.currency)) +
                    tag("merchant-account-id", t.merchant_account_id);
  if (!r.order_id.empty()) xml += tag("order-id", r.order_id);
  xml += tag("refunded-transaction-fk", t.legacy_id) + "</transaction>";
  emit("refund_failed", xml, r.legacy_id);
}

void simulator::emit_dispute(const std::string& kind, const dispute& d) {
  const transaction& t = store_.transactions.at(d.transaction_id);
  const std::string amount = format_amount(d.amount, t.currency);
  std::string xml =
      "<dispute>" + tag("amount", amount) + tag("amount-disputed", amount) +
      tag("amount-won", d.status == "WON" ? amount : "0.00") +
      tag("currency-iso-code", t.currency) + "<received-date type=\"date\">" + d.received_date +
      "</received-date>" + "<reply-by-date type=\"date\">" + d.reply_by_date + "</reply-by-date>" +
      tag("kind", "chargeback") + tag("status", lower(d.status)) + tag("reason", lower(d.reason)) +
      tag("id", d.legacy_id) + "<transaction>" + tag("id", t.legacy_id) +
      tag("amount", format_amount(t.amount, t.currency)) +
      "</transaction><date-opened type=\"date\">" + d.received_date + "</date-opened></dispute>";
  emit(kind, xml, d.legacy_id);
}

}  // namespace processor_sim::braintree
