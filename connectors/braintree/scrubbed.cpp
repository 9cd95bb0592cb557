#include "connectors/braintree/scrubbed.hpp"

#include "connectors/common/scrub.hpp"

namespace cs::connectors::braintree {
namespace {

// Ids and words: only the keys go (a full scrub would also take digit runs an id may hold).
void clear(std::string& s, const wire::auth& a) {
  for (std::string_view key : {std::string_view(a.private_key), std::string_view(a.public_key)}) {
    if (key.empty()) continue;
    for (auto at = s.find(key); at != std::string::npos; at = s.find(key, at))
      s.replace(at, key.size(), "[redacted]");
  }
}

void clear(std::optional<domain::processor_error>& pe, const wire::auth& a) {
  if (!pe) return;
  clear(pe->processor_code, a);
  clear(pe->decline_code_raw, a);
  pe->processor_message = scrub(std::move(pe->processor_message), a.private_key, {"Basic "});
  clear(pe->processor_message, a);
}

void clear(std::optional<domain::mandate>& m, const wire::auth& a) {
  if (!m) return;
  clear(m->mandate_id, a);
  clear(m->customer_id, a);
}

}  // namespace

void clear_keys(domain::error& e, const wire::auth& a) {
  for (auto* text : {&e.message, &e.processor_message}) {
    *text = scrub(std::move(*text), a.private_key, {"Basic "});
    clear(*text, a);
  }
  clear(e.processor_code, a);
}

void clear_keys(domain::payment_result& r, const wire::auth& a) {
  clear(r.connector_payment_id, a);
  clear(r.connector_operation_id, a);
  clear(r.processor_status, a);
  clear(r.error, a);
  clear(r.mandate, a);
}

void clear_keys(domain::refund_result& r, const wire::auth& a) {
  clear(r.connector_refund_id, a);
  clear(r.connector_payment_id, a);
  clear(r.processor_status, a);
  clear(r.error, a);
}

void clear_keys(domain::mandate_result& r, const wire::auth& a) {
  clear(r.connector_payment_id, a);
  clear(r.processor_status, a);
  clear(r.error, a);
  clear(r.mandate, a);
}

void clear_keys(domain::revoke_result& r, const wire::auth& a) {
  clear(r.error, a);
}

void clear_keys(domain::dispute_result& r, const wire::auth& a) {
  clear(r.dispute_id, a);
  clear(r.processor_status, a);
  clear(r.error, a);
}

}  // namespace cs::connectors::braintree
