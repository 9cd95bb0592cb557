#pragma once
// Razorpay helpers for the e2e tests: requests for the razorpay_demo account, the simulator's
// bank page, its state routes and signatures computed here with OpenSSL.

#include <map>
#include <string>

#include "harness.hpp"

namespace e2e::rzp {

// A shopper with everything Razorpay needs (email, contact, IP, name).
v1::Customer customer(const std::string& id = "");
// A card authorize (4111… by default) or a UPI collect for the razorpay_demo account, in INR.
v1::AuthorizeRequest card_authorize(const std::string& reference, std::int64_t minor, bool manual,
                                    const std::string& number = razorpay_card::visa);
v1::AuthorizeRequest upi_authorize(const std::string& reference, const std::string& vpa,
                                   std::int64_t minor);

// /_sim/razorpay/payments/{pay} and /_sim/razorpay/orders/{order} (null when not 200).
json sim_payment(const std::string& pay);
json sim_order(const std::string& order);

// Visits the bank page the redirect points at (TLS verified against the sim CA) with
// `result`, expects 302 to return_url and returns the decoded query parameters of Location.
std::map<std::string, std::string> bank_page(const v1::RedirectData& redirect,
                                             const std::string& result = "success");

// GET on the simulator's Razorpay API itself (Basic auth with the test keys), e.g.
// "/razorpay/v1/refunds/rfnd_…" (null when not 200).
json api_get(const std::string& target);

// CompleteAuthorize with `payload` as redirect_payload.
grpc::Status complete(const std::string& pay, const std::map<std::string, std::string>& payload,
                      v1::Payment* out, bool manual = true);

// Authorize a card, pass the bank page and complete: the AUTHORIZED (manual) or CHARGED
// (automatic) answer; empty connector_payment_id on failure (with test failures added).
v1::Payment paid(const std::string& reference, std::int64_t minor, bool manual);

// GET /_sim/webhooks: the delivery of `event` for `id` (payment/refund/dispute id), or null.
json webhook(const std::string& event, const std::string& id,
             std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace e2e::rzp
