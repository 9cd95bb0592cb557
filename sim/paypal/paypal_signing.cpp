#include "paypal_signing.hpp"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <boost/crc.hpp>

#include <stdexcept>
#include <vector>

namespace processor_sim::paypal {
namespace {

[[noreturn]] void fail(const char* what) {
  char buf[256] = {0};
  ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
  throw std::runtime_error(std::string("paypal signer: ") + what + ": " + buf);
}

}  // namespace

std::string crc32_decimal(const std::string& bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  return std::to_string(static_cast<unsigned long>(crc.checksum()));
}

std::string signed_message(const std::string& transmission_id, const std::string& transmission_time,
                           const std::string& webhook_id, const std::string& body) {
  return transmission_id + "|" + transmission_time + "|" + webhook_id + "|" + crc32_decimal(body);
}

struct webhook_signer::impl {
  EVP_PKEY* key = nullptr;
  ~impl() { EVP_PKEY_free(key); }
};

webhook_signer::webhook_signer() : impl_(std::make_unique<impl>()) {
  impl_->key = EVP_RSA_gen(2048);
  if (!impl_->key) fail("EVP_RSA_gen");
  X509* cert = X509_new();
  if (!cert) fail("X509_new");
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert), 60L * 60 * 24 * 365);
  X509_set_pubkey(cert, impl_->key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(
      name, "CN", MBSTRING_ASC,
      reinterpret_cast<const unsigned char*>("processor-sim paypal webhooks"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  if (X509_sign(cert, impl_->key, EVP_sha256()) <= 0) {
    X509_free(cert);
    fail("X509_sign");
  }
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, cert);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  cert_pem_.assign(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  X509_free(cert);
}

webhook_signer::~webhook_signer() = default;

std::string webhook_signer::sign_base64(const std::string& message) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  std::size_t len = 0;
  std::vector<unsigned char> sig;
  if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, impl_->key) <= 0 ||
      EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) <= 0) {
    EVP_MD_CTX_free(ctx);
    fail("EVP_DigestSign");
  }
  sig.resize(len);
  const int ok =
      EVP_DigestSign(ctx, sig.data(), &len, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size());
  EVP_MD_CTX_free(ctx);
  if (ok <= 0) fail("EVP_DigestSign");
  std::string out(4 * ((len + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), sig.data(),
                                static_cast<int>(len));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool webhook_signer::verify_base64(const std::string& message,
                                   const std::string& signature_b64) const {
  if (signature_b64.empty() || signature_b64.size() % 4 != 0) return false;
  std::vector<unsigned char> sig(signature_b64.size());
  int n = EVP_DecodeBlock(sig.data(), reinterpret_cast<const unsigned char*>(signature_b64.data()),
                          static_cast<int>(signature_b64.size()));
  if (n < 0) return false;
  // EVP_DecodeBlock counts the '=' padding as zero bytes.
  for (auto it = signature_b64.rbegin(); it != signature_b64.rend() && *it == '='; ++it) --n;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, impl_->key) > 0 &&
      EVP_DigestVerify(ctx, sig.data(), static_cast<std::size_t>(n),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace processor_sim::paypal
