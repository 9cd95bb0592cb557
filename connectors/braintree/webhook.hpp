#pragma once
// Braintree webhooks: a form POST with `bt_signature` and `bt_payload`, checked as the official
// SDK checks them (braintree_node webhook_notification_gateway.js, 3.40.0), then the base64 XML
// notification normalized to unified events. README.md has the rules.

#include <string>
#include <string_view>

#include "domain/connector.hpp"

namespace cs::connectors::braintree {

// The webhook secret is the API key pair "public_key:private_key" (Braintree signs with the
// private key and names the public key beside each signature).
struct webhook_keys {
  std::string public_key;
  std::string private_key;
};
domain::result<webhook_keys> webhook_keys_of(std::string_view secret);

// The SDK's rule: the payload holds only [A-Za-z0-9+=/\n] and is not empty; of the `&`-separated
// `public_key|hex` pairs of bt_signature (parts without `|` skipped) the FIRST whose public key
// equals ours exactly is judged, alone; it must equal hex(HMAC-SHA1(SHA1(private_key),
// payload)) or the same of payload + "\n" (lower-case hex, constant-time). UNAUTHENTICATED /
// BAD_SIGNATURE otherwise.
domain::status verify_signature(std::string_view bt_signature, std::string_view bt_payload,
                                const webhook_keys& k);

// "public_key|hex(HMAC-SHA1(SHA1(private_key), data))": Braintree's signature of `data` (what
// bt_signature carries for a payload, and the challenge answer).
std::string signature_pair(std::string_view data, const webhook_keys& k);

// The answer to Braintree's endpoint check (GET ?bt_challenge=…): "public_key|hex(HMAC-SHA1(
// SHA1(private_key), challenge))" for a challenge of 20 to 32 lower-case hex digits, else
// INVALID_ARGUMENT.
domain::result<std::string> verify_challenge(std::string_view challenge, const webhook_keys& k);

// The answer to GET <webhook URL>?bt_challenge=…, Braintree's check of a new webhook URL: the
// challenge taken from the URL's query, answered with the account's key pair (verify_challenge);
// MISSING_FIELD / INVALID_ARGUMENT naming bt_challenge otherwise. The descriptor's
// webhook_challenge: the service's GET /webhooks/braintree/{account} answers with it.
domain::result<std::string> answer_challenge(std::string_view query,
                                             const domain::secret<std::string>& webhook_secret);

// The events of a verified bt_payload (base64 XML, line breaks allowed).
domain::result<domain::webhook_result> webhook_events(std::string_view bt_payload);

// The form body's two fields (application/x-www-form-urlencoded, `+` as space); empty when
// absent. INVALID_ARGUMENT for a malformed percent escape.
struct webhook_form {
  std::string bt_signature;
  std::string bt_payload;
};
domain::result<webhook_form> read_webhook_form(std::string_view body);

}  // namespace cs::connectors::braintree
