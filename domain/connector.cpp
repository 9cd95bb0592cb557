#include "domain/connector.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace cs::domain {

const http_response* flow_context::reply_to(std::string_view step) const noexcept {
  for (auto i = done.rbegin(); i != done.rend(); ++i)
    if (i->request.step == step) return &i->response;
  return nullptr;
}

bool offers(const connector& c, flow f) noexcept {
  const auto& t = c.flows;
  switch (f) {
    case flow::authorize:
      return t.authorize;
    case flow::capture:
      return t.capture;
    case flow::void_payment:
      return t.void_payment;
    case flow::get_payment:
      return t.get_payment;
    case flow::refund:
      return t.refund;
    case flow::get_refund:
      return t.get_refund;
    case flow::setup_mandate:
      return t.setup_mandate;
    case flow::complete_authorize:
      return t.complete_authorize;
    case flow::recurring_charge:
      return t.recurring_charge;
    case flow::revoke_mandate:
      return t.revoke_mandate;
    case flow::accept_dispute:
      return t.accept_dispute;
    case flow::submit_evidence:
      return t.submit_evidence;
    case flow::defend_dispute:
      return t.defend_dispute;
    case flow::get_dispute:
      return t.get_dispute;
    case flow::webhook:
      return c.handle_webhook;
  }
  return false;
}

bool supports_currency(const connector& c, std::string_view code) noexcept {
  return c.currencies ? c.currencies->find(code) != nullptr : find_currency(code).has_value();
}

const method_support* method_entry(const connector& c, method_kind m) noexcept {
  for (const auto& e : c.methods)
    if (e.kind == m) return &e;
  return nullptr;
}

bool supports_method(const connector& c, method_kind m) noexcept {
  return method_entry(c, m) != nullptr;
}

namespace {

std::string joined(const std::vector<std::string_view>& v) {
  std::string out;
  for (auto x : v) out += (out.empty() ? "" : ", ") + std::string(x);
  return out;
}

bool listed(const std::vector<std::string_view>& v, std::string_view x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

status check_method(const connector& c, const payment_method& m, std::string_view currency,
                    std::string_view country) {
  auto kind = kind_of(m);
  if (!kind) return ok_status();
  const auto* entry = method_entry(c, *kind);
  if (!entry) {
    std::string takes;
    for (const auto& e : c.methods)
      takes += (takes.empty() ? "" : ", ") + std::string(to_string(e.kind));
    return invalid_argument(
        "payment_method",
        fmt::format("the {} connector does not take payment_method.{}; it takes {}", c.name,
                    arm_of(m), takes.empty() ? "none" : takes));
  }
  if (!currency.empty() && !entry->currencies.empty() && !listed(entry->currencies, currency))
    return invalid_argument(
        "amount.currency_code",
        fmt::format("{} through the {} connector takes {}; not {}", to_string(*kind), c.name,
                    joined(entry->currencies), currency));
  if (!country.empty() && !entry->countries.empty() && !listed(entry->countries, country))
    return invalid_argument(
        "order.billing_address.country",
        fmt::format("{} through the {} connector is offered in {}; not {}", to_string(*kind),
                    c.name, joined(entry->countries), country));
  return ok_status();
}

status check_secret(const connector& c, std::string_view key, std::string_view value) {
  if (value.size() > 4096) return invalid_argument(std::string(key), "is longer than 4096 bytes");
  for (unsigned char ch : value)
    if (ch <= 0x20 || ch == 0x7f)
      return invalid_argument(std::string(key),
                              "holds whitespace or a control character (a copy-paste slip?)");
  return c.secret_shape ? c.secret_shape(key, value) : ok_status();
}

error flow_not_offered(const connector& c, flow f) {
  for (const auto& n : c.notes)
    if (n.what == f)
      return make_error(error_code::failed_precondition, reason::not_supported_by_processor,
                        std::string(n.message));
  return unsupported(c.name, to_string(f));
}

const connector* connector_set::find(std::string_view name) const noexcept {
  for (auto* c : all_)
    if (c->name == name) return c;
  return nullptr;
}

}  // namespace cs::domain
