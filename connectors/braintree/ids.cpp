#include "connectors/braintree/ids.hpp"

#include "connectors/braintree/queries.hpp"
#include "connectors/braintree/replies.hpp"
#include "connectors/common/crypto.hpp"
#include "connectors/common/json.hpp"

namespace cs::connectors::braintree {
namespace {

std::string_view prefix(id_kind k) {
  switch (k) {
    case id_kind::transaction:
      return "transaction_";
    case id_kind::refund:
      return "refund_";
    case id_kind::dispute:
      return "dispute_";
    case id_kind::customer:
      return "customer_";
  }
  return "";
}

std::string_view legacy_type(id_kind k) {
  switch (k) {
    case id_kind::transaction:
      return "TRANSACTION";
    case id_kind::refund:
      return "REFUND";
    case id_kind::dispute:
      return "DISPUTE";
    case id_kind::customer:
      return "CUSTOMER";
  }
  return "";
}

}  // namespace

bool is_global_id(std::string_view id, id_kind kind) {
  // Global ids come unpadded; base64_decode wants whole quads.
  std::string padded(id);
  while (padded.size() % 4 != 0) padded += '=';
  auto raw = base64_decode(padded);
  return raw && raw->size() > prefix(kind).size() && raw->starts_with(prefix(kind));
}

domain::result<std::string> global_id(std::string_view id, id_kind kind, std::string_view field,
                                      const domain::flow_context& ctx, const wire::auth& a) {
  if (id.empty()) return domain::missing_field(std::string(field));
  if (is_global_id(id, kind)) return std::string(id);
  const auto* reply = ctx.reply_to("legacy_id");
  if (!reply) return std::string();
  auto data = read_data(*reply, a);
  if (!data) return data.err();
  auto global = json::str(*data, "idFromLegacyId");
  if (global.empty())
    return domain::make_error(domain::error_code::not_found, domain::reason::processor_rejected,
                              "Braintree knows no global id for that legacy id");
  return global;
}

domain::http_request legacy_id_request(std::string_view id, id_kind kind, const wire::auth& a) {
  return wire::graphql("legacy_id", queries::id_from_legacy_id,
                       {{"legacyId", id}, {"type", legacy_type(kind)}}, a);
}

}  // namespace cs::connectors::braintree
