#include "connectors/braintree/replies.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "connectors/braintree/currencies.hpp"
#include "connectors/common/json.hpp"
#include "connectors/common/scrub.hpp"

namespace cs::connectors::braintree {
namespace {

using domain::decline_code;
using domain::error_code;
using domain::payment_status;
namespace reason = domain::reason;

std::string clean(std::string text, const wire::auth& a) {
  if (text.size() > 300) text.resize(300);
  text = scrub(std::move(text), a.private_key, {"Basic "});
  return a.public_key.empty() ? text : scrub(std::move(text), a.public_key);
}

// Enum words and ids: letters, digits, `_` `-` `=` `.`; anything else is not passed on.
std::string word(std::string s) {
  bool plain = s.size() <= 80 && std::all_of(s.begin(), s.end(), [](unsigned char c) {
                 return std::isalnum(c) != 0 || c == '_' || c == '-' || c == '=' || c == '.';
               });
  return plain ? s : std::string();
}

struct class_row {
  std::string_view error_class;
  error_code code;
  const char* why;
  bool retryable;
};
// extensions.errorClass (braintree_node lib/braintree/graphql/graphql.js checkGraphQLErrors).
constexpr std::array<class_row, 8> classes{{
    {"VALIDATION", error_code::invalid_argument, reason::processor_rejected, false},
    {"AUTHENTICATION", error_code::unauthenticated, reason::processor_auth_failed, false},
    {"AUTHORIZATION", error_code::permission_denied, reason::processor_rejected, false},
    {"NOT_FOUND", error_code::not_found, reason::processor_rejected, false},
    {"UNSUPPORTED_CLIENT", error_code::failed_precondition, reason::processor_rejected, false},
    {"RESOURCE_LIMIT", error_code::resource_exhausted, reason::processor_rate_limited, true},
    {"INTERNAL", error_code::unavailable, reason::processor_error, true},
    {"SERVICE_AVAILABILITY", error_code::unavailable, reason::processor_error, true},
}};

domain::error graphql_error(simdjson::dom::array errors, const wire::auth& a) {
  domain::error e;
  e.code = error_code::failed_precondition;
  e.reason = reason::processor_rejected;
  std::string messages, first_class;
  for (auto err : errors) {
    auto ext = at(err, {"extensions"});
    auto cls = ext ? word(json::str(*ext, "errorClass")) : std::string();
    if (first_class.empty() && !cls.empty()) {
      first_class = cls;
      if (ext) e.processor_code = word(json::str(*ext, "legacyCode"));
    }
    if (!messages.empty()) messages += "; ";
    messages += json::str(err, "message");
  }
  for (const auto& c : classes)
    if (c.error_class == first_class) {
      e.code = c.code;
      e.reason = c.why;
      e.retryable = c.retryable;
    }
  if (e.processor_code.empty()) e.processor_code = first_class;
  e.processor_message = clean(messages, a);
  e.message = clean(fmt::format("Braintree answered with GraphQL errors ({}): {}",
                                first_class.empty() ? "no errorClass" : first_class, messages),
                    a);
  if (e.code == error_code::unauthenticated)
    e.message += "; check the public_key and private_key credentials";
  return e;
}

domain::error http_error(const domain::http_response& r, const wire::auth& a) {
  domain::error e;
  const int s = r.status;
  e.retryable = false;
  if (s == 401) {
    e.code = error_code::unauthenticated;
    e.reason = reason::processor_auth_failed;
  } else if (s == 403) {
    e.code = error_code::permission_denied;
    e.reason = reason::processor_rejected;
  } else if (s == 404) {
    e.code = error_code::not_found;
    e.reason = reason::processor_rejected;
  } else if (s == 426) {
    e.code = error_code::failed_precondition;
    e.reason = reason::processor_rejected;
  } else if (s == 429) {
    e.code = error_code::resource_exhausted;
    e.reason = reason::processor_rate_limited;
    e.retryable = true;
  } else if (s == 408 || s >= 500) {
    e.code = error_code::unavailable;
    e.reason = reason::processor_error;
    e.retryable = true;
  } else {
    e.code = error_code::unavailable;
    e.reason = reason::bad_processor_reply;
  }
  std::string detail;
  if (auto doc = json::parse(r.body, "Braintree"); doc && doc->is_object()) {
    simdjson::dom::array errors;
    if ((*doc)["errors"].get(errors) == simdjson::SUCCESS && errors.size() > 0) {
      auto g = graphql_error(errors, a);
      detail = ": " + g.processor_message;
      e.processor_code = g.processor_code;
      e.processor_message = g.processor_message;
    }
  }
  e.message = clean(fmt::format("Braintree answered HTTP {}{}", s, detail), a);
  if (s == 401) e.message += "; check the public_key and private_key credentials";
  if (s == 426) e.message += " (Upgrade Required: the Braintree-Version is no longer accepted)";
  return e;
}

// The latest statusHistory event with a processor answer: {legacy code, message, decline type,
// gateway rejection reason}. The schema lists statusHistory newest first.
struct history_answer {
  std::string code, message, decline_type, rejection;
};

history_answer latest_answer(simdjson::dom::element txn) {
  history_answer out;
  for (auto ev : array_of(at(txn, {"statusHistory"}))) {
    auto resp = at(ev, {"processorResponse"});
    if (!resp) resp = at(ev, {"settlementResponse"});
    auto rejection = word(json::str(ev, "gatewayRejectionReason"));
    if (!resp && rejection.empty()) continue;
    if (resp) {
      out.code = word(json::str(*resp, "legacyCode"));
      out.message = json::str(*resp, "message").substr(0, 120);
    }
    out.decline_type = word(json::str(ev, "declineType"));
    out.rejection = std::move(rejection);
    break;
  }
  return out;
}

std::optional<domain::money> money_of(simdjson::dom::element e, std::string_view key) {
  auto m = at(e, {key});
  if (!m) return std::nullopt;
  auto v = from_amount(json::str(*m, "value"), json::str(*m, "currencyCode"));
  if (!v) return std::nullopt;
  return *v;
}

domain::error no_id(std::string_view what) {
  return domain::make_error(error_code::unavailable, reason::bad_processor_reply,
                            fmt::format("Braintree's {} has no id", what));
}

}  // namespace

std::optional<simdjson::dom::element> at(simdjson::dom::element e,
                                         std::initializer_list<std::string_view> path) {
  for (auto key : path) {
    simdjson::dom::element next;
    if (!e.is_object() || e[key].get(next) != simdjson::SUCCESS) return std::nullopt;
    e = next;
  }
  if (e.is_null()) return std::nullopt;
  return e;
}

std::vector<simdjson::dom::element> array_of(const std::optional<simdjson::dom::element>& e) {
  std::vector<simdjson::dom::element> out;
  simdjson::dom::array a;
  if (!e || e->get_array().get(a) != simdjson::SUCCESS) return out;
  for (auto x : a) out.push_back(x);
  return out;
}

domain::result<simdjson::dom::element> read_data(const domain::http_response& r,
                                                 const wire::auth& a) {
  if (r.status < 200 || r.status >= 300) return http_error(r, a);
  auto doc = json::parse(r.body, "Braintree");
  if (!doc) return doc.err();
  if (!doc->is_object())
    return domain::make_error(error_code::unavailable, reason::bad_processor_reply,
                              "Braintree's reply is not a GraphQL response object");
  simdjson::dom::array errors;
  if ((*doc)["errors"].get(errors) == simdjson::SUCCESS && errors.size() > 0)
    return graphql_error(errors, a);
  auto data = at(*doc, {"data"});
  if (!data || !data->is_object())
    return domain::make_error(error_code::unavailable, reason::bad_processor_reply,
                              "Braintree's reply has neither data nor errors");
  return *data;
}

domain::result<simdjson::dom::element> read_node(const domain::http_response& r,
                                                 const wire::auth& a, std::string_view type) {
  auto data = read_data(r, a);
  if (!data) return data.err();
  auto node = at(*data, {"node"});
  if (!node || json::str(*node, "__typename") != type)
    return domain::make_error(error_code::not_found, reason::processor_rejected,
                              fmt::format("Braintree has no {} with that id", type));
  return *node;
}

domain::result<domain::payment_result> read_transaction(simdjson::dom::element txn,
                                                        std::string_view merchant_reference) {
  domain::payment_result p;
  p.connector_payment_id = word(json::str(txn, "id"));
  if (p.connector_payment_id.empty()) return no_id("transaction");
  p.connector_operation_id = word(json::str(txn, "legacyId"));
  p.processor_status = word(json::str(txn, "status"));
  p.status = map_payment_status(p.processor_status);
  p.amount = money_of(txn, "amount");
  if (p.status == payment_status::charged) p.captured_amount = p.amount;
  p.merchant_reference = std::string(merchant_reference);
  if (p.merchant_reference.empty()) p.merchant_reference = json::str(txn, "orderId");
  if (p.status == payment_status::failure || p.status == payment_status::capture_failed) {
    auto ans = latest_answer(txn);
    domain::processor_error pe;
    if (!ans.rejection.empty()) {
      pe.code = map_gateway_rejection(ans.rejection);
      pe.processor_code = ans.rejection;
      pe.processor_message = "Gateway Rejected: " + ans.rejection;
      pe.retryable = false;
    } else {
      auto d = map_processor_code(ans.code);
      pe.code = ans.code.empty() ? decline_code::generic : d.code;
      pe.processor_code = ans.code;
      pe.processor_message = scrub(ans.message, "");
      // statusHistory says HARD or SOFT itself; the table decides when it does not.
      pe.retryable = ans.decline_type.empty() ? d.soft : ans.decline_type == "SOFT";
    }
    pe.decline_code_raw = pe.processor_code;
    p.error = std::move(pe);
  }
  return p;
}

domain::result<domain::refund_result> read_refund(simdjson::dom::element refund) {
  domain::refund_result r;
  r.connector_refund_id = word(json::str(refund, "id"));
  if (r.connector_refund_id.empty()) return no_id("refund");
  r.processor_status = word(json::str(refund, "status"));
  r.status = map_refund_status(r.processor_status);
  r.amount = money_of(refund, "amount");
  r.merchant_reference = json::str(refund, "orderId");
  if (auto parent = at(refund, {"refundedTransaction"}))
    r.connector_payment_id = word(json::str(*parent, "id"));
  if (r.status == domain::refund_status::failure) {
    auto ans = latest_answer(refund);
    domain::processor_error pe;
    auto d = map_processor_code(ans.code);
    pe.code = ans.code.empty() ? decline_code::generic : d.code;
    pe.processor_code = ans.code;
    pe.decline_code_raw = ans.code;
    pe.processor_message = scrub(ans.message, "");
    r.error = std::move(pe);
  }
  return r;
}

domain::result<domain::dispute_result> read_dispute(simdjson::dom::element dispute) {
  domain::dispute_result d;
  d.dispute_id = word(json::str(dispute, "id"));
  if (d.dispute_id.empty()) return no_id("dispute");
  d.processor_status = word(json::str(dispute, "status"));
  d.status = map_dispute_status(d.processor_status);
  return d;
}

domain::error mutation_failed(domain::error e, std::string_view advice) {
  bool maybe_acted = e.code == error_code::unavailable;  // 5xx, INTERNAL, unreadable reply
  if (!maybe_acted) return e;
  auto out = domain::outcome_unknown(fmt::format("{} — {}", e.message, advice));
  out.processor_code = std::move(e.processor_code);
  out.processor_message = std::move(e.processor_message);
  return out;
}

}  // namespace cs::connectors::braintree
