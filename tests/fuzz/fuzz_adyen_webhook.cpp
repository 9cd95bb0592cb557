// adyen_connector::handle_webhook on any body. Input: <mode byte><body>. Mode bit 0: every
// NotificationRequestItem is given the hmacSignature Adyen would compute (the body is parsed
// and written again with Boost.JSON), so the items reach the normalization; bits 1-2: the HMAC
// key is the right one, missing, or not hex.
#include <boost/json.hpp>

#include "connectors/adyen/descriptor.hpp"
#include "connectors/adyen/hmac_signature.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace cs_fuzz;
using cs::connectors::adyen::notification_fields;

constexpr std::string_view hmac_key =
    "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056";

// As connectors/common/json.hpp reads fields: str takes strings; text also booleans and int64.
std::string str(const boost::json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}
std::string text(const boost::json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  if (!v) return {};
  if (v->is_bool()) return v->get_bool() ? "true" : "false";
  if (v->is_int64()) return std::to_string(v->get_int64());
  return str(o, k);
}

std::string signed_body(std::string_view body) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(body, ec);
  auto* root = ec ? nullptr : doc.if_object();
  auto* items = root ? root->if_contains("notificationItems") : nullptr;
  if (!items || !items->is_array()) return std::string(body);
  for (auto& wrapper : items->get_array()) {
    auto* w = wrapper.if_object();
    auto* v = w ? w->if_contains("NotificationRequestItem") : nullptr;
    if (!v || !v->is_object()) continue;
    auto& item = v->get_object();
    notification_fields f;
    f.psp_reference = str(item, "pspReference");
    f.original_reference = str(item, "originalReference");
    f.merchant_account_code = str(item, "merchantAccountCode");
    f.merchant_reference = str(item, "merchantReference");
    if (auto* a = item.if_contains("amount"); a && a->is_object()) {
      f.amount_value = text(a->get_object(), "value");
      f.amount_currency = str(a->get_object(), "currency");
    }
    f.event_code = str(item, "eventCode");
    f.success = text(item, "success");
    auto& extra = item["additionalData"];
    if (!extra.is_object()) extra = boost::json::object();
    extra.get_object()["hmacSignature"] = cs::connectors::adyen::hmac_signature(hmac_key, f);
  }
  return boost::json::serialize(doc);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto& c = cs::connectors::adyen::descriptor();
  input in(data, size);
  auto mode = in.byte();
  webhook_request req;
  req.body = mode & 1 ? signed_body(in.rest()) : std::string(in.rest());
  switch ((mode >> 1) & 3) {
    case 1:
      break;  // no key configured
    case 2:
      req.secret_key = secret<std::string>("not-hex-" + std::string(hmac_key));
      break;
    default:
      req.secret_key = secret<std::string>(std::string(hmac_key));
  }
  auto result = c.handle_webhook(req);
  // Signed items come from someone holding the key: only what unsigned ones cause counts.
  if (!(mode & 1)) expect_no_secret(result, hmac_key);
  return 0;
}
