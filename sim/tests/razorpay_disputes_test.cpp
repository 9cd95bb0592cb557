#include "razorpay_fixture.hpp"

namespace processor_sim::testing {
namespace {

class razorpay_disputes : public razorpay_test {
 protected:
  std::string open_dispute(const std::string& pay) {
    auto r =
        client_->request("POST", "/_sim/razorpay/disputes", R"({"payment_id":")" + pay + R"("})");
    EXPECT_EQ(r.status, 200) << r.body;
    return s(r.json().at("id"));
  }
};

TEST_F(razorpay_disputes, opened_on_a_captured_payment_with_a_webhook) {
  const auto pay = captured(50000);
  EXPECT_EQ(
      client_
          ->request("POST", "/_sim/razorpay/disputes", R"({"payment_id":")" + paid(50000) + R"("})")
          .status,
      422);  // authorized only
  const auto disp = open_dispute(pay);
  EXPECT_EQ(disp.rfind("disp_", 0), 0u);
  auto event = wait_event("payment.dispute.created", disp);
  ASSERT_TRUE(event);
  EXPECT_TRUE(signature_valid(*event));
  EXPECT_EQ(event->body.at("contains"), (boost::json::array{"payment", "dispute"}));
  EXPECT_EQ(entity_id(*event, "payment"), pay);
  auto d = rzp("GET", "/v1/disputes/" + disp).json();
  EXPECT_EQ(d.at("entity"), "dispute");
  EXPECT_EQ(d.at("status"), "open");
  EXPECT_EQ(d.at("amount").as_int64(), 50000);
  EXPECT_EQ(d.at("payment_id"), pay.c_str());
  EXPECT_TRUE(d.at("evidence").at("submitted_at").is_null());
  EXPECT_EQ(rzp_stats().at("disputes").as_int64(), 1);
}

TEST_F(razorpay_disputes, contest_draft_keeps_open_then_submit_goes_under_review) {
  const auto disp = open_dispute(captured(50000));
  auto draft = rzp("PATCH", "/v1/disputes/" + disp + "/contest",
                   {{"amount", 40000},
                    {"summary", "goods delivered"},
                    {"shipping_proof", {"doc_EFtmUsbwpXwBH9"}},
                    {"action", "draft"}});
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.json().at("status"), "open");
  EXPECT_EQ(draft.json().at("evidence").at("summary"), "goods delivered");
  EXPECT_EQ(draft.json().at("evidence").at("amount").as_int64(), 40000);
  auto unknown = rzp("PATCH", "/v1/disputes/" + disp + "/contest", {{"colour", "blue"}});
  EXPECT_EQ(rzp_error(unknown).at("description"),
            "colour is/are not required and should not be sent");
  auto submit =
      rzp("PATCH", "/v1/disputes/" + disp + "/contest",
          {{"others",
            {{{"type", "receipt_signed_by_customer"}, {"document_ids", {"doc_EFtmUsbwpXwBH1"}}}}},
           {"action", "submit"}});
  ASSERT_EQ(submit.status, 200) << submit.body;
  EXPECT_EQ(submit.json().at("status"), "under_review");
  EXPECT_EQ(submit.json().at("evidence").at("shipping_proof").at(0), "doc_EFtmUsbwpXwBH9");
  EXPECT_TRUE(submit.json().at("evidence").at("submitted_at").is_int64());
  EXPECT_TRUE(wait_event("payment.dispute.under_review", disp));
  EXPECT_EQ(rzp("POST", "/v1/disputes/" + disp + "/accept").status, 400);

  auto won = client_->request("POST", "/_sim/razorpay/disputes/" + disp, R"({"status":"won"})");
  EXPECT_EQ(won.json().at("status"), "won");
  EXPECT_TRUE(wait_event("payment.dispute.won", disp));
}

TEST_F(razorpay_disputes, accept_loses_and_submit_without_documents_is_refused) {
  const auto disp = open_dispute(captured(50000));
  auto empty =
      rzp("PATCH", "/v1/disputes/" + disp + "/contest", {{"summary", "x"}, {"action", "submit"}});
  EXPECT_EQ(empty.status, 400);
  auto accepted = rzp("POST", "/v1/disputes/" + disp + "/accept");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.json().at("status"), "lost");
  EXPECT_EQ(accepted.json().at("amount_deducted").as_int64(), 50000);
  auto lost = wait_event("payment.dispute.lost", disp);
  ASSERT_TRUE(lost);
  EXPECT_TRUE(signature_valid(*lost));
  EXPECT_EQ(get("/_sim/razorpay/disputes/" + disp).json().at("status"), "lost");
  EXPECT_EQ(rzp("GET", "/v1/disputes/disp_Unknown0000000").status, 400);
}

}  // namespace
}  // namespace processor_sim::testing
