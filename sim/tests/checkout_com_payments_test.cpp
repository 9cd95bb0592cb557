// POST /payments and GET /payments/{id}: the test cards, card verification, token and stored
// sources (recurring), validation errors and the empty 401.
#include "checkout_com/checkout_com_cards.hpp"
#include "checkout_com_fixture.hpp"

namespace processor_sim::testing {
namespace {

class CheckoutComPayments : public checkout_com_test {};

TEST_F(CheckoutComPayments, approved_card_with_capture_false_is_authorized) {
  auto p = pay(payment_body("4242424242424242", 1050, false));
  EXPECT_EQ(p.at("approved"), true);
  EXPECT_EQ(p.at("status"), "Authorized");
  EXPECT_EQ(p.at("response_code"), "10000");
  EXPECT_EQ(p.at("response_summary"), "Approved");
  EXPECT_EQ(p.at("amount"), 1050);
  EXPECT_EQ(p.at("currency"), "USD");
  EXPECT_EQ(p.at("reference"), "order-1001");
  EXPECT_EQ(s(p.at("auth_code")).size(), 6u);
  const std::string id = s(p.at("id"));
  EXPECT_EQ(id.size(), 30u);
  EXPECT_EQ(id.rfind("pay_", 0), 0u);
  EXPECT_EQ(s(p.at("action_id")).rfind("act_", 0), 0u);
  const auto& src = p.at("source").as_object();
  EXPECT_EQ(s(src.at("id")).rfind("src_", 0), 0u);
  EXPECT_EQ(src.at("type"), "card");
  EXPECT_EQ(src.at("scheme"), "Visa");
  EXPECT_EQ(src.at("last4"), "4242");
  EXPECT_EQ(src.at("bin"), "424242");
  EXPECT_EQ(src.at("expiry_month"), 6);
  EXPECT_EQ(src.at("expiry_year"), 2030);
  EXPECT_EQ(s(src.at("fingerprint")).size(), 64u);
  EXPECT_FALSE(src.contains("number"));
  EXPECT_FALSE(src.contains("cvv"));
  const auto& links = p.at("_links").as_object();
  EXPECT_EQ(links.at("self").at("href"),
            (app_->base_url() + "/checkout_com/payments/" + id).c_str());
  EXPECT_TRUE(links.contains("actions"));
  EXPECT_TRUE(links.contains("capture"));
  EXPECT_TRUE(links.contains("void"));

  auto got = payment(id);
  EXPECT_EQ(got.at("status"), "Authorized");
  EXPECT_EQ(got.at("approved"), true);
  EXPECT_EQ(got.at("balances").at("total_authorized"), 1050);
  EXPECT_EQ(got.at("balances").at("available_to_capture"), 1050);
  EXPECT_EQ(got.at("balances").at("available_to_void"), 1050);
  EXPECT_EQ(got.at("balances").at("available_to_refund"), 0);
  EXPECT_TRUE(wait_event("payment_approved", id));
  EXPECT_EQ(cko_stats().at("charges"), 1);
}

TEST_F(CheckoutComPayments, capture_true_is_captured_at_once) {
  auto p = pay(payment_body());
  EXPECT_EQ(p.at("status"), "Captured");
  const std::string id = s(p.at("id"));
  auto b = balances(id);
  EXPECT_EQ(b.at("total_captured"), 1050);
  EXPECT_EQ(b.at("available_to_capture"), 0);
  EXPECT_EQ(b.at("available_to_refund"), 1050);
  auto captured = wait_event("payment_captured", id);
  ASSERT_TRUE(captured);
  EXPECT_EQ(captured->body.at("data").at("amount"), 1050);
}

// Every documented test card: 201, approved false, Declined with its code and summary.
TEST_F(CheckoutComPayments, each_declining_test_card_answers_its_response_code) {
  ASSERT_EQ(checkout_com::declining_cards().size(), 14u);
  for (const auto& c : checkout_com::declining_cards()) {
    auto r = post("/payments", payment_body(c.number));
    ASSERT_EQ(r.status, 201) << c.number << " " << r.body;
    auto p = r.json();
    EXPECT_EQ(p.at("approved"), false) << c.number;
    EXPECT_EQ(p.at("status"), "Declined") << c.number;
    EXPECT_EQ(p.at("response_code"), c.response_code) << c.number;
    EXPECT_EQ(p.at("response_summary"), c.response_summary) << c.number;
    EXPECT_FALSE(p.as_object().contains("auth_code"));
    EXPECT_FALSE(p.at("source").as_object().contains("id")) << "a declined card is not stored";
    auto got = payment(s(p.at("id")));
    EXPECT_EQ(got.at("status"), "Declined");
    EXPECT_EQ(got.at("balances").at("total_authorized"), 0);
  }
  EXPECT_EQ(cko_stats().at("charges"), 0);
}

TEST_F(CheckoutComPayments, documented_codes_and_summaries_of_some_cards) {
  auto funds = pay(payment_body("4544249167673670"));
  EXPECT_EQ(funds.at("response_code"), "20051");
  EXPECT_EQ(funds.at("response_summary"), "Insufficient funds");
  auto cvv = pay(payment_body("4734868958733862"));
  EXPECT_EQ(cvv.at("response_code"), "200N7");
  auto id = s(funds.at("id"));
  auto declined = wait_event("payment_declined", id);
  ASSERT_TRUE(declined);
  EXPECT_EQ(declined->body.at("data").at("response_code"), "20051");
}

TEST_F(CheckoutComPayments, any_other_luhn_valid_number_is_approved) {
  EXPECT_EQ(pay(payment_body("5436031030606378")).at("status"), "Captured");
  auto p = pay(payment_body("378282246310005"));
  EXPECT_EQ(p.at("approved"), true);
  EXPECT_EQ(p.at("source").at("scheme"), "Amex");
}

TEST_F(CheckoutComPayments, amount_zero_is_a_card_verification) {
  auto p = pay(payment_body("4242424242424242", 0));
  EXPECT_EQ(p.at("status"), "Card Verified");
  EXPECT_EQ(p.at("approved"), true);
  const std::string id = s(p.at("id"));
  auto actions = fetch("/payments/" + id + "/actions").json().as_array();
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].at("type"), "Card Verification");
  EXPECT_EQ(post("/payments/" + id + "/captures", {}).status, 403);
  EXPECT_EQ(cko_stats().at("charges"), 0);
  // A declining card declines its verification too.
  EXPECT_EQ(pay(payment_body("4544249167673670", 0)).at("status"), "Declined");
}

