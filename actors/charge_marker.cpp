#include "actors/charge_marker.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <random>

namespace cs::actors {
namespace {

std::string hex(const unsigned char* p, std::size_t n) {
  std::string out;
  out.reserve(2 * n);
  for (std::size_t i = 0; i < n; ++i) fmt::format_to(std::back_inserter(out), "{:02x}", p[i]);
  return out;
}

std::string random_token() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    // Never in practice; a token that is only unlikely to repeat still works (the key is the
    // guard, the token only decides who may delete it).
    static thread_local std::mt19937_64 rng{std::random_device{}()};
    for (auto& x : b) x = static_cast<unsigned char>(rng());
  }
  return hex(b, sizeof b);
}

}  // namespace

std::string credentials_tag(const domain::connector& c, const domain::credentials& creds) {
  std::string text;
  for (auto key : c.credential_keys) {
    auto* v = creds.find(key);
    text += fmt::format("{}={}\n", key, v ? v->reveal() : std::string());
  }
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(text.data(), text.size(), md, &n, EVP_sha256(), nullptr);
  // 64 bits tell accounts apart; the whole digest would only make the key longer.
  return hex(md, std::min<unsigned int>(n, 8));
}

std::string charge_marker_key(const shared_state& s, std::string_view connector,
                              std::string_view account_tag, std::string_view name) {
  return fmt::format("{}charge:{{{}}}:{}:{}", s.prefix, connector, account_tag, name);
}

std::chrono::milliseconds charge_marker_ttl(std::chrono::steady_clock::time_point deadline,
                                            std::chrono::steady_clock::time_point now) {
  using namespace std::chrono;
  // The flow sends nothing after its deadline, and each attempt ends by it; 5 s for the
  // answer's way back. Capped at a day: a client's absurd deadline must not pin a key forever.
  auto left = deadline > now ? duration_cast<milliseconds>(deadline - now) : milliseconds(0);
  left = std::min<milliseconds>(left, hours(24));
  return std::max<milliseconds>(seconds(30), left + seconds(5));
}

std::optional<charge_marker_claim> charge_marker_for(const connector_handle& h, domain::flow f,
                                                     std::string_view merchant_reference,
                                                     std::string_view idempotency_key,
                                                     const domain::credentials& creds,
                                                     std::chrono::steady_clock::time_point deadline,
                                                     std::string_view request_id) {
  if (!h.shared || !h.marker || !h.marker->name || !h.marker->covers(f) || !h.descriptor)
    return std::nullopt;
  auto name = h.marker->name(merchant_reference, idempotency_key);
  if (!name || name->empty()) return std::nullopt;
  charge_marker_claim c;
  c.shared = h.shared;
  c.key =
      charge_marker_key(h.shared, h.descriptor->name, credentials_tag(*h.descriptor, creds), *name);
  c.token = random_token();
  c.ttl = charge_marker_ttl(deadline, std::chrono::steady_clock::now());
  c.connector = std::string(h.descriptor->name);
  c.request_id = std::string(request_id);
  return c;
}

const net::redis_script& take_script() {
  static const auto script = net::redis_script::make(R"lua(
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {1, 0} end
return {0, redis.call('PTTL', KEYS[1])}
)lua");
  return script;
}

const net::redis_script& release_script() {
  static const auto script = net::redis_script::make(R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua");
  return script;
}

void take_charge_marker(const charge_marker_claim& c, std::function<void(take_answer)> then) {
  c.shared.redis->eval(
      take_script(), {c.key}, {c.token, std::to_string(c.ttl.count())},
      [then = std::move(then)](net::redis_outcome o) {
        using kind = net::redis_reply::kind;
        take_answer a;
        if (!o) {
          // A timeout may have set it: release it at the end like a marker held.
          a.may_hold = *o.failure == net::redis_failure::timeout;
          note_fallback("charge_marker", net::to_string(*o.failure), o.message);
        } else if (o.reply.type != kind::array || o.reply.elements.size() != 2 ||
                   o.reply.elements[0].type != kind::integer ||
                   o.reply.elements[1].type != kind::integer) {
          a.may_hold = true;
          note_fallback("charge_marker", "bad_reply",
                        "the marker script answered something else than {taken, pttl}");
        } else if (o.reply.elements[0].integer == 1) {
          a.what = take_answer::state::held;
          a.may_hold = true;
        } else {
          a.what = take_answer::state::busy;
          a.left = std::chrono::milliseconds(std::max<long long>(0, o.reply.elements[1].integer));
        }
        then(a);
      });
}

void release_charge_marker(const charge_marker_claim& c, std::function<void()> then) {
  c.shared.redis->eval(release_script(), {c.key}, {c.token},
                       [then = std::move(then)](net::redis_outcome o) {
                         // Not released: it expires at its ttl; a retry meanwhile is answered
                         // "retry later".
                         if (!o)
                           note_fallback("charge_marker", net::to_string(*o.failure), o.message);
                         if (then) then();
                       });
}

bool outcome_settled(const domain::error& e) noexcept {
  return e.reason != domain::reason::outcome_unknown && e.reason != domain::reason::flow_lost &&
         e.code != domain::error_code::unknown;
}

domain::error concurrent_attempt(std::string_view connector, std::chrono::milliseconds left) {
  auto e = domain::make_error(
      domain::error_code::unavailable, domain::reason::processor_rejected,
      fmt::format("another call with the same merchant_reference / idempotency_key is charging at "
                  "{} now (on this or another replica): nothing was sent; retry with the same "
                  "idempotency_key, which then returns that call's payment",
                  connector));
  e.retryable = true;
  // Most such calls end within a second; one that ended unknown keeps its marker for `left`.
  e.retry_after = std::min<std::chrono::milliseconds>(left, std::chrono::seconds(1));
  if (e.retry_after <= std::chrono::milliseconds(0)) e.retry_after = std::chrono::milliseconds(100);
  return e;
}

}  // namespace cs::actors
