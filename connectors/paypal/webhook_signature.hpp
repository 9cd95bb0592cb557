#pragma once
// PayPal's own check of a webhook delivery, done locally (the PayPal Java SDK's
// Event.validateReceivedEvent): the PAYPAL-TRANSMISSION-SIG is an RSA signature (PAYPAL-AUTH-ALGO
// SHA256withRSA) over "<transmission id>|<transmission time>|<webhook id>|<CRC32 of the raw body
// as an unsigned decimal>", made with the key of the certificate at PAYPAL-CERT-URL. Pure: the
// certificate is fetched (and cached) by the caller, only from a URL check_cert_url accepts.

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "domain/http.hpp"
#include "domain/result.hpp"

namespace cs::connectors::paypal {

struct transmission {
  std::string id, time, cert_url, auth_algo, signature;
};

// The PAYPAL-TRANSMISSION-* headers (any case); UNAUTHENTICATED / BAD_SIGNATURE naming the
// first one missing.
domain::result<transmission> transmission_of(const std::vector<domain::http_header>& headers);

std::uint32_t crc32(std::string_view body) noexcept;
std::string signed_message(const transmission& t, std::string_view webhook_id,
                           std::string_view body);

// OK when the signature verifies with the public key of a certificate valid at `at` (when the
// delivery arrived); UNAUTHENTICATED / BAD_SIGNATURE otherwise (also for an algorithm other than
// SHA256withRSA, an unreadable certificate or signature, or a certificate not yet or no longer
// valid). The chain is not checked: the certificate comes over verified TLS from a PayPal host
// only (check_cert_url).
domain::status verify_signature(const transmission& t, std::string_view webhook_id,
                                std::string_view body, std::string_view cert_pem,
                                std::chrono::system_clock::time_point at);

// The certificate may only come from PayPal: https, no user info, and a host equal to or under
// one of `allowed_hosts` (e.g. "paypal.com" takes api.sandbox.paypal.com); a port only when
// `allow_port` (the configured API host, which may be the simulator's).
domain::status check_cert_url(std::string_view url,
                              std::initializer_list<std::string_view> allowed_hosts,
                              bool allow_port = false);

}  // namespace cs::connectors::paypal
