// Webhooks: verify bt_signature over bt_payload first (webhook.hpp states the SDK's rules), then
// read the XML notification and normalize it. Nothing from an unverified delivery is read.
#include "connectors/braintree/webhook.hpp"

#include <openssl/sha.h>

#include <array>

#include "connectors/braintree/currencies.hpp"
#include "connectors/braintree/flow_parts.hpp"
#include "connectors/braintree/replies.hpp"
#include "connectors/braintree/webhook_xml.hpp"
#include "connectors/common/crypto.hpp"

namespace cs::connectors::braintree {

using namespace domain;

namespace {

error bad_signature(std::string message) {
  return make_error(error_code::unauthenticated, reason::bad_signature, std::move(message));
}

std::string sha1_raw(std::string_view data) {
  std::array<unsigned char, SHA_DIGEST_LENGTH> out{};
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out.data());
  return std::string(reinterpret_cast<const char*>(out.data()), out.size());
}

// Digest.Sha1hexdigest: hex(HMAC-SHA1(SHA1(private_key), data)).
std::string sha1_hex_digest(std::string_view private_key, std::string_view data) {
  return hex_encode(hmac_sha1(sha1_raw(private_key), data));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

result<std::string> form_decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      int hi = i + 2 < s.size() ? hex_value(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) return invalid_argument("body", "has a malformed percent escape");
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct kind_row {
  std::string_view kind;
  event_type type;
  payment_status payment;
  refund_status refund;
  dispute_status dispute;
};
constexpr auto np = payment_status::unspecified;
constexpr auto nr = refund_status::unspecified;
constexpr auto nd = dispute_status::unspecified;
// WebhookNotification.Kind (braintree_node lib/braintree/webhook_notification.js) that a payments
// connector normalizes; any other kind is `other` (acknowledged, not refused).
constexpr std::array<kind_row, 17> kinds{{
    {"transaction_settled", event_type::payment, payment_status::charged, nr, nd},
    {"transaction_settlement_declined", event_type::payment, payment_status::capture_failed, nr,
     nd},
    {"transaction_disbursed", event_type::payment, payment_status::charged, nr, nd},
    // The retried transaction's own status word decides.
    {"transaction_retried", event_type::payment, payment_status::unspecified, nr, nd},
    {"refund_failed", event_type::refund, np, refund_status::failure, nd},
    {"dispute_opened", event_type::dispute, np, nr, dispute_status::opened},
    {"dispute_accepted", event_type::dispute, np, nr, dispute_status::accepted},
    {"dispute_auto_accepted", event_type::dispute, np, nr, dispute_status::accepted},
    {"dispute_disputed", event_type::dispute, np, nr, dispute_status::challenged},
    {"dispute_under_review", event_type::dispute, np, nr, dispute_status::challenged},
    {"dispute_won", event_type::dispute, np, nr, dispute_status::won},
    {"dispute_lost", event_type::dispute, np, nr, dispute_status::lost},
    {"dispute_expired", event_type::dispute, np, nr, dispute_status::expired},
    {"subscription_charged_successfully", event_type::payment, payment_status::charged, nr, nd},
    {"subscription_charged_unsuccessfully", event_type::payment, payment_status::failure, nr, nd},
    {"payment_method_revoked_by_customer", event_type::mandate, np, nr, nd},
    {"transaction_reviewed", event_type::other, np, nr, nd},
}};

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::optional<money> amount_of(const xml_element& e, std::string_view amount_tag,
                               const std::string& currency) {
  auto value = e.text_at({amount_tag});
  if (value.empty() || currency.empty()) return std::nullopt;
  auto m = from_amount(value, currency);
  if (!m) return std::nullopt;
  return *m;
}

}  // namespace

result<webhook_keys> webhook_keys_of(std::string_view secret) {
  auto colon = secret.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == secret.size())
    return make_error(error_code::unauthenticated, reason::missing_credentials,
                      "the Braintree webhook secret is the API key pair "
                      "\"public_key:private_key\" that signs the deliveries");
  return webhook_keys{std::string(secret.substr(0, colon)), std::string(secret.substr(colon + 1))};
}

status verify_signature(std::string_view bt_signature, std::string_view bt_payload,
                        const webhook_keys& k) {
  if (bt_payload.empty()) return bad_signature("bt_payload is missing");
  for (char c : bt_payload) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '=' || c == '/' || c == '\n';
    if (!ok) return bad_signature("bt_payload has characters base64 text does not have");
  }
  std::string_view given;
  bool found = false;
  std::string_view rest = bt_signature;
  while (!found) {
    auto amp = rest.find('&');
    auto part = rest.substr(0, amp);
    if (auto bar = part.find('|'); bar != std::string_view::npos) {
      auto pub = part.substr(0, bar);
      auto sig = part.substr(bar + 1);
      sig = sig.substr(0, sig.find('|'));  // a third field is ignored
      if (pub == k.public_key) {
        given = sig;
        found = true;
      }
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  if (!found || given.empty())
    return bad_signature("bt_signature has no signature for this account's public key");
  auto plain = sha1_hex_digest(k.private_key, bt_payload);
  auto with_newline = sha1_hex_digest(k.private_key, std::string(bt_payload) + "\n");
  // Both compared, always: the time does not tell which one matched.
  bool a = constant_time_equal(given, plain);
  bool b = constant_time_equal(given, with_newline);
  if (!(a || b))
    return bad_signature("the Braintree webhook signature (bt_signature) does not verify");
  return ok_status();
}

std::string signature_pair(std::string_view data, const webhook_keys& k) {
  return k.public_key + "|" + sha1_hex_digest(k.private_key, data);
}

result<std::string> verify_challenge(std::string_view challenge, const webhook_keys& k) {
  bool hex = challenge.size() >= 20 && challenge.size() <= 32;
  for (char c : challenge) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!hex) return invalid_argument("bt_challenge", "is not 20 to 32 lower-case hex digits");
  return signature_pair(challenge, k);
}

