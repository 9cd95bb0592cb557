#pragma once
// Stripe objects as JSON, shaped like the 2023-08-16 API (unused members present as null).

#include "stripe_state.hpp"

#include <boost/json/object.hpp>

namespace processor_sim::stripe {

std::int64_t unix_now();

boost::json::object payment_method_json(const payment_method& pm);
// The sepa_debit member of a sepa_debit PaymentMethod (stripe_bank_debits.cpp).
boost::json::object sepa_debit_json(const payment_method& pm);
// The us_bank_account member of such a PaymentMethod (stripe_ach.cpp).
boost::json::object us_bank_account_json(const payment_method& pm);
// The ideal / bancontact member of such a PaymentMethod (stripe_bank_redirects.cpp).
boost::json::object bank_redirect_json(const payment_method& pm);
// "sepa_debit[iban]" as a top-level param (prefix ""), or nested under the prefix:
// "payment_method_data[sepa_debit][iban]".
std::string nested_param(const std::string& prefix, const std::string& name);
boost::json::object customer_json(const customer& c);
// The Token object with its card (`brand` as card objects write it: "Visa", "MasterCard"…).
boost::json::object token_json(const token& t);
boost::json::object charge_json(const charge& ch, const payment_method* pm);
boost::json::object refund_json(const refund& r);
boost::json::object dispute_json(const dispute& d);
bool is_evidence_field(const std::string& name);
// The type/code/message member shared by last_payment_error and error bodies.
boost::json::object card_error_json(const std::string& code, const std::string& decline_code,
                                    const std::string& message, const std::string& charge_id,
                                    const payment_method& pm);
// next_action for requires_action: {"type":"redirect_to_url","redirect_to_url":{url,return_url}}.
boost::json::value redirect_action(const std::string& url, const std::string& return_url);

inline boost::json::value or_null(const std::string& s) {
  return s.empty() ? boost::json::value(nullptr) : boost::json::value(s);
}

}  // namespace processor_sim::stripe