TEST_F(CheckoutComPayments, missing_or_wrong_key_is_401_with_an_empty_body) {
  const std::string body = boost::json::serialize(payment_body());
  const std::vector<std::map<std::string, std::string>> attempts{
      {},
      {{"Authorization", "Bearer sk_sbox_wrongwrongwrongwrongwrongwrong"}},
      {{"Authorization", cko_defaults.secret_key}},  // the previous platform's bare key
      {{"Authorization", "Basic " + cko_defaults.secret_key}}};
  for (const auto& headers : attempts) {
    auto r = client_->request("POST", "/checkout_com/payments", body, headers);
    EXPECT_EQ(r.status, 401);
    EXPECT_TRUE(r.body.empty()) << r.body;
    EXPECT_TRUE(r.header("content-type").empty());
  }
  auto get = client_->request("GET", "/checkout_com/payments/pay_x");
  EXPECT_EQ(get.status, 401);
  EXPECT_EQ(cko_stats().at("payments"), 0);
  // The Bearer scheme word is case-insensitive.
  auto lower = client_->request("POST", "/checkout_com/payments", body,
                                {{"Authorization", "bearer " + cko_defaults.secret_key}});
  EXPECT_EQ(lower.status, 201);
}

TEST_F(CheckoutComPayments, validation_errors_are_422_with_every_code) {
  auto r = post("/payments", {{"amount", -5}, {"currency", "usd"}});
  ASSERT_EQ(r.status, 422) << r.body;
  auto e = r.json();
  EXPECT_EQ(e.at("error_type"), "request_invalid");
  EXPECT_EQ(e.at("request_id"), r.header("cko-request-id").c_str());
  EXPECT_EQ(codes_of(r), (std::vector<std::string>{"payment_source_required", "amount_invalid",
                                                   "currency_invalid"}));

  auto body = payment_body("4242424242424241");
  body.erase("currency");
  body["payment_type"] = "Sometimes";
  EXPECT_EQ(codes_of(post("/payments", body)),
            (std::vector<std::string>{"card_number_invalid", "currency_required",
                                      "payment_type_invalid"}));

  auto card = payment_body();
  card["source"].as_object()["expiry_month"] = 13;
  card["source"].as_object()["cvv"] = "12";
  card["reference"] = std::string(51, 'r');
  EXPECT_EQ(
      codes_of(post("/payments", card)),
      (std::vector<std::string>{"card_expiry_month_invalid", "cvv_invalid", "reference_invalid"}));
  auto expired = payment_body();
  expired["source"].as_object()["expiry_year"] = 2020;
  EXPECT_EQ(codes_of(post("/payments", expired)), std::vector<std::string>{"card_expired"});
  auto fractional = payment_body();
  fractional["amount"] = 10.5;
  EXPECT_EQ(codes_of(post("/payments", fractional)), std::vector<std::string>{"amount_invalid"});

  auto malformed = client_->request("POST", "/checkout_com/payments", "{not json",
                                    {{"Authorization", "Bearer " + cko_defaults.secret_key}});
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.json().at("error_type"), "request_malformed");
  EXPECT_EQ(cko_stats().at("payments"), 0);
}

