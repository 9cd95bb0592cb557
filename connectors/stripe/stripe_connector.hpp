#pragma once
// Stripe: PaymentIntents API, version 2023-08-16 (pinned with Stripe-Version). Pure
// transformers; see README.md in this folder for the wire facts and quirks.

#include "domain/connector.hpp"

namespace cs::connectors::stripe {

class stripe_connector final : public domain::connector {
 public:
  std::string_view name() const noexcept override { return "stripe"; }
  std::vector<std::string_view> credential_keys() const override;
  std::vector<domain::base_url> base_urls() const override;
  domain::status check_secret(std::string_view key, std::string_view value) const override;
  bool supports_currency(std::string_view code) const noexcept override;

  domain::step_result<domain::payment_result> authorize(const domain::authorize_request&,
                                                        const domain::flow_context&) const override;
  domain::step_result<domain::payment_result> capture(const domain::capture_request&,
                                                      const domain::flow_context&) const override;
  domain::step_result<domain::payment_result> void_payment(
      const domain::void_request&, const domain::flow_context&) const override;
  domain::step_result<domain::payment_result> get_payment(
      const domain::get_payment_request&, const domain::flow_context&) const override;
  domain::step_result<domain::refund_result> refund(const domain::refund_request&,
                                                    const domain::flow_context&) const override;
  domain::step_result<domain::refund_result> get_refund(const domain::get_refund_request&,
                                                        const domain::flow_context&) const override;
  domain::step_result<domain::mandate_result> setup_mandate(
      const domain::setup_mandate_request&, const domain::flow_context&) const override;
  domain::step_result<domain::payment_result> complete_authorize(
      const domain::complete_authorize_request&, const domain::flow_context&) const override;
  domain::step_result<domain::payment_result> recurring_charge(
      const domain::recurring_charge_request&, const domain::flow_context&) const override;
  domain::step_result<domain::revoke_result> revoke_mandate(
      const domain::revoke_mandate_request&, const domain::flow_context&) const override;
  domain::step_result<domain::dispute_result> accept_dispute(
      const domain::dispute_request&, const domain::flow_context&) const override;
  domain::step_result<domain::dispute_result> submit_evidence(
      const domain::submit_evidence_request&, const domain::flow_context&) const override;
  // defend_dispute is not overridden: Stripe has no separate defend call (submitting evidence
  // with submit=true is the defense), so it answers UNIMPLEMENTED.
  domain::step_result<domain::dispute_result> get_dispute(
      const domain::dispute_request&, const domain::flow_context&) const override;

  domain::result<domain::webhook_result> handle_webhook(
      const domain::webhook_request&) const override;
};

}  // namespace cs::connectors::stripe
