#include "connectors/paypal/webhook_signature.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <boost/crc.hpp>
#include <boost/url.hpp>
#include <memory>

#include "connectors/common/crypto.hpp"

namespace cs::connectors::paypal {
namespace {

domain::error bad_signature(std::string message) {
  return domain::make_error(domain::error_code::unauthenticated, domain::reason::bad_signature,
                            std::move(message));
}

std::string header(const std::vector<domain::http_header>& hs, std::string_view name) {
  for (const auto& h : hs)
    if (h.name.size() == name.size() &&
        std::equal(h.name.begin(), h.name.end(), name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); }))
      return h.value;
  return {};
}

template <class T, void (*F)(T*)>
struct deleter {
  void operator()(T* p) const { F(p); }
};
using bio_ptr = std::unique_ptr<BIO, deleter<BIO, BIO_free_all>>;
using x509_ptr = std::unique_ptr<X509, deleter<X509, X509_free>>;
using pkey_ptr = std::unique_ptr<EVP_PKEY, deleter<EVP_PKEY, EVP_PKEY_free>>;
using md_ctx_ptr = std::unique_ptr<EVP_MD_CTX, deleter<EVP_MD_CTX, EVP_MD_CTX_free>>;

}  // namespace

domain::result<transmission> transmission_of(const std::vector<domain::http_header>& headers) {
  transmission t{header(headers, "PAYPAL-TRANSMISSION-ID"),
                 header(headers, "PAYPAL-TRANSMISSION-TIME"), header(headers, "PAYPAL-CERT-URL"),
                 header(headers, "PAYPAL-AUTH-ALGO"), header(headers, "PAYPAL-TRANSMISSION-SIG")};
  for (auto [value, name] : {std::pair{&t.id, "PAYPAL-TRANSMISSION-ID"},
                             {&t.time, "PAYPAL-TRANSMISSION-TIME"},
                             {&t.cert_url, "PAYPAL-CERT-URL"},
                             {&t.auth_algo, "PAYPAL-AUTH-ALGO"},
                             {&t.signature, "PAYPAL-TRANSMISSION-SIG"}})
    if (value->empty()) return bad_signature(fmt::format("the {} header is missing", name));
  return t;
}

std::uint32_t crc32(std::string_view body) noexcept {
  boost::crc_32_type crc;  // java.util.zip.CRC32's polynomial and reflection
  crc.process_bytes(body.data(), body.size());
  return crc.checksum();
}

std::string signed_message(const transmission& t, std::string_view webhook_id,
                           std::string_view body) {
  return fmt::format("{}|{}|{}|{}", t.id, t.time, webhook_id, crc32(body));
}

domain::status verify_signature(const transmission& t, std::string_view webhook_id,
                                std::string_view body, std::string_view cert_pem,
                                std::chrono::system_clock::time_point at) {
  if (t.auth_algo != "SHA256withRSA")
    return bad_signature(
        fmt::format("PAYPAL-AUTH-ALGO '{}' is not SHA256withRSA", t.auth_algo.substr(0, 32)));
  if (webhook_id.empty())
    return domain::make_error(domain::error_code::unauthenticated,
                              domain::reason::missing_credentials,
                              "no PayPal webhook_id is configured to verify the webhook against");
  auto sig = base64_decode(t.signature);
  if (!sig || sig->empty()) return bad_signature("PAYPAL-TRANSMISSION-SIG is not base64");
  bio_ptr bio(BIO_new_mem_buf(cert_pem.data(), static_cast<int>(cert_pem.size())));
  x509_ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  if (!cert) return bad_signature("the PayPal signing certificate cannot be read");
  // X509_cmp_time: -1 when the certificate's time is at or before `when`, 1 after, 0 on error.
  std::time_t when = std::chrono::system_clock::to_time_t(at);
  if (X509_cmp_time(X509_get0_notBefore(cert.get()), &when) != -1 ||
      X509_cmp_time(X509_get0_notAfter(cert.get()), &when) != 1)
    return bad_signature("the PayPal signing certificate is not valid at the delivery's time");
  pkey_ptr key(X509_get_pubkey(cert.get()));
  md_ctx_ptr ctx(EVP_MD_CTX_new());
  auto message = signed_message(t, webhook_id, body);
  bool ok =
      key && ctx &&
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  if (!ok) return bad_signature("the PayPal webhook signature does not verify");
  return domain::ok_status();
}

domain::status check_cert_url(std::string_view url,
                              std::initializer_list<std::string_view> allowed_hosts,
                              bool allow_port) {
  auto refuse = [](std::string_view why) {
    return bad_signature(fmt::format("PAYPAL-CERT-URL is refused: {}", why));
  };
  auto u = boost::urls::parse_uri(url);
  if (!u) return refuse("not a URL");
  if (u->scheme() != "https") return refuse("not https");
  if (u->has_userinfo()) return refuse("user info");
  if (u->has_port() && !allow_port) return refuse("a port");
  std::string host(u->encoded_host());
  for (auto& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto allowed : allowed_hosts)
    if (host == allowed || (host.size() > allowed.size() && host.ends_with(allowed) &&
                            host[host.size() - allowed.size() - 1] == '.'))
      return domain::ok_status();
  return refuse(fmt::format("host '{}' is not PayPal's", host.substr(0, 64)));
}

}  // namespace cs::connectors::paypal
