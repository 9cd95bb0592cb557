#pragma once
// The parts of the PayPal flow table, one per source file, put together in descriptor.cpp
// (internal to this folder).

#include "domain/connector.hpp"

namespace cs::connectors::paypal {

void add_payments_flows(domain::flow_table& t);
void add_modifications_flows(domain::flow_table& t);
void add_mandates_flows(domain::flow_table& t);
void add_disputes_flows(domain::flow_table& t);
domain::result<domain::webhook_result> handle_webhook(const domain::webhook_request& req);
extern const domain::webhook_document certificate;  // PAYPAL-CERT-URL, fetched by the actor
// verify-webhook-signature, for accounts with webhook_verification = "api"
extern const domain::webhook_verify_call verify_by_api;

}  // namespace cs::connectors::paypal
