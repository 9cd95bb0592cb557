// The schema is the one source of the config's keys: the parser accepts, bounds and stores each
// of them as it says, its defaults agree with the structs they fill, and the generated example
// and docs list every key. (scripts/gen-config-docs.sh --check, a CTest test, compares the
// generated text with config/example.toml and docs/operations.md.)
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "service/config.hpp"
#include "service/config_docs.hpp"
#include "service/config_schema_tables.hpp"
#include "service/connector_keys.hpp"

using namespace cs::service;

namespace {

// Every table present once, with what its required keys need.
constexpr const char* base = R"(
[connectors.adyen]
[merchant_accounts.m]
connector = "adyen"
api_key = "k"
merchant_account = "M"
[clients.c]
key_sha256 = "0000000000000000000000000000000000000000000000000000000000000000"
)";

std::string instance(std::string_view schema_path) {
  std::string out(schema_path);
  for (auto [from, to] : {std::pair{"<connector>", "adyen"}, {"<account>", "m"}, {"<client>", "c"}})
    if (auto pos = out.find(from); pos != std::string::npos) out.replace(pos, strlen(from), to);
  return out;
}

// The base config with `key` of the table at `schema_path` set to `v`, as TOML text.
template <class V>
std::string with_key(std::string_view schema_path, std::string_view key, V v) {
  auto root = toml::parse(base);
  toml::table* t = &root;
  auto path = instance(schema_path);
  for (std::size_t pos = 0; pos <= path.size();) {
    auto dot = std::min(path.find('.', pos), path.size());
    t = t->emplace<toml::table>(path.substr(pos, dot - pos)).first->second.as_table();
    pos = dot + 1;
  }
  if (path.ends_with(".rate_limit") && key != "per_second") t->insert("per_second", 10.0);
  if (path == "redis" && key != "address") t->insert("address", "127.0.0.1:6379");
  t->insert_or_assign(key, std::move(v));
  std::ostringstream os;
  os << root;
  return os.str();
}

std::string error_field(const std::string& text) {
  auto r = parse_config(text, "t.toml", nullptr);
  return r.ok() ? "(accepted)" : r.err().field;
}

bool placeholder(const key_spec& k) {
  return k.key.starts_with('<');
}

}  // namespace

TEST(ConfigSchema, EveryKeyIsDocumentedAndHasADefaultOrIsRequired) {
  for (auto& t : schema())
    for (auto* k : t.keys) {
      auto name = fmt::format("{}.{}", t.spec->path, k->key);
      EXPECT_FALSE(k->doc.empty()) << name << " has no doc line";
      EXPECT_TRUE(!k->fallback.empty() || !k->required.empty() || !k->default_doc.empty())
          << name << " says nothing of its default";
      if (k->type == value_type::integer || k->type == value_type::number) {
        EXPECT_LT(k->min, k->max) << name;
      }
      if (k->type == value_type::choice) {
        EXPECT_FALSE(k->choices.empty()) << name;
      }
    }
}

TEST(ConfigSchema, DefaultsParseAsTheirTypeWithinTheirBounds) {
  const toml::table empty;
  for (auto& t : schema())
    for (auto* k : t.keys) {
      if (placeholder(*k)) continue;
      table_view one{t.spec, {k}};
      auto s = read_keys(one, empty, t.spec->path, [](std::size_t, const value&) {});
      if (k->required.empty())
        EXPECT_TRUE(s.ok()) << s.err().message;
      else
        EXPECT_EQ(s.err().field, fmt::format("{}.{}", t.spec->path, k->key));
    }
}

