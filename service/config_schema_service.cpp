// The service's own tables: [server], [log], [tls], [clients.<client>], [webhooks], [redis].
#include "service/config_schema_tables.hpp"

namespace cs::service {
namespace {

using enum value_type;

constexpr field<config> server_fields[] = {
    {{.key = "grpc_address",
      .fallback = R"("127.0.0.1:50051")",
      .comment = "host:port of the gRPC API (port 0 = any free port)",
      .doc = "gRPC API, health, reflection (`host:port`; port 0 = any free port)"},
     [](config& c, const value& v) { c.grpc_address = v.text; }},
    {{.key = "http_address",
      .fallback = R"("127.0.0.1:8080")",
      .comment = "GET /healthz, /metrics; POST /webhooks/{connector}/{account}",
      .doc = "`GET /healthz`, `GET /metrics`, `POST /webhooks/{connector}[/{merchant_account}]`"},
     [](config& c, const value& v) { c.http_address = v.text; }},
    {{.key = "http_max_connections",
      .type = integer,
      .fallback = "1024",
      .min = 1,
      .max = 1000000,
      .comment = "beyond it the HTTP port stops accepting until one closes",
      .doc = "connections the HTTP port serves at once; beyond it it stops accepting (the kernel "
             "backlog holds the rest) until one closes. When accept fails (out of file "
             "descriptors) it backs off 10 ms doubling to 1 s and logs a warning, instead of "
             "spinning"},
     [](config& c, const value& v) { c.http_max_connections = v.count(); }},
    {{.key = "actor_threads",
      .type = integer,
      .fallback = "2",
      .min = 1,
      .max = 64,
      .comment = "CAF scheduler threads (sharing policy)",
      .doc = "CAF scheduler threads (policy `sharing`)"},
     [](config& c, const value& v) { c.runtime.actor_threads = v.count(); }},
    {{.key = "io_threads",
      .type = integer,
      .fallback = "1",
      .min = 1,
      .max = 64,
      .comment = "threads running outbound HTTPS I/O",
      .doc = "threads running outbound HTTPS I/O"},
     [](config& c, const value& v) { c.runtime.io_threads = v.count(); }},
    {{.key = "default_deadline_ms",
      .type = integer,
      .fallback = "30000",
      .min = 1,
      .max = 3600000,
      .comment = "bound of a whole flow when the client sets no gRPC deadline",
      .doc = "bound of a flow when the client sets no gRPC deadline; not below any connector's "
             "`connect_timeout_ms`"},
     [](config& c, const value& v) { c.runtime.default_deadline = v.ms(); }},
    {{.key = "shutdown_grace_ms",
      .type = integer,
      .fallback = "5000",
      .min = 0,
      .max = 3600000,
      .comment = "SIGTERM: how long calls in flight may finish",
      .doc = "drain time after SIGTERM: calls in flight get this long to finish (then they are "
             "cancelled); new calls are refused at once"},
     [](config& c, const value& v) { c.shutdown_grace = v.ms(); }},
    {{.key = "grpc_tls_cert_file",
      .fallback = R"("")",
      .lead = "Who may call the gRPC port. On an address beyond loopback the service refuses to "
              "start without\nTLS and client authentication ([clients.*] API keys or a client "
              "CA) unless allow_insecure.",
      .comment = "PEM certificate chain; set with grpc_tls_key_file: TLS",
      .doc = "PEM certificate chain: TLS on the gRPC port, with `grpc_tls_key_file`"},
     [](config& c, const value& v) { c.security.grpc.tls_cert_file = v.text; }},
    {{.key = "grpc_tls_key_file",
      .fallback = R"("")",
      .comment = "PEM private key",
      .doc = "PEM private key of `grpc_tls_cert_file`"},
     [](config& c, const value& v) { c.security.grpc.tls_key_file = v.text; }},
    {{.key = "grpc_tls_client_ca_file",
      .fallback = R"("")",
      .comment = "set: mutual TLS, clients need a certificate this CA signed",
      .doc = "mutual TLS: clients must present a certificate this CA signed"},
     [](config& c, const value& v) { c.security.grpc.tls_client_ca_file = v.text; }},
    {{.key = "allow_insecure",
      .type = boolean,
      .fallback = "false",
      .comment = "true: listen beyond loopback anyway (logged as a warning)",
      .doc = "a `grpc_address` beyond loopback without TLS and client authentication (API keys or "
             "a client CA) stops the start unless this is true (then a warning is logged)"},
     [](config& c, const value& v) { c.security.allow_insecure = v.boolean; }},
};

constexpr field<config> log_fields[] = {
    {{.key = "level",
      .type = choice,
      .fallback = R"("info")",
      .choices = "trace|debug|info|warn|error",
      .comment = "trace | debug | info | warn | error",
      .doc = "`debug` adds one line per processor call (method, path, status, time — never bodies "
             "or headers)"},
     [](config& c, const value& v) { c.log_level = v.text; }},
    {{.key = "format",
      .type = choice,
      .fallback = R"("text")",
      .choices = "text|json",
      .comment = "text (terminal) | json (one JSON object per line)",
      .doc = "`text` for a terminal; `json` writes one object per line: `ts`, `level`, the line's "
             "leading `key=value` pairs (`request_id`, `connector`, `flow`, `method` (masked: "
             "`card:424242…4242`, `sepa_debit:DE89…3000`), `step`, `status`, "
             "`reason`, `latency_ms`, …) as fields, and `msg`"},
     [](config& c, const value& v) { c.log_format = v.text; }},
};

constexpr field<names_only> log_component_fields[] = {
    {{.key = "<component>",
      .example = R"(actors = "debug")",
      .comment = "one line per processor call: method, path, status, time",
      .doc = "level of one component: `grpc` (one line per RPC), `actors` (one line per processor "
             "call at debug), `webhook` (verification and relay)",
      .default_doc = "`log.level`"},
     nullptr},
};

constexpr field<tls_options> tls_fields[] = {
    {{.key = "ca_file",
      .fallback = R"("")",
      .comment = "extra trusted CAs (PEM); the system store is always used",
      .doc = "extra trusted CA bundle (PEM), added to the system store; verification cannot be "
             "turned off"},
     [](tls_options& t, const value& v) { t.ca_file = v.text; }},
    {{.key = "allow_plain_http_for_tests",
      .type = boolean,
      .fallback = "false",
      .lead = "Processor base URLs and the webhook sink must be https://; true lets http:// "
              "through (tests on\nloopback only: card data and credentials would travel in "
              "clear).",
      .doc = "lets `http://` processor base URLs and sink URL through (tests on loopback only); "
             "otherwise an `http://` URL stops the start, naming the key"},
     [](tls_options& t, const value& v) { t.allow_plain_http = v.boolean; }},
};

constexpr field<client_options> client_fields[] = {
    {{.key = "key_sha256",
      .required = "must be the SHA-256 of the client's key, 64 hex characters "
                  "(printf %s \"$KEY\" | sha256sum)",
      .example = R"("…64 hex…")",
      .doc = "SHA-256 (64 hex) of the client's API key, sent as `authorization: Bearer <key>`; "
             "with any client configured, every call needs a known key (`UNAUTHENTICATED` / "
             "`INVALID_API_KEY`)"},
     [](client_options& c, const value& v) { c.key_sha256 = v.text; }},
    {{.key = "merchant_accounts",
      .type = strings,
      .fallback = "[]",
      .example = R"(["<account>"])",
      .doc = "accounts the client may name with `x-merchant-account` (`\"*\"` = all); another is "
             "`PERMISSION_DENIED` / `ACCOUNT_NOT_ALLOWED`"},
     [](client_options& c, const value& v) { c.merchant_accounts = v.strings; }},
    {{.key = "allow_call_credentials",
      .type = boolean,
      .fallback = "false",
      .doc = "whether the client may send `x-auth-*` credentials with a call (`PERMISSION_DENIED` "
             "/ `CALL_CREDENTIALS_NOT_ALLOWED` otherwise)"},
     [](client_options& c, const value& v) { c.allow_call_credentials = v.boolean; }},
};

constexpr field<webhooks_options> webhooks_fields[] = {
    {{.key = "mode",
      .type = choice,
      .fallback = R"("relay")",
      .choices = "relay|log_only",
      .comment = "relay | log_only",
      .doc = "`relay`: verified events go to `sink_url` and the processor is acknowledged only "
             "after the sink took them; without a `sink_url` the receiver is off and answers 502 "
             "(processors redeliver, nothing is lost). `log_only`: verified events are logged and "
             "acknowledged, relayed nowhere (trials only)"},
     [](webhooks_options& w, const value& v) { w.mode = v.text; }},
    {{.key = "sink_url",
      .fallback = R"("")",
      .comment = "https:// (http:// only with tls.allow_plain_http_for_tests)",
      .doc = "where the receiver relays verified events (`https://`)"},
     [](webhooks_options& w, const value& v) { w.sink_url = v.text; }},
    {{.key = "sink_signing_key",
      .type = secret,
      .fallback = R"("")",
      .comment = "at least 16 characters; keep it in the environment",
      .doc = "signs relayed bodies (`X-Connector-Signature`); ≥ 16 characters, required with a "
             "sink"},
     [](webhooks_options& w, const value& v) { w.sink_signing_key = v.text; }},
    {{.key = "sink_timeout_ms",
      .type = integer,
      .fallback = "5000",
      .min = 1,
      .max = 600000,
      .doc = "one relay attempt; on failure the processor gets 502 and redelivers"},
     [](webhooks_options& w, const value& v) { w.sink_timeout = v.ms(); }},
};

constexpr field<redis_settings> redis_fields[] = {
    {{.key = "address",
      .required = "must be set (host:port of the Redis server) when [redis] is present",
      .example = R"("127.0.0.1:6379")",
      .comment = "host:port; a name is resolved at each connect",
      .doc = "`host:port` of the Redis server the replicas share (a name is resolved at each "
             "connect)"},
     [](redis_settings& r, const value& v) { r.address = v.text; }},
    {{.key = "password",
      .type = secret,
      .fallback = R"("")",
      .comment = "AUTH on connect when set; keep it in the environment",
      .doc = "sent with `AUTH` on every new connection when set"},
     [](redis_settings& r, const value& v) { r.password = v.text; }},
    {{.key = "key_prefix",
      .fallback = R"("cs:")",
      .comment = "of every key, so several deployments can share one Redis",
      .doc = "prefix of every key (`<prefix>rate:{connector}…`, `<prefix>webhook:…`): "
             "deployments sharing one Redis need different prefixes"},
     [](redis_settings& r, const value& v) { r.key_prefix = v.text; }},
    {{.key = "connect_timeout_ms",
      .type = integer,
      .fallback = "500",
      .min = 1,
      .max = 60000,
      .doc = "bound of one connect; a command waiting for it counts it against its own timeout"},
     [](redis_settings& r, const value& v) { r.connect_timeout = v.ms(); }},
    {{.key = "command_timeout_ms",
      .type = integer,
      .fallback = "250",
      .min = 1,
      .max = 60000,
      .comment = "beyond it the call uses this replica's own state",
      .doc = "bound of one command (a rate-limit check, a webhook mark); past it the call uses "
             "this replica's own state (`connector_service_redis_fallbacks_total`) and the "
             "connection is started afresh"},
     [](redis_settings& r, const value& v) { r.command_timeout = v.ms(); }},
    {{.key = "reconnect_max_ms",
      .type = integer,
      .fallback = "5000",
      .min = 50,
      .max = 600000,
      .doc = "reconnects back off from 50 ms, doubling up to this; meanwhile commands fail at "
             "once and calls use local state"},
     [](redis_settings& r, const value& v) { r.reconnect_max = v.ms(); }},
};

}  // namespace

constinit const table<config> server_table{{.path = "server"}, server_fields};
constinit const table<config> log_table{{.path = "log"}, log_fields};
constinit const table<names_only> log_components_table{
    {.path = "log.components",
     .note = "per-component levels over log.level (grpc, actors, webhook)"},
    log_component_fields};
constinit const table<tls_options> tls_table{{.path = "tls"}, tls_fields};
constinit const table<client_options> client_table{
    {.path = "clients.<client>",
     .optional = true,
     .lead = "API clients: each sends `authorization: Bearer <key>`; only the key's SHA-256 is "
             "stored here\n(printf %s \"$KEY\" | sha256sum). With at least one client, a call "
             "without a known key is\nUNAUTHENTICATED. A client may use the merchant accounts "
             "listed (\"*\" = all) by name\n(x-merchant-account), and sends per-call x-auth-* "
             "credentials only when allowed."},
    client_fields};
constinit const table<webhooks_options> webhooks_table{
    {.path = "webhooks",
     .lead = "What the HTTP receiver (POST /webhooks/{connector}[/{merchant_account}]) does with "
             "a verified\nwebhook: relay the unified events to sink_url (JSON, header\n"
             "X-Connector-Signature: t=<unix>,v1=<hex HMAC-SHA256(sink_signing_key, "
             "\"<t>.<body>\")>) and\nacknowledge the processor only after the sink answered 2xx; "
             "otherwise answer 502 so the\nprocessor redelivers. Without a sink_url the receiver "
             "is off: it answers 502 and processors keep\nredelivering, so nothing is lost; mode "
             "= \"log_only\" acknowledges verified events after only\nlogging them (relayed "
             "nowhere: only for trials)."},
    webhooks_fields};

constinit const table<redis_settings> redis_table{
    {.path = "redis",
     .optional = true,
     .lead = "State the replicas share: the rate limits' token buckets and the webhook "
             "de-duplication marks.\nWithout [redis] each replica keeps its own (N replicas "
             "allow N times each limit). When Redis\nfails or is slow, a call uses this "
             "replica's own state (counted and logged): never a lost or\ndoubled call.",
     .note = "optional: absent, every replica keeps its own limits and marks"},
    redis_fields};

}  // namespace cs::service
