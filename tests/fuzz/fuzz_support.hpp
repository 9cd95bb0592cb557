#pragma once
// Shared by the fuzz targets: cut one input into the pieces a target needs, read processor
// replies from it, drive a connector flow step by step with them (as the flow actor would) and
// check that no error or result carries the credential.
//
// A reply is "<3 digits><flags><body>": the digits are the HTTP status (any other byte counts as
// some digit), bits of the flags byte add headers processors send (a space adds none). The
// replies of a multi-step flow are separated by "\n--\n".

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/connector.hpp"

namespace cs_fuzz {

using namespace cs::domain;

inline constexpr std::string_view reply_separator = "\n--\n";

class input {
 public:
  input(const std::uint8_t* data, std::size_t size)
      : rest_(reinterpret_cast<const char*>(data), size) {}

  // The next byte, 0 when none is left.
  std::uint8_t byte() {
    if (rest_.empty()) return 0;
    auto b = static_cast<std::uint8_t>(rest_.front());
    rest_.remove_prefix(1);
    return b;
  }
  // Up to the first `sep` (which is dropped), or all that is left.
  std::string_view until(std::string_view sep) {
    auto at = rest_.find(sep);
    auto head = rest_.substr(0, at);
    rest_ = at == std::string_view::npos ? std::string_view() : rest_.substr(at + sep.size());
    return head;
  }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

inline http_response reply(std::string_view record) {
  auto digit = [&](std::size_t i) {
    if (i >= record.size()) return 0;
    char c = record[i];
    return c >= '0' && c <= '9' ? c - '0' : static_cast<unsigned char>(c) % 10;
  };
  http_response r;
  r.status = digit(0) * 100 + digit(1) * 10 + digit(2);
  auto flags = record.size() > 3 ? static_cast<unsigned char>(record[3]) : 0;
  if (flags & 1) r.headers.push_back({"Transient-Error", "true"});
  if (flags & 2) r.headers.push_back({"Stripe-Should-Retry", flags & 4 ? "true" : "false"});
  if (flags & 8) r.headers.push_back({"Request-Id", "req_fuzz"});
  if (flags & 16) r.headers.push_back({"Retry-After", "2"});
  r.body = std::string(record.size() > 4 ? record.substr(4) : std::string_view());
  return r;
}

inline std::vector<http_response> replies(input& in, std::size_t max = 8) {
  std::vector<http_response> out;
  while (!in.rest().empty() && out.size() < max) out.push_back(reply(in.until(reply_separator)));
  return out;
}

// A credential must never come back in an error or a processor_error (it is logged and sent to
// clients); scrubbing is what keeps it out when a processor echoes it.
inline void expect_no_secret(std::string_view text, std::string_view secret, const char* where) {
  if (secret.empty() || text.find(secret) == std::string_view::npos) return;
  std::fprintf(stderr, "fuzz: the credential appears in %s\n", where);
  std::abort();
}

inline void expect_no_secret(const error& e, std::string_view secret) {
  expect_no_secret(e.message, secret, "error.message");
  expect_no_secret(e.processor_message, secret, "error.processor_message");
  expect_no_secret(e.processor_code, secret, "error.processor_code");
}

inline void expect_no_secret(const processor_error& pe, std::string_view secret) {
  expect_no_secret(pe.processor_message, secret, "processor_error.processor_message");
  expect_no_secret(pe.processor_code, secret, "processor_error.processor_code");
  expect_no_secret(pe.decline_code_raw, secret, "processor_error.decline_code_raw");
}

template <class T>
void expect_no_secret(const result<T>& r, std::string_view secret) {
  if (!r) return expect_no_secret(r.err(), secret);
  // A processor's status word reaches clients as `processor_status` and is logged.
  if constexpr (requires { r->processor_status; })
    expect_no_secret(r->processor_status, secret, "processor_status");
  if constexpr (requires { r->payment.processor_status; })
    expect_no_secret(r->payment.processor_status, secret, "payment.processor_status");
  if constexpr (requires { r->error; })
    if (r->error) expect_no_secret(*r->error, secret);
  if constexpr (requires { r->payment.error; })
    if (r->payment.error) expect_no_secret(*r->payment.error, secret);
  if constexpr (requires { r->decline; })
    if (r->decline) expect_no_secret(*r->decline, secret);
}

// The card and the request keys every replies target builds its requests with.
inline card test_card(std::string number, int month, int year, std::string cvc,
                      std::string holder) {
  card c;
  c.number = secret<std::string>(std::move(number));
  c.expiry_month = month;
  c.expiry_year = year;
  c.cvc = secret<std::string>(std::move(cvc));
  c.holder_name = std::move(holder);
  return c;
}

template <class Req>
Req keyed(Req r) {
  r.idempotency_key = "idem-fuzz-1";
  r.merchant_reference = "order-1";
  return r;
}

// Runs one flow: the first call builds the first request (it must: else the target's request is
// out of date); each reply answers the last request until the flow returns its result or error,
// or the replies run out.
template <class Req, class R>
void drive(const cs::domain::connector& c,
           cs::domain::flow_fn<Req, R> cs::domain::flow_table::*entry, const Req& req,
           const std::vector<http_response>& answers, const credentials& creds,
           std::string_view secret) {
  auto fn = c.flows.*entry;
  if (!fn) {
    std::fprintf(stderr, "fuzz: %s has no such flow\n", std::string(c.name).c_str());
    std::abort();
  }
  std::vector<exchange> done;
  for (std::size_t i = 0; i <= answers.size(); ++i) {
    auto s = fn(req, flow_context{creds, std::span<const exchange>(done)});
    if (!s && i == 0) {
      // The target's own request was refused: it would never reach the reply parsers.
      std::fprintf(stderr, "fuzz: the flow refused the target's request: %s\n",
                   s.err().message.c_str());
      std::abort();
    }
    if (!s) return expect_no_secret(s.err(), secret);
    if (auto* r = std::get_if<R>(&s.value())) return expect_no_secret(result<R>(*r), secret);
    if (i == answers.size()) return;
    done.push_back(exchange{std::get<http_request>(std::move(s).value()), answers[i]});
  }
}

}  // namespace cs_fuzz