TEST(ConfigSchema, TheParserAcceptsEveryKeyAndChecksItsTypeAndBounds) {
  for (auto& t : schema())
    for (auto* k : t.keys) {
      if (placeholder(*k)) continue;
      auto name = fmt::format("{}.{}", instance(t.spec->path), k->key);
      auto literal = instance(!k->fallback.empty() ? k->fallback : k->example);
      if (!literal.empty() && k->key != "key_sha256") {  // its example is no digest
        auto parsed = toml::parse(fmt::format("v = {}", literal));
        auto text = with_key(t.spec->path, k->key, parsed["v"]);
        EXPECT_EQ(error_field(text), "(accepted)") << name << " = " << literal;
      }
      if (k->type == value_type::integer || k->type == value_type::number) {
        auto above = static_cast<std::int64_t>(k->max) + 1;
        EXPECT_EQ(error_field(with_key(t.spec->path, k->key, above)), name) << "above its max";
        auto below = static_cast<std::int64_t>(k->min) - (k->above_min ? 0 : 1);
        EXPECT_EQ(error_field(with_key(t.spec->path, k->key, below)), name) << "below its min";
      }
      auto wrong_type = k->type == value_type::strings
                            ? with_key(t.spec->path, k->key, std::int64_t{1})
                            : with_key(t.spec->path, k->key, toml::array{1, 2});
      EXPECT_EQ(error_field(wrong_type), name) << "a value of the wrong type";
    }
}

TEST(ConfigSchema, EachKeyIsStoredWhereItBelongs) {
  auto r = parse_config(R"(
[server]
http_max_connections = 11
actor_threads = 3
io_threads = 4
default_deadline_ms = 12000
shutdown_grace_ms = 13
[connectors.stripe]
pool_size = 5
connect_timeout_ms = 1400
request_timeout_ms = 1500
max_idle_connections = 16
max_connections = 17
webhook_tolerance_s = 18
max_in_flight = 19
[connectors.stripe.retry]
max_attempts = 2
backoff_ms = 21
backoff_max_ms = 22
budget_percent = 23.5
budget_min_per_s = 24
[connectors.stripe.circuit_breaker]
failure_percent = 25
min_calls = 26
window_ms = 2700
open_ms = 28
probes = 29
[connectors.stripe.rate_limit]
per_second = 30
burst = 31
queue = 32
[webhooks]
sink_timeout_ms = 33
)",
                        "t.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->http_max_connections, 11u);
  EXPECT_EQ(r->runtime.actor_threads, 3u);
  EXPECT_EQ(r->runtime.io_threads, 4u);
  EXPECT_EQ(r->runtime.default_deadline.count(), 12000);
  EXPECT_EQ(r->shutdown_grace.count(), 13);
  auto& s = r->runtime.connectors.at("stripe");
  EXPECT_EQ(s.pool.workers, 5u);
  EXPECT_EQ(s.pool.client.connect_timeout.count(), 1400);
  EXPECT_EQ(s.request_timeout.count(), 1500);
  EXPECT_EQ(s.pool.client.max_idle_per_host, 16u);
  EXPECT_EQ(s.pool.client.max_connections, 17u);
  EXPECT_EQ(s.webhook_tolerance.count(), 18);
  EXPECT_EQ(s.pool.max_in_flight, 19u);
  EXPECT_EQ(s.pool.retry.max_attempts, 2);
  EXPECT_EQ(s.pool.retry.backoff.count(), 21);
  EXPECT_EQ(s.pool.retry.backoff_max.count(), 22);
  EXPECT_EQ(s.pool.retry.budget_percent, 23.5);
  EXPECT_EQ(s.pool.retry.budget_min_per_s, 24);
  EXPECT_EQ(s.pool.breaker.failure_percent, 25);
  EXPECT_EQ(s.pool.breaker.min_calls, 26);
  EXPECT_EQ(s.pool.breaker.window.count(), 2700);
  EXPECT_EQ(s.pool.breaker.open_for.count(), 28);
  EXPECT_EQ(s.pool.breaker.probes, 29);
  EXPECT_EQ(s.pool.rate_limit.per_second, 30);
  EXPECT_EQ(s.pool.rate_limit.burst, 31);
  EXPECT_EQ(s.pool.rate_limit.queue, 32u);
  EXPECT_EQ(r->runtime.webhooks.timeout.count(), 33);
}

