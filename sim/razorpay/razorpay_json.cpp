#include "razorpay_json.hpp"

#include "../ids.hpp"
#include "razorpay_errors.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <boost/json.hpp>

#include <cctype>
#include <chrono>
#include <stdexcept>

namespace processor_sim::razorpay {

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string hmac_sha256_hex(const std::string& key, const std::string& data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &mac_len)) {
    throw std::runtime_error("HMAC failed");
  }
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < mac_len; ++i) {
    out.push_back(hex[mac[i] >> 4]);
    out.push_back(hex[mac[i] & 15]);
  }
  return out;
}

std::string new_id(const std::string& prefix) {
  return prefix + "_" + random_alnum(14);
}

boost::json::value or_null(const std::string& s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

boost::json::value opt_int(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object order_json(const order& o) {
  return {{"id", o.id},
          {"entity", "order"},
          {"amount", o.amount},
          {"amount_paid", o.amount_paid},
          {"amount_due", o.amount - o.amount_paid},
          {"currency", o.currency},
          {"receipt", or_null(o.receipt)},
          {"offer_id", nullptr},
          {"status", o.status},
          {"attempts", o.attempts},
          {"notes", o.notes},
          {"created_at", o.created_at}};
}

boost::json::object card_json(const card_details& c) {
  return {{"id", c.id},
          {"entity", "card"},
          {"name", c.name},
          {"last4", c.last4},
          {"network", c.network},
          {"type", "credit"},
          {"issuer", nullptr},
          {"international", false},
          {"emi", false},
          {"sub_type", "consumer"},
          {"token_iin", nullptr},
          {"expiry_month", c.expiry_month},
          {"expiry_year", c.expiry_year}};
}

boost::json::object payment_json(const payment& p, bool expand_card) {
  boost::json::object out{{"id", p.id},
                          {"entity", "payment"},
                          {"amount", p.amount},
                          {"currency", p.currency},
                          {"status", p.status},
                          {"order_id", or_null(p.order_id)},
                          {"invoice_id", nullptr},
                          {"international", false},
                          {"method", p.method},
                          {"amount_refunded", p.amount_refunded},
                          {"refund_status", or_null(p.refund_status)},
                          {"captured", p.captured},
                          {"description", or_null(p.description)},
                          {"card_id", p.card ? boost::json::value(p.card->id) : nullptr},
                          {"bank", nullptr},
                          {"wallet", nullptr},
                          {"vpa", or_null(p.vpa)},
                          {"email", p.email},
                          {"contact", p.contact},
                          {"customer_id", or_null(p.customer_id)},
                          {"token_id", or_null(p.token_id)},
                          {"notes", p.notes},
                          {"fee", opt_int(p.fee)},
                          {"tax", opt_int(p.tax)},
                          {"error_code", or_null(p.error_code)},
                          {"error_description", or_null(p.error_description)},
                          {"error_source", or_null(p.error_source)},
                          {"error_step", or_null(p.error_step)},
                          {"error_reason", or_null(p.error_reason)},
                          {"acquirer_data", {{"auth_code", nullptr}}},
                          {"created_at", p.created_at}};
  if (p.recurring) out["recurring"] = true;
  if (expand_card && p.card) out["card"] = card_json(*p.card);
  return out;
}

boost::json::object refund_json(const refund& r) {
  return {{"id", r.id},
          {"entity", "refund"},
          {"amount", r.amount},
          {"currency", r.currency},
          {"payment_id", r.payment_id},
          {"notes", r.notes},
          {"receipt", or_null(r.receipt)},
          {"acquirer_data", {{"arn", nullptr}}},
          {"created_at", r.created_at},
          {"batch_id", nullptr},
          {"status", r.status},
          {"speed_processed", r.status == "processed" ? boost::json::value("normal") : nullptr},
          {"speed_requested", r.speed_requested}};
}

boost::json::object customer_json(const customer& c) {
  return {{"id", c.id},
          {"entity", "customer"},
          {"name", or_null(c.name)},
          {"email", or_null(c.email)},
          {"contact", or_null(c.contact)},
          {"gstin", or_null(c.gstin)},
          {"notes", c.notes},
          {"created_at", c.created_at}};
}

boost::json::object token_json(const token& t) {
  auto card = card_json(t.card);
  card.erase("id");
  return {{"id", t.id},
          {"entity", "token"},
          {"token", t.token_value},
          {"bank", nullptr},
          {"wallet", nullptr},
          {"method", t.method},
          {"card", std::move(card)},
          {"recurring", true},
          {"recurring_details", {{"status", "confirmed"}, {"failure_reason", nullptr}}},
          {"auth_type", nullptr},
          {"mrn", nullptr},
          {"used_at", t.used_at},
          {"created_at", t.created_at},
          {"expired_at", t.expired_at},
          {"status", t.status},
          {"max_amount", t.max_amount},
          {"expire_at", t.expire_at},
          {"frequency", or_null(t.frequency)},
          {"notes", boost::json::array{}},
          {"compliant_with_tokenisation_guidelines", true}};
}

boost::json::object dispute_json(const dispute& d) {
  return {{"id", d.id},
          {"entity", "dispute"},
          {"payment_id", d.payment_id},
          {"amount", d.amount},
          {"currency", d.currency},
          {"amount_deducted", d.amount_deducted},
          {"reason_code", d.reason_code},
          {"respond_by", d.respond_by},
          {"status", d.status},
          {"phase", d.phase},
          {"created_at", d.created_at},
          {"evidence", d.evidence}};
}

boost::json::object collection(boost::json::array items) {
  const auto n = items.size();
  return {{"entity", "collection"}, {"count", n}, {"items", std::move(items)}};
}

std::optional<std::string> string_field(const boost::json::object& body, const std::string& key,
                                        bool required, sim_response* err) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) {
    if (required) {
      *err = field_required(key);
      return std::nullopt;
    }
    return std::string{};
  }
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  *err = bad_request("The " + key + " must be a string.", key);
  return std::nullopt;
}

std::optional<std::int64_t> int_field(const boost::json::object& body, const std::string& key,
                                      bool required, sim_response* err) {
  const auto* v = body.if_contains(key);
  if (!v || v->is_null()) {
    if (required) {
      *err = field_required(key);
      return std::nullopt;
    }
    return std::int64_t{0};
  }
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  if (v->is_string()) {
    const auto& s = v->as_string();
    bool digits = !s.empty() && s.size() <= 18;
    for (char c : s) digits = digits && std::isdigit(static_cast<unsigned char>(c));
    if (digits) return std::stoll(std::string(s));
  }
  *err = bad_request("The " + key + " must be an integer.", key);
  return std::nullopt;
}

std::optional<boost::json::value> notes_field(const boost::json::object& body, sim_response* err) {
  const auto* v = body.if_contains("notes");
  if (!v || v->is_null() || (v->is_array() && v->as_array().empty())) return boost::json::array{};
  if (!v->is_object()) {
    *err = bad_request("The notes must be an array.", "notes");
    return std::nullopt;
  }
  if (v->as_object().size() > 15) {
    *err = bad_request("Number of fields in notes should be less than or equal to 15", "notes");
    return std::nullopt;
  }
  if (v->as_object().empty()) return boost::json::array{};
  return *v;
}

bool truthy(const boost::json::value* v) {
  if (!v) return false;
  if (v->is_bool()) return v->as_bool();
  if (v->is_int64()) return v->as_int64() == 1;
  if (v->is_string()) return v->as_string() == "1" || v->as_string() == "true";
  return false;
}

}  // namespace processor_sim::razorpay
