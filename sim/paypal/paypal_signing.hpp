#pragma once
// PayPal's webhook signature: PAYPAL-TRANSMISSION-SIG = base64(SHA256withRSA over
// "<transmission_id>|<transmission_time>|<webhook_id>|<crc32 of the raw body, unsigned decimal>"),
// checked with the public key of the certificate at PAYPAL-CERT-URL. The simulator makes its own
// RSA-2048 key and self-signed certificate at start and serves the certificate itself.

#include <memory>
#include <string>

namespace processor_sim::paypal {

// CRC-32 (the zip / java.util.zip.CRC32 one) of the bytes, as an unsigned decimal.
std::string crc32_decimal(const std::string& bytes);
std::string signed_message(const std::string& transmission_id, const std::string& transmission_time,
                           const std::string& webhook_id, const std::string& body);

class webhook_signer {
 public:
  webhook_signer();  // generates the key and certificate; throws std::runtime_error
  ~webhook_signer();
  webhook_signer(const webhook_signer&) = delete;
  webhook_signer& operator=(const webhook_signer&) = delete;

  std::string sign_base64(const std::string& message) const;
  bool verify_base64(const std::string& message, const std::string& signature_b64) const;
  const std::string& cert_pem() const { return cert_pem_; }

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
  std::string cert_pem_;
};

}  // namespace processor_sim::paypal