// The structs of actors/ and net/ keep defaults of their own (for code that builds them
// without a config); they must be the schema's, or a test and the service would disagree.
TEST(ConfigSchema, StructDefaultsAgreeWithTheSchema) {
  auto r = parse_config("[connectors.adyen]\n[connectors.adyen.rate_limit]\nper_second = 1\n",
                        "t.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().message;
  const cs::actors::runtime_config runtime;
  EXPECT_EQ(r->runtime.actor_threads, runtime.actor_threads);
  EXPECT_EQ(r->runtime.io_threads, runtime.io_threads);
  EXPECT_EQ(r->runtime.default_deadline, runtime.default_deadline);
  const cs::actors::connector_settings settings;
  auto& got = r->runtime.connectors.at("adyen");
  EXPECT_EQ(got.request_timeout, settings.request_timeout);
  EXPECT_EQ(got.webhook_tolerance, settings.webhook_tolerance);
  EXPECT_EQ(got.pool.workers, settings.pool.workers);
  EXPECT_EQ(got.pool.max_in_flight, settings.pool.max_in_flight);
  EXPECT_EQ(got.pool.client.connect_timeout, settings.pool.client.connect_timeout);
  EXPECT_EQ(got.pool.client.max_idle_per_host, settings.pool.client.max_idle_per_host);
  EXPECT_EQ(got.pool.client.max_connections, settings.pool.client.max_connections);
  auto& retry = settings.pool.retry;
  EXPECT_EQ(got.pool.retry.max_attempts, retry.max_attempts);
  EXPECT_EQ(got.pool.retry.backoff, retry.backoff);
  EXPECT_EQ(got.pool.retry.backoff_max, retry.backoff_max);
  EXPECT_EQ(got.pool.retry.budget_percent, retry.budget_percent);
  EXPECT_EQ(got.pool.retry.budget_min_per_s, retry.budget_min_per_s);
  auto& breaker = settings.pool.breaker;
  EXPECT_EQ(got.pool.breaker.failure_percent, breaker.failure_percent);
  EXPECT_EQ(got.pool.breaker.min_calls, breaker.min_calls);
  EXPECT_EQ(got.pool.breaker.window, breaker.window);
  EXPECT_EQ(got.pool.breaker.open_for, breaker.open_for);
  EXPECT_EQ(got.pool.breaker.probes, breaker.probes);
  EXPECT_EQ(got.pool.rate_limit.queue, settings.pool.rate_limit.queue);
  EXPECT_EQ(r->runtime.webhooks.timeout, cs::actors::relay_config{}.timeout);
}

TEST(ConfigSchema, TheGeneratedExampleIsValidAndShowsEveryKey) {
  auto example = example_toml();
  auto r = parse_config(example, "example.toml", nullptr);
  ASSERT_TRUE(r.ok()) << r.err().message;
  EXPECT_EQ(r->runtime.connectors.size(), all_connector_keys().size());  // every one enabled
  for (auto& t : schema())
    for (auto* k : t.keys) {
      if (placeholder(*k)) continue;
      // Optional tables are shown commented out.
      auto line = fmt::format("\n{}{} = ", t.spec->optional ? "# " : "", k->key);
      EXPECT_NE(example.find(line), std::string::npos) << t.spec->path << "." << k->key;
    }
}

TEST(ConfigSchema, TheDocsTableHasARowPerKey) {
  auto docs = markdown_knobs();
  for (auto& t : schema()) {
    if (!t.spec->same_keys_as.empty()) {
      EXPECT_NE(docs.find(fmt::format("| `{}` |", t.spec->path)), std::string::npos);
      continue;
    }
    for (auto* k : t.keys)
      EXPECT_NE(docs.find(fmt::format("| `{}.{}` |", t.spec->path, k->key)), std::string::npos)
          << t.spec->path << "." << k->key;
  }
  EXPECT_NE(docs.find("adyen: `default`, `disputes`"), std::string::npos);
}
