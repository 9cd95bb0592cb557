#include "api/method_summary.hpp"

#include "domain/bank_account.hpp"

namespace cs::api {

std::string method_summary(const domain::payment_method& m) {
  if (std::holds_alternative<std::monostate>(m)) return {};
  // One token (no space): the JSON log format splits the line's leading key=value pairs on spaces.
  const std::string arm(domain::arm_of(m));
  if (const auto* c = std::get_if<domain::card>(&m))
    return arm + ":" + domain::masked_pan(c->number.reveal());
  if (const auto* t = std::get_if<domain::network_token>(&m))
    return arm + ":" + domain::masked_pan(t->number.reveal());
  if (const auto* d = std::get_if<domain::sepa_debit>(&m))
    return arm + ":" + domain::masked_iban(d->iban.reveal());
  if (const auto* d = std::get_if<domain::ach_debit>(&m))
    return arm + ":" + domain::masked_account_number(d->account_number.reveal());
  return arm;
}

}  // namespace cs::api