result<std::string> answer_challenge(std::string_view query,
                                     const domain::secret<std::string>& webhook_secret) {
  std::string challenge;
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    auto eq = pair.find('=');
    auto name = form_decode(pair.substr(0, eq));
    if (name && *name == "bt_challenge" && eq != std::string_view::npos) {
      auto value = form_decode(pair.substr(eq + 1));
      if (!value) return invalid_argument("bt_challenge", "has a malformed percent escape");
      challenge = std::move(*value);
    }
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  if (challenge.empty()) return missing_field("bt_challenge");
  auto keys = webhook_keys_of(webhook_secret.reveal());
  if (!keys) return keys.err();
  return verify_challenge(challenge, *keys);
}

result<webhook_form> read_webhook_form(std::string_view body) {
  webhook_form f;
  while (!body.empty()) {
    auto amp = body.find('&');
    auto pair = body.substr(0, amp);
    auto eq = pair.find('=');
    auto name = form_decode(pair.substr(0, eq));
    if (!name) return name.err();
    auto value = form_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    if (!value) return value.err();
    if (*name == "bt_signature" && f.bt_signature.empty()) f.bt_signature = std::move(*value);
    if (*name == "bt_payload" && f.bt_payload.empty()) f.bt_payload = std::move(*value);
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return f;
}

result<webhook_result> webhook_events(std::string_view bt_payload) {
  std::string b64;
  for (char c : bt_payload)
    if (c != '\n') b64 += c;
  auto xml = base64_decode(b64);
  if (!xml) return invalid_argument("bt_payload", "is not base64");
  auto doc = parse_xml(*xml);
  if (!doc) return doc.err();
  if (doc->name != "notification")
    return invalid_argument("bt_payload", "is not a Braintree <notification>");
  webhook_event e;
  e.processor_event_code = doc->text_at({"kind"});
  e.type = event_type::other;
  const kind_row* row = nullptr;
  for (const auto& k : kinds)
    if (k.kind == e.processor_event_code) row = &k;
  if (row) {
    e.type = row->type;
    e.payment = row->payment;
    e.refund = row->refund;
    e.dispute = row->dispute;
  }
  const xml_element* subject = doc->child("subject");
  std::string subject_id;
  if (subject) {
    if (const auto* t = subject->child("transaction")) {
      subject_id = t->text_at({"id"});
      auto currency = upper(t->text_at({"currency-iso-code"}));
      e.amount = amount_of(*t, "amount", currency);
      e.merchant_reference = t->text_at({"order-id"});
      if (e.processor_event_code == "refund_failed") {
        e.connector_refund_id = subject_id;
        e.connector_payment_id = t->text_at({"refunded-transaction-fk"});
      } else {
        e.connector_payment_id = subject_id;
      }
      if (e.processor_event_code == "transaction_retried")
        e.payment = map_payment_status(upper(t->text_at({"status"})));
    } else if (const auto* d = subject->child("dispute")) {
      subject_id = d->text_at({"id"});
      e.dispute_id = subject_id;
      e.connector_payment_id = d->text_at({"transaction", "id"});
      e.amount = amount_of(*d, "amount-disputed", upper(d->text_at({"currency-iso-code"})));
    } else if (const auto* s = subject->child("subscription")) {
      subject_id = s->text_at({"id"});
      if (const auto* txns = s->child("transactions"))
        if (const auto* t = txns->child("transaction")) {
          e.connector_payment_id = t->text_at({"id"});
          e.amount = amount_of(*t, "amount", upper(t->text_at({"currency-iso-code"})));
        }
      if (e.type == event_type::payment && e.connector_payment_id.empty())
        e.type = event_type::other;
    } else if (const auto* r = subject->child("transaction-review")) {
      subject_id = r->text_at({"transaction-id"});
      e.connector_payment_id = subject_id;
    } else if (e.type == event_type::mandate) {
      for (const auto& pm : subject->children) {
        subject_id = pm.text_at({"token"});
        e.mandate_id = subject_id;
        break;
      }
    } else if (const auto* d = subject->child("disbursement")) {
      subject_id = d->text_at({"id"});
    }
  }
  if (e.processor_event_code.empty())
    return invalid_argument("bt_payload", "is a Braintree notification without a kind");
  // Braintree notifications carry no id of their own: kind, subject and time make one.
  e.event_id = e.processor_event_code + ":" + subject_id + ":" + doc->text_at({"timestamp"});
  if (e.payment == payment_status::failure || e.payment == payment_status::capture_failed ||
      e.refund == refund_status::failure) {
    processor_error pe;
    pe.code = decline_code::generic;
    e.error = std::move(pe);
  }
  webhook_result out;
  out.events.push_back(std::move(e));
  return out;
}

result<webhook_result> handle_webhook(const webhook_request& req) {
  if (req.secret_key.empty())
    return make_error(error_code::unauthenticated, reason::missing_credentials,
                      "Braintree webhooks are signed with the API private key: pass "
                      "\"public_key:private_key\" as the webhook secret");
  auto keys = webhook_keys_of(req.secret_key.reveal());
  if (!keys) return keys.err();
  auto form = read_webhook_form(req.body);
  if (!form) return bad_signature("the body is not a form with bt_signature and bt_payload");
  if (form->bt_signature.empty()) return bad_signature("bt_signature is missing");
  if (auto s = verify_signature(form->bt_signature, form->bt_payload, *keys); !s) return s.err();
  return webhook_events(form->bt_payload);
}

}  // namespace cs::connectors::braintree
