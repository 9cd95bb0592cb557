#include "adyen_json.hpp"

namespace processor_sim::adyen {

boost::json::object amount_json(const amount& a) {
  return {{"currency", a.currency}, {"value", a.value}};
}

std::optional<amount> read_amount(const boost::json::object& body, std::string_view key) {
  const auto* a = obj(body, key);
  if (!a) return std::nullopt;
  const auto* value = a->if_contains("value");
  std::string currency = str(*a, "currency");
  if (!value || !value->is_number() || currency.size() != 3) return std::nullopt;
  boost::system::error_code ec;
  auto v = value->to_number<std::int64_t>(ec);
  if (ec || v < 0) return std::nullopt;
  return amount{currency, v};
}

std::string str(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_string()) return {};
  return std::string(v->as_string());
}

const boost::json::object* obj(const boost::json::object& parent, std::string_view key) {
  const auto* v = parent.if_contains(key);
  return v ? v->if_object() : nullptr;
}

bool flag(const boost::json::object* o, std::string_view key) {
  if (!o) return false;
  const auto* v = o->if_contains(key);
  if (!v) return false;
  if (v->is_bool()) return v->as_bool();
  return v->is_string() && v->as_string() == "true";
}

sim_response error(int status, std::string error_code, std::string message,
                   std::string error_type) {
  return json_response(status, boost::json::object{{"status", status},
                                                   {"errorCode", std::move(error_code)},
                                                   {"message", std::move(message)},
                                                   {"errorType", std::move(error_type)}});
}

sim_response unauthorized() {
  return error(401, "000", "HTTP Status Response - Unauthorized", "security");
}

}  // namespace processor_sim::adyen
