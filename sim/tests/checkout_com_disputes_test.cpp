// Disputes: opened by the control route, read, accepted or answered with evidence through the
// API, resolved by the control route; each step's status rules and webhooks.
#include "checkout_com_fixture.hpp"

namespace processor_sim::testing {
namespace {

class CheckoutComDisputes : public checkout_com_test {
 protected:
  http_reply open(const std::string& payment_id, const boost::json::object& body = {}) {
    return client_->request("POST", "/_sim/checkout_com/payments/" + payment_id + "/dispute",
                            boost::json::serialize(body));
  }
  std::string open_id(const std::string& payment_id, const boost::json::object& body = {}) {
    auto r = open(payment_id, body);
    EXPECT_EQ(r.status, 200) << r.body;
    return s(r.json().at("id"));
  }
  http_reply resolve(const std::string& id, const std::string& outcome) {
    return client_->request("POST", "/_sim/checkout_com/disputes/" + id + "/resolve",
                            R"({"outcome":")" + outcome + R"("})");
  }
  boost::json::object dispute(const std::string& id) {
    auto r = fetch("/disputes/" + id);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json().as_object();
  }
};

TEST_F(CheckoutComDisputes, opening_sends_evidence_required_and_get_shows_the_dispute) {
  const auto pay_id = sale(1000);
  const auto id = open_id(
      pay_id,
      {{"amount", 600}, {"reason_code", "13.1"}, {"category", "product_service_not_received"}});
  EXPECT_EQ(id.size(), 30u);
  EXPECT_EQ(id.rfind("dsp_", 0), 0u);
  auto d = dispute(id);
  EXPECT_EQ(d.at("status"), "evidence_required");
  EXPECT_EQ(d.at("amount"), 600);
  EXPECT_EQ(d.at("currency"), "USD");
  EXPECT_EQ(d.at("reason_code"), "13.1");
  EXPECT_EQ(d.at("category"), "product_service_not_received");
  EXPECT_FALSE(s(d.at("evidence_required_by")).empty());
  EXPECT_GT(s(d.at("evidence_required_by")), s(d.at("received_on")));
  EXPECT_EQ(d.at("payment").at("id"), pay_id.c_str());
  EXPECT_EQ(d.at("payment").at("method"), "Visa");
  EXPECT_EQ(s(d.at("payment").at("arn")).size(), 23u);

  auto hook = wait_event("dispute_evidence_required", id);
  ASSERT_TRUE(hook);
  const auto& data = hook->body.at("data").as_object();
  EXPECT_EQ(data.at("payment_id"), pay_id.c_str());
  EXPECT_EQ(data.at("amount"), 600);
  EXPECT_EQ(data.at("currency"), "USD");
  EXPECT_EQ(data.at("reason_code"), "13.1");
  EXPECT_EQ(data.at("category"), "product_service_not_received");
  EXPECT_EQ(data.at("evidence_required_by"), d.at("evidence_required_by"));
  EXPECT_EQ(hook->header("cko-signature"),
            cko_signature(cko_defaults.signature_key, hook->raw_body));

  EXPECT_EQ(fetch("/disputes/dsp_aaaaaaaaaaaaaaaaaaaaaaaaaa").status, 404);
}

TEST_F(CheckoutComDisputes, only_a_captured_payment_can_be_disputed_once) {
  EXPECT_EQ(open(authorize()).status, 422);
  EXPECT_EQ(open("pay_aaaaaaaaaaaaaaaaaaaaaaaaaa").status, 404);
  const auto pay_id = sale(1000);
  EXPECT_EQ(open(pay_id, {{"amount", 1001}}).status, 400);
  EXPECT_EQ(open(pay_id, {{"category", "bored"}}).status, 400);
  const auto id = open_id(pay_id);
  EXPECT_EQ(dispute(id).at("amount"), 1000);  // default: what was captured
  EXPECT_EQ(dispute(id).at("category"), "fraudulent");
  EXPECT_EQ(open(pay_id).status, 422);
}

TEST_F(CheckoutComDisputes, accept_once_then_403) {
  const auto id = open_id(sale());
  auto accepted = post("/disputes/" + id + "/accept", {});
  EXPECT_EQ(accepted.status, 204);
  EXPECT_TRUE(accepted.body.empty());
  EXPECT_EQ(dispute(id).at("status"), "accepted");
  auto again = post("/disputes/" + id + "/accept", {});
  EXPECT_EQ(again.status, 403) << again.body;
  EXPECT_EQ(again.json().at("error_type"), "processing_error");
  EXPECT_EQ(codes_of(again), std::vector<std::string>{"dispute_action_not_allowed"});
  EXPECT_EQ(post("/disputes/" + id + "/evidence", {}).status, 403);
  EXPECT_EQ(resolve(id, "won").status, 422);
}

TEST_F(CheckoutComDisputes, evidence_is_saved_read_back_then_submitted) {
  const auto id = open_id(sale());
  boost::json::object first{{"proof_of_delivery_or_service_text", "Signed for."},
                            {"invoice_or_receipt_file", "file_abc"}};
  auto put = call("PUT", "/disputes/" + id + "/evidence", &first);
  EXPECT_EQ(put.status, 204) << put.body;
  boost::json::object more{{"customer_communication_text", "Emails attached."}};
  EXPECT_EQ(call("PUT", "/disputes/" + id + "/evidence", &more).status, 204);
  EXPECT_EQ(dispute(id).at("status"), "evidence_required");
  auto evidence = fetch("/disputes/" + id + "/evidence").json();
  EXPECT_EQ(evidence.at("proof_of_delivery_or_service_text"), "Signed for.");
  EXPECT_EQ(evidence.at("invoice_or_receipt_file"), "file_abc");
  EXPECT_EQ(evidence.at("customer_communication_text"), "Emails attached.");

  boost::json::object unknown{{"horoscope_text", "favourable"}};
  auto bad = call("PUT", "/disputes/" + id + "/evidence", &unknown);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(codes_of(bad), std::vector<std::string>{"evidence_invalid"});
  boost::json::object too_long{{"additional_evidence_text", std::string(501, 'x')}};
  EXPECT_EQ(call("PUT", "/disputes/" + id + "/evidence", &too_long).status, 422);
  boost::json::object empty;
  EXPECT_EQ(codes_of(call("PUT", "/disputes/" + id + "/evidence", &empty)),
            std::vector<std::string>{"evidence_required"});

  EXPECT_EQ(post("/disputes/" + id + "/evidence", {}).status, 204);
  EXPECT_EQ(dispute(id).at("status"), "evidence_under_review");
  EXPECT_EQ(post("/disputes/" + id + "/evidence", {}).status, 403);
  EXPECT_EQ(call("PUT", "/disputes/" + id + "/evidence", &more).status, 403);
  EXPECT_EQ(post("/disputes/" + id + "/accept", {}).status, 403);
}

TEST_F(CheckoutComDisputes, resolving_sends_dispute_won_or_dispute_lost) {
  const auto won = open_id(sale());
  ASSERT_EQ(post("/disputes/" + won + "/evidence", {}).status, 204);
  auto r = resolve(won, "won");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().at("status"), "won");
  EXPECT_EQ(dispute(won).at("status"), "won");
  EXPECT_TRUE(wait_event("dispute_won", won));
  EXPECT_EQ(resolve(won, "lost").status, 422);

  const auto lost = open_id(sale());
  EXPECT_EQ(resolve(lost, "draw").status, 400);
  EXPECT_EQ(resolve(lost, "lost").status, 200);
  auto hook = wait_event("dispute_lost", lost);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->header("cko-signature"),
            cko_signature(cko_defaults.signature_key, hook->raw_body));
  auto control = get("/_sim/checkout_com/disputes/" + lost).json();
  EXPECT_EQ(control.at("status"), "lost");
  EXPECT_EQ(cko_stats().at("disputes"), 2);
}

}  // namespace
}  // namespace processor_sim::testing
