// The tables of processors and their accounts: [connectors.<connector>] with its retry,
// circuit_breaker, rate_limit and base_urls tables, and [merchant_accounts.<account>].
#include <algorithm>
#include <cmath>

#include "service/config_schema_tables.hpp"

namespace cs::service {
namespace {

using enum value_type;
using actors::connector_settings;

constexpr field<connector_settings> connector_fields[] = {
    {{.key = "pool_size",
      .type = integer,
      .fallback = "2",
      .min = 1,
      .max = 256,
      .comment = "HTTP clients (workers), each with its own keep-alive connections",
      .doc = "HTTP clients (\"workers\") per connector, each with its own strand and connections; "
             "calls are spread round-robin"},
     [](connector_settings& s, const value& v) { s.pool.workers = v.count(); }},
    {{.key = "connect_timeout_ms",
      .type = integer,
      .fallback = "2000",
      .min = 1,
      .max = 600000,
      .comment = "TCP connect and TLS handshake",
      .doc = "TCP connect (and TLS handshake within the call's time)"},
     [](connector_settings& s, const value& v) { s.pool.client.connect_timeout = v.ms(); }},
    {{.key = "request_timeout_ms",
      .type = integer,
      .fallback = "10000",
      .min = 1,
      .max = 600000,
      .at_least = "connect_timeout_ms",
      .comment = "per processor call; never more than the call's deadline",
      .doc = "one processor call; capped by the call's deadline"},
     [](connector_settings& s, const value& v) { s.request_timeout = v.ms(); }},
    {{.key = "max_idle_connections",
      .type = integer,
      .fallback = "64",
      .min = 0,
      .max = 10000,
      .comment = "idle keep-alive connections kept per worker and host",
      .doc = "idle keep-alive connections kept per worker and host; keep it at `max_connections`, "
             "or connections are closed and reopened (a TLS handshake each) under load"},
     [](connector_settings& s, const value& v) { s.pool.client.max_idle_per_host = v.count(); }},
    {{.key = "max_connections",
      .type = integer,
      .fallback = "64",
      .min = 1,
      .max = 100000,
      .comment = "per worker and host; more calls wait in line for one",
      .doc = "connections per worker and host (in use + idle); a call that finds them all busy "
             "waits in line for one within its deadline, else `DEADLINE_EXCEEDED` / "
             "`DEADLINE_BEFORE_SEND` naming this key. Bounds memory (~135 KB per TLS connection "
             "under load) and stops a slow processor from turning load into thousands of "
             "handshakes. Size it as throughput × processor latency ÷ `pool_size` (2 × 64 "
             "connections at 200 ms carry 640 calls/s)"},
     [](connector_settings& s, const value& v) { s.pool.client.max_connections = v.count(); }},
    {{.key = "http2",
      .type = boolean,
      .fallback = "true",
      .comment = "offer HTTP/2 (ALPN h2); HTTP/1.1 where the processor does not take it",
      .doc = "offer HTTP/2 by ALPN on TLS connections to the processor: where it accepts, calls "
             "are streams on at most `max_connections` shared connections per worker (2,000 "
             "calls in flight need 2 connections, not 2,000); a host that answers HTTP/1.1 stays "
             "on keep-alive HTTP/1.1 connections. A stream the processor resets after the "
             "request was sent is `OUTCOME_UNKNOWN`, as a lost HTTP/1.1 connection is"},
     [](connector_settings& s, const value& v) { s.pool.client.http2 = v.boolean; }},
    {{.key = "webhook_tolerance_s",
      .type = integer,
      .fallback = "300",
      .min = 1,
      .max = 86400,
      .comment = "max age of a timestamped webhook signature (Stripe)",
      .doc = "how far a timestamped webhook signature (Stripe `t=`) may be from now"},
     [](connector_settings& s, const value& v) {
       s.webhook_tolerance = std::chrono::seconds(v.integer);
     }},
    {{.key = "max_in_flight",
      .type = integer,
      .fallback = "2048",
      .min = 1,
      .max = 1000000,
      .comment = "calls held at once; beyond: RESOURCE_EXHAUSTED / OVERLOADED",
      .doc = "calls the pool holds at once (sending, waiting for a rate-limit token or a retry); "
             "beyond it: `RESOURCE_EXHAUSTED` / `OVERLOADED`, nothing sent"},
     [](connector_settings& s, const value& v) { s.pool.max_in_flight = v.count(); }},
};

constexpr field<actors::retry_config> retry_fields[] = {
    {{.key = "max_attempts",
      .type = integer,
      .fallback = "3",
      .min = 1,
      .max = 10,
      .comment = "first attempt included; 1 = never retry",
      .doc = "attempts per processor call, first included; 1 = never retry"},
     [](actors::retry_config& r, const value& v) { r.max_attempts = static_cast<int>(v.integer); }},
    {{.key = "backoff_ms",
      .type = integer,
      .fallback = "100",
      .min = 1,
      .max = 60000,
      .comment = "full-jitter exponential backoff: ceiling 100, 200, 400 ms …",
      .doc = "first backoff ceiling; doubles per attempt, full jitter (a random wait between 0 and "
             "the ceiling)"},
     [](actors::retry_config& r, const value& v) { r.backoff = v.ms(); }},
    {{.key = "backoff_max_ms",
      .type = integer,
      .fallback = "2000",
      .min = 1,
      .max = 600000,
      .at_least = "backoff_ms",
      .comment = "… capped here; Retry-After wins when longer",
      .doc = "backoff ceiling cap; a longer `Retry-After` wins"},
     [](actors::retry_config& r, const value& v) { r.backoff_max = v.ms(); }},
    {{.key = "budget_percent",
      .type = number,
      .fallback = "20",
      .min = 0,
      .max = 100,
      .comment = "retries earned per 100 first attempts",
      .doc = "retries earned per 100 first attempts: retries cannot multiply the load on a "
             "failing processor"},
     [](actors::retry_config& r, const value& v) { r.budget_percent = v.number; }},
    {{.key = "budget_min_per_s",
      .type = number,
      .fallback = "5",
      .min = 0,
      .max = 100000,
      .comment = "retries always allowed per second",
      .doc = "retries always earned per second, so a quiet connector can still retry; the budget "
             "holds at most 10 s of this plus 100 first attempts' worth"},
     [](actors::retry_config& r, const value& v) { r.budget_min_per_s = v.number; }},
};

constexpr field<actors::breaker_config> breaker_fields[] = {
    {{.key = "failure_percent",
      .type = number,
      .fallback = "50",
      .min = 1,
      .max = 100,
      .comment = "opens at this share of failed calls (transport or 5xx) …",
      .doc = "the breaker of one endpoint (base URL) opens when this share of calls in the window "
             "failed (transport failure or 5xx; a 4xx or a decline is not a failure)"},
     [](actors::breaker_config& b, const value& v) { b.failure_percent = v.number; }},
    {{.key = "min_calls",
      .type = integer,
      .fallback = "20",
      .min = 1,
      .max = 1000000,
      .comment = "… over at least this many calls …",
      .doc = "no verdict below this many calls in the window"},
     [](actors::breaker_config& b, const value& v) { b.min_calls = static_cast<int>(v.integer); }},
    {{.key = "window_ms",
      .type = integer,
      .fallback = "10000",
      .min = 100,
      .max = 3600000,
      .comment = "… in this sliding window",
      .doc = "sliding window (10 slices)"},
     [](actors::breaker_config& b, const value& v) { b.window = v.ms(); }},
    {{.key = "open_ms",
      .type = integer,
      .fallback = "5000",
      .min = 1,
      .max = 3600000,
      .comment = "answers UNAVAILABLE / CIRCUIT_OPEN this long, then probes",
      .doc = "how long an open breaker answers `UNAVAILABLE` / `CIRCUIT_OPEN` at once (with "
             "`RetryInfo`), nothing sent"},
     [](actors::breaker_config& b, const value& v) { b.open_for = v.ms(); }},
    {{.key = "probes",
      .type = integer,
      .fallback = "1",
      .min = 1,
      .max = 1000,
      .comment = "calls let through half-open; all must succeed to close",
      .doc = "calls let through when the time is up (half-open); all succeed → closed, one fails "
             "→ open again"},
     [](actors::breaker_config& b, const value& v) { b.probes = static_cast<int>(v.integer); }},
};

// Keys are stored in this order: per_second sets burst's default (one second's worth), which a
// burst key then overrides.
constexpr field<actors::rate_limit_config> rate_limit_fields[] = {
    {{.key = "per_second",
      .type = number,
      .min = 0,
      .max = 1e6,
      .above_min = true,
      .required = "is required in a rate_limit table (remove the table for no limit)",
      .example = "100",
      .comment = "required in the table",
      .doc = "token-bucket rate of calls to the processor (retries count); the table is "
             "optional, but when present this key is required",
      .default_doc = "no limit"},
     [](actors::rate_limit_config& r, const value& v) {
       r.per_second = v.number;
       r.burst = std::max(1.0, std::floor(v.number));
     }},
    {{.key = "burst",
      .type = integer,
      .min = 1,
      .max = 1000000,
      .example = "100",
      .comment = "default: one second's worth",
      .doc = "tokens available at once",
      .default_doc = "one second's worth"},
     [](actors::rate_limit_config& r, const value& v) {
       r.burst = static_cast<double>(v.integer);
     }},
    {{.key = "queue",
      .type = integer,
      .fallback = "100",
      .min = 0,
      .max = 1000000,
      .comment = "calls that may wait for a token; then RATE_LIMITED",
      .doc = "calls that may wait for a token; beyond it, or when the wait would pass the call's "
             "deadline: `RESOURCE_EXHAUSTED` / `RATE_LIMITED` with `RetryInfo` = the wait"},
     [](actors::rate_limit_config& r, const value& v) { r.queue = v.count(); }},
};

constexpr field<names_only> base_url_fields[] = {
    {{.key = "<base>",
      .doc = "the processor's endpoints by name; `https://` unless "
             "`tls.allow_plain_http_for_tests`; never taken from a request",
      .default_doc = "the processor's sandbox"},
     nullptr},
};

constexpr field<actors::merchant_account> account_fields[] = {
    {{.key = "connector",
      .required = "is required",
      .example = R"("<connector>")",
      .doc = "which connector the account belongs to (enabled under `[connectors]`)"},
     [](actors::merchant_account& a, const value& v) { a.connector = v.text; }},
    {{.key = "<credential>",
      .type = secret,
      .lead = "The connector's credentials: keep them in the environment (these variables); "
              "shape-checked\nat start, never echoed.",
      .doc = "the connector's credential keys; shape-checked at start (no whitespace or control "
             "characters; e.g. Stripe `sk_`/`rk_`, Razorpay `rzp_test_`/`rzp_live_`), the value "
             "never echoed",
      .default_doc = "required"},
     nullptr},
    {{.key = "webhook_secret",
      .type = secret,
      .fallback = R"("")",
      .comment = "verifies the processor's webhooks",
      .doc = "verifies that processor's webhooks (e.g. Adyen: the HMAC key, 64 hex characters; "
             "Stripe: `whsec_…`); shape-checked at start, never echoed"},
     [](actors::merchant_account& a, const value& v) {
       a.webhook_secret = domain::secret<std::string>(v.text);
     }},
    {{.key = "webhook_verification",
      .type = choice,
      .fallback = R"("local")",
      .choices = "local|api",
      .comment = "local | api (the processor checks each delivery; PayPal only)",
      .doc = "who checks the account's webhooks: `local`, this service with `webhook_secret`; "
             "`api`, the processor, asked with the account's credentials (PayPal's "
             "`verify-webhook-signature`, `webhook_secret` being the webhook id; only for "
             "connectors that have such a call). A delivery the processor cannot judge "
             "(unreachable, 5xx) is answered 502 and redelivered"},
     [](actors::merchant_account& a, const value& v) {
       a.webhooks = v.text == "api" ? actors::webhook_verification::api
                                    : actors::webhook_verification::local;
     }},
};

}  // namespace

constinit const table<connector_settings> connector_table{
    {.path = "connectors.<connector>",
     .lead = "One table per enabled connector; a connector not listed here answers "
             "INVALID_ARGUMENT."},
    connector_fields};
constinit const table<actors::retry_config> retry_table{
    {.path = "connectors.<connector>.retry",
     .lead = "Resilience (docs/operations.md explains what is retried and why it cannot charge "
             "twice).\nThe same tables exist for every connector; shown once here with their "
             "defaults."},
    retry_fields};
constinit const table<actors::breaker_config> breaker_table{
    {.path = "connectors.<connector>.circuit_breaker", .note = "one breaker per base URL"},
    breaker_fields};
constinit const table<actors::rate_limit_config> connector_rate_limit_table{
    {.path = "connectors.<connector>.rate_limit",
     .optional = true,
     .lead = "Optional token-bucket limit on calls to the processor (no table = no limit):"},
    rate_limit_fields};
constinit const table<names_only> base_urls_table{
    {.path = "connectors.<connector>.base_urls", .note = "never taken from a request"},
    base_url_fields};
constinit const table<actors::merchant_account> account_table{
    {.path = "merchant_accounts.<account>",
     .lead = "Credentials a client can use by name (gRPC metadata x-merchant-account: <account>) "
             "instead of\nsending x-auth-* metadata with every call. Keys are the connector's "
             "credential names."},
    account_fields};
constinit const table<actors::rate_limit_config> account_rate_limit_table{
    {.path = "merchant_accounts.<account>.rate_limit",
     .optional = true,
     .same_keys_as = "connectors.<connector>.rate_limit",
     .note = "this account's own share",
     .doc = "a token bucket for calls made with `x-merchant-account: <account>`, "
            "on top of the connector's limit",
     .default_doc = "no limit"},
    rate_limit_fields};

}  // namespace cs::service
