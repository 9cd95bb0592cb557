#include "connectors/adyen/payment_reply.hpp"

#include "connectors/adyen/redirect_methods.hpp"
#include "connectors/adyen/status_map.hpp"
#include "connectors/adyen/wire.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"

namespace cs::connectors::adyen {
namespace {

using domain::payment_status;

// action {type: "redirect", url, method, data{…}}; a native threeDS2 action has no url but a
// token the client SDK needs, so it travels in the form fields.
std::optional<domain::redirect_data> read_action(simdjson::dom::element doc) {
  auto action = json::obj(doc, "action");
  if (!action) return std::nullopt;
  domain::redirect_data r;
  r.url = json::str(*action, "url");
  auto method = json::str(*action, "method");
  if (!method.empty()) r.method = method;
  simdjson::dom::object data;
  if (auto d = json::obj(*action, "data"); d && !d->get_object().get(data)) {
    for (auto field : data) {
      std::string_view v;
      if (!field.value.get_string().get(v))
        r.form_fields.emplace(std::string(field.key), std::string(v));
    }
  }
  if (r.url.empty()) {
    for (auto key : {"type", "subtype", "token"})
      if (auto v = json::str(*action, key); !v.empty()) r.form_fields.emplace(key, v);
  }
  return r;
}

}  // namespace

domain::result<payment_reply> parse_payment_reply(const domain::http_response& r,
                                                  std::string_view api_key,
                                                  domain::capture_method capture,
                                                  const std::optional<domain::money>& requested,
                                                  std::string_view merchant_reference) {
  auto doc = wire::parse_reply(r, api_key);
  if (!doc) return doc.err();
  auto result_code = scrub(json::str(*doc, "resultCode"), api_key);
  if (result_code.empty()) {
    domain::error e;
    e.code = domain::error_code::unavailable;
    e.reason = domain::reason::bad_processor_reply;
    e.message = "Adyen answered without a resultCode, so the payment's outcome is unknown";
    return e;
  }

  payment_reply out;
  auto& p = out.payment;
  p.status = map_result_code(result_code, capture);
  // The reply's paymentMethod.type: iDEAL and Klarna answer the same resultCodes as cards but
  // mean other states by them (redirect_methods.hpp).
  std::string method_type;
  if (auto pm = json::obj(*doc, "paymentMethod")) method_type = json::str(*pm, "type");
  if (result_code == "Authorised" && is_klarna_type(method_type))
    p.status = payment_status::authorized;
  if (result_code == "Authorised" && is_ideal_type(method_type)) p.status = payment_status::charged;
  const bool redirect_method = is_klarna_type(method_type) || is_ideal_type(method_type);
  if (result_code == "Cancelled" && redirect_method) p.status = payment_status::failure;
  p.processor_status = result_code;
  p.connector_payment_id = json::str(*doc, "pspReference");
  p.amount = wire::read_amount(*doc);
  if (!p.amount) p.amount = requested;
  p.merchant_reference = json::str(*doc, "merchantReference");
  if (p.merchant_reference.empty()) p.merchant_reference = std::string(merchant_reference);

  auto additional = json::obj(*doc, "additionalData");
  auto extra = [&](std::string_view key) {
    return additional ? json::text(*additional, key) : std::string();
  };
  if (p.status == payment_status::failure) {
    // Processor text reaches clients and logs: scrubbed of the key and card numbers.
    p.error = refusal_error(result_code, scrub(json::text(*doc, "refusalReasonCode"), api_key),
                            scrub(json::str(*doc, "refusalReason"), api_key),
                            scrub(extra("refusalReasonRaw"), api_key));
    if (result_code == "Cancelled") p.error->code = domain::decline_code::cancelled;
  }
  if (p.status == payment_status::authentication_pending) p.redirect = read_action(*doc);
  if (p.status == payment_status::charged) p.captured_amount = p.amount;

  out.stored_token = extra("recurring.recurringDetailReference");
  if (out.stored_token.empty()) out.stored_token = extra("tokenization.storedPaymentMethodId");
  return out;
}

}  // namespace cs::connectors::adyen
