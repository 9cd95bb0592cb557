// handle_webhook: the delivery's signature checked locally with PayPal's certificate (fetched by
// the webhook actor from PAYPAL-CERT-URL, only on PayPal's hosts or the configured API host), then
// the event in unified terms. The merchant account's webhook_secret is the PayPal webhook id (the
// dashboard's, not the event's): it is part of what PayPal signs.
#include "connectors/paypal/flow_parts.hpp"
#include "connectors/paypal/webhook_signature.hpp"

namespace cs::connectors::paypal {
namespace {

domain::result<std::string> certificate_url(const domain::webhook_request& req) {
  auto t = transmission_of(req.headers);
  if (!t) return t.err();
  auto allowed = check_cert_url(t->cert_url, {"paypal.com"});
  if (!allowed && !req.api_host.empty())
    allowed = check_cert_url(t->cert_url, {req.api_host}, true);
  if (!allowed) return allowed.err();
  return t->cert_url;
}

}  // namespace

const domain::webhook_document certificate{&certificate_url, std::chrono::hours(24)};

domain::result<domain::webhook_result> handle_webhook(const domain::webhook_request& req) {
  auto t = transmission_of(req.headers);
  if (!t) return t.err();
  if (auto s =
          verify_signature(*t, req.secret_key.reveal(), req.body, req.document, req.received_at);
      !s)
    return std::move(s).err();
  return verify_by_api.events(req);  // the same normalization as after PayPal's own check
}

}  // namespace cs::connectors::paypal
