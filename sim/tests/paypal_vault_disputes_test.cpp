// PayPal Vault v3 (setup tokens, payment tokens, paying with vault_id, save on success) and
// Disputes v1 (opened by a test, accepted or answered with evidence, resolved by a test).
#include "paypal_fixture.hpp"

namespace processor_sim::testing {
namespace {

class paypal_vault_disputes : public paypal_test {
 protected:
  static boost::json::object card_source(const std::string& name = "Jane Doe") {
    return {{"card", {{"number", "4012888888881881"}, {"expiry", "2030-12"}, {"name", name}}}};
  }
  std::map<std::string, std::string> key(const std::string& k) {
    return {{"PayPal-Request-Id", k}};
  }
  // A completed capture and a dispute opened on it.
  std::pair<std::string, std::string> disputed(const std::string& value = "40.00") {
    auto o = order(card_order("CAPTURE", value));
    const std::string cap = s(payments(o).at("captures").at(0).at("id"));
    auto r =
        client_->request("POST", "/_sim/paypal/disputes", R"({"capture_id":")" + cap + R"("})");
    EXPECT_EQ(r.status, 200) << r.body;
    return {cap, s(r.json().at("dispute_id"))};
  }
};

TEST_F(paypal_vault_disputes, setup_token_becomes_a_payment_token_that_pays) {
  boost::json::object setup{{"payment_source", card_source()}, {"customer", {{"id", "cust-1"}}}};
  EXPECT_EQ(post("/v3/vault/setup-tokens", setup).status, 400);  // PayPal-Request-Id required
  auto st = post("/v3/vault/setup-tokens", setup, key("setup-1"));
  ASSERT_EQ(st.status, 201) << st.body;
  EXPECT_EQ(st.json().at("status"), "APPROVED");
  EXPECT_EQ(st.json().at("payment_source").at("card").at("last_digits"), "1881");
  EXPECT_EQ(st.body.find("4012888888881881"), std::string::npos);
  boost::json::object confirm{
      {"payment_source", {{"token", {{"id", st.json().at("id")}, {"type", "SETUP_TOKEN"}}}}}};
  auto pt = post("/v3/vault/payment-tokens", confirm, key("pt-1"));
  ASSERT_EQ(pt.status, 201) << pt.body;
  const std::string vault_id = s(pt.json().at("id"));
  EXPECT_EQ(pt.json().at("customer").at("id"), "cust-1");
  EXPECT_EQ(post("/v3/vault/payment-tokens", confirm, key("pt-1")).status, 200);  // replay
  auto list = fetch("/v3/vault/payment-tokens?customer_id=cust-1");
  EXPECT_EQ(list.json().at("payment_tokens").as_array().size(), 1u);

  boost::json::object pay{
      {"intent", "CAPTURE"},
      {"purchase_units",
       boost::json::array{{{"amount", {{"currency_code", "USD"}, {"value", "7.00"}}}}}},
      {"payment_source",
       {{"card",
         {{"vault_id", vault_id},
          {"stored_credential",
           {{"payment_initiator", "MERCHANT"},
            {"payment_type", "UNSCHEDULED"},
            {"usage", "SUBSEQUENT"}}}}}}}};
  auto o = order(pay);
  EXPECT_EQ(o.at("status"), "COMPLETED");
  EXPECT_EQ(payments(o).at("captures").at(0).at("status"), "COMPLETED");
  EXPECT_EQ(call("DELETE", "/v3/vault/payment-tokens/" + vault_id).status, 204);
  EXPECT_EQ(fetch("/v3/vault/payment-tokens/" + vault_id).status, 404);
  auto gone = post("/v2/checkout/orders", pay);
  EXPECT_EQ(gone.status, 404);
}

TEST_F(paypal_vault_disputes, wallet_setup_token_waits_for_the_payer) {
  boost::json::object setup{{"payment_source", {{"paypal", {{"usage_type", "MERCHANT"}}}}}};
  auto st = post("/v3/vault/setup-tokens", setup, key("setup-w"));
  ASSERT_EQ(st.status, 201);
  EXPECT_EQ(st.json().at("status"), "PAYER_ACTION_REQUIRED");
  boost::json::object confirm{
      {"payment_source", {{"token", {{"id", st.json().at("id")}, {"type", "SETUP_TOKEN"}}}}}};
  auto early = post("/v3/vault/payment-tokens", confirm, key("pt-w1"));
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(get(local_path(link_href(st.json().as_object(), "approve"))).status, 200);
  EXPECT_EQ(post("/v3/vault/payment-tokens", confirm, key("pt-w2")).status, 201);
}

TEST_F(paypal_vault_disputes, store_in_vault_on_success_saves_the_card) {
  auto body = card_order("CAPTURE");
  body["payment_source"].at("card").as_object()["attributes"] = {
      {"vault", {{"store_in_vault", "ON_SUCCESS"}}}, {"customer", {{"id", "cust-2"}}}};
  auto o = order(body);
  const auto& vault = o.at("payment_source").at("card").at("attributes").at("vault");
  EXPECT_EQ(vault.at("status"), "VAULTED");
  EXPECT_EQ(vault.at("customer").at("id"), "cust-2");
  EXPECT_EQ(fetch("/v3/vault/payment-tokens/" + s(vault.at("id"))).status, 200);
}

TEST_F(paypal_vault_disputes, accept_claim_resolves_in_the_buyers_favour) {
  auto [cap, id] = disputed();
  ASSERT_TRUE(wait_event("CUSTOMER.DISPUTE.CREATED", id));
  auto d = fetch("/v1/customer/disputes/" + id);
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(d.json().at("status"), "WAITING_FOR_SELLER_RESPONSE");
  EXPECT_EQ(d.json().at("dispute_amount").at("value"), "40.00");
  EXPECT_EQ(d.json().at("disputed_transactions").at(0).at("seller_transaction_id"), cap.c_str());
  auto accept = post("/v1/customer/disputes/" + id + "/accept-claim",
                     {{"note", "Refunding the customer"}, {"accept_claim_type", "REFUND"}});
  ASSERT_EQ(accept.status, 200) << accept.body;
  auto after = fetch("/v1/customer/disputes/" + id).json();
  EXPECT_EQ(after.at("status"), "RESOLVED");
  EXPECT_EQ(after.at("dispute_outcome").at("outcome_code"), "RESOLVED_BUYER_FAVOUR");
  EXPECT_EQ(fetch("/v1/customer/disputes").json().at("items").as_array().size(), 1u);
}

TEST_F(paypal_vault_disputes, multipart_evidence_then_seller_wins) {
  auto [cap, id] = disputed();
  const std::string boundary = "----sim";
  const std::string body =
      "--" + boundary +
      "\r\nContent-Disposition: form-data; name=\"input\"\r\nContent-Type: application/json\r\n\r\n"
      R"({"evidences":[{"evidence_type":"PROOF_OF_FULFILLMENT","notes":"Delivered"}]})"
      "\r\n--" +
      boundary + "--\r\n";
  auto r =
      client_->request("POST", "/paypal/v1/customer/disputes/" + id + "/provide-evidence", body,
                       {{"Authorization", "Bearer " + token()},
                        {"Content-Type", "multipart/form-data; boundary=" + boundary}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto d = fetch("/v1/customer/disputes/" + id).json();
  EXPECT_EQ(d.at("status"), "UNDER_REVIEW");
  EXPECT_EQ(d.at("evidences").at(0).at("evidence_type"), "PROOF_OF_FULFILLMENT");
  auto again = post("/v1/customer/disputes/" + id + "/provide-evidence", {});
  EXPECT_EQ(again.status, 422);
  auto resolved = client_->request("POST", "/_sim/paypal/disputes/" + id + "/resolve",
                                   R"({"outcome":"RESOLVED_SELLER_FAVOUR"})");
  ASSERT_EQ(resolved.status, 200);
  EXPECT_EQ(resolved.json().at("dispute_outcome").at("outcome_code"), "RESOLVED_SELLER_FAVOUR");
  ASSERT_TRUE(wait_event("CUSTOMER.DISPUTE.RESOLVED", id));
}

}  // namespace
}  // namespace processor_sim::testing