TEST_F(CheckoutComPayments, unknown_payment_is_404) {
  auto r = fetch("/payments/pay_aaaaaaaaaaaaaaaaaaaaaaaaaa");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(codes_of(r), std::vector<std::string>{"payment_not_found"});
  EXPECT_EQ(fetch("/payments/sid_aaaaaaaaaaaaaaaaaaaaaaaaaa").status, 404);
  EXPECT_EQ(post("/payments/pay_aaaaaaaaaaaaaaaaaaaaaaaaaa/captures", {}).status, 404);
}

TEST_F(CheckoutComPayments, token_source_is_the_approving_visa_and_a_bad_token_is_422) {
  auto p = pay({{"source", {{"type", "token"}, {"token", "tok_ubfj2q76miwundwlk72vxt2i7q"}}},
                {"amount", 500},
                {"currency", "EUR"}});
  EXPECT_EQ(p.at("status"), "Captured");
  EXPECT_EQ(p.at("source").at("last4"), "4242");
  auto bad = post("/payments", {{"source", {{"type", "token"}, {"token", "tok_short"}}},
                                {"amount", 500},
                                {"currency", "EUR"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(codes_of(bad), std::vector<std::string>{"token_invalid"});
  auto other = post("/payments", {{"source", {{"type", "klarna"}}}, {"currency", "EUR"}});
  EXPECT_EQ(codes_of(other), std::vector<std::string>{"source_type_invalid"});
}

TEST_F(CheckoutComPayments, stored_card_charges_merchant_initiated_recurring_without_cvv) {
  auto first = pay(payment_body("4242424242424242", 1000, true));
  const std::string first_id = s(first.at("id"));
  const std::string src = s(first.at("source").at("id"));
  boost::json::object recurring{{"source", {{"type", "id"}, {"id", src}}},
                                {"amount", 1000},
                                {"currency", "USD"},
                                {"payment_type", "Recurring"},
                                {"merchant_initiated", true},
                                {"previous_payment_id", first_id},
                                {"reference", "renewal-2"}};
  auto again = pay(recurring);
  EXPECT_EQ(again.at("status"), "Captured");
  EXPECT_EQ(again.at("source").at("id"), src.c_str());
  EXPECT_EQ(again.at("source").at("last4"), "4242");
  EXPECT_EQ(again.at("source").at("fingerprint"), first.at("source").at("fingerprint"));
  auto got = payment(s(again.at("id")));
  EXPECT_EQ(got.at("payment_type"), "Recurring");
  EXPECT_EQ(got.at("merchant_initiated"), true);
  EXPECT_EQ(got.at("previous_payment_id"), first_id.c_str());
  EXPECT_EQ(cko_stats().at("charges"), 2);

  recurring["payment_type"] = "Unscheduled";
  EXPECT_EQ(pay(recurring).at("approved"), true);

  auto unknown_src = recurring;
  unknown_src["source"] = {{"type", "id"}, {"id", "src_aaaaaaaaaaaaaaaaaaaaaaaaaa"}};
  auto r = post("/payments", unknown_src);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(codes_of(r), std::vector<std::string>{"source_id_invalid"});
  auto unknown_previous = recurring;
  unknown_previous["previous_payment_id"] = "pay_aaaaaaaaaaaaaaaaaaaaaaaaaa";
  EXPECT_EQ(codes_of(post("/payments", unknown_previous)),
            std::vector<std::string>{"previous_payment_id_invalid"});
}

TEST_F(CheckoutComPayments, card_numbers_and_cvv_never_reach_replies_or_webhooks) {
  auto r = post("/payments", payment_body("4544249167673670"));
  EXPECT_EQ(r.body.find("4544249167673670"), std::string::npos);
  auto p = pay(payment_body("5436031030606378"));
  const std::string id = s(p.at("id"));
  auto hook = wait_event("payment_captured", id);
  ASSERT_TRUE(hook);
  EXPECT_EQ(hook->raw_body.find("5436031030606378"), std::string::npos);
  EXPECT_EQ(hook->raw_body.find("\"cvv\""), std::string::npos);
  EXPECT_EQ(fetch("/payments/" + id).body.find("5436031030606378"), std::string::npos);
}

}  // namespace
}  // namespace processor_sim::testing
