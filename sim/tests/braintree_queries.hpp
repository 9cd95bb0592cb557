#pragma once
// A copy of the GraphQL documents connector-service's Braintree connector sends
// (connectors/braintree/queries.hpp), for the simulator's tests to send word for word. A copy,
// because the simulator includes none of the service's code (scripts/check-rooms.sh); the
// connector's unit test BraintreeQueries.TheSimulatorTestsSendTheConnectorsDocuments fails when
// the two differ.

#include <string_view>

namespace processor_sim::testing::braintree_queries {

// What every transaction read selects: ids (global and legacy), status, amount, orderId and the
// status history's processor answers (a decline's code, a gateway rejection's reason).
#define SIM_BT_TRANSACTION_FIELDS                                                                \
  "fragment TransactionFields on Transaction { id legacyId status orderId merchantAccountId "    \
  "amount { value currencyCode } statusHistory { status "                                        \
  "... on ProcessorDeclinedEvent { declineType processorResponse { legacyCode message } } "      \
  "... on GatewayRejectedEvent { gatewayRejectionReason processorResponse { legacyCode message " \
  "} } "                                                                                         \
  "... on FailedEvent { processorResponse { legacyCode message } } "                             \
  "... on SettlementDeclinedEvent { settlementResponse: processorResponse { legacyCode message " \
  "} } } }"
#define SIM_BT_REFUND_FIELDS                                                                    \
  "fragment RefundFields on Refund { id legacyId status orderId amount { value currencyCode } " \
  "refundedTransaction { id } statusHistory { status "                                          \
  "... on ProcessorDeclinedEvent { processorResponse { legacyCode message } } "                 \
  "... on FailedEvent { processorResponse { legacyCode message } } } }"
#define SIM_BT_DISPUTE_FIELDS                                                                   \
  "fragment DisputeFields on Dispute { id legacyId status amountDisputed { value currencyCode " \
  "} replyByDate transaction { id } }"

// Before a charge: earlier transactions with the charge's orderId (Braintree has no idempotency
// key) and the merchant accounts' currencies.
inline constexpr std::string_view lookup =
    "query Lookup($search: TransactionSearchInput!, $accounts: MerchantAccountSearchInput) { "
    "search { transactions(input: $search, first: 20) { edges { node { ...TransactionFields } } "
    "} } viewer { merchant { merchantAccounts(input: $accounts, first: 50) { edges { node { id "
    "currencyCode isDefault } } } } } } " SIM_BT_TRANSACTION_FIELDS;

inline constexpr std::string_view tokenize_credit_card =
    "mutation TokenizeCreditCard($input: TokenizeCreditCardInput!) { tokenizeCreditCard(input: "
    "$input) { paymentMethod { id usage } } }";

inline constexpr std::string_view authorize_payment_method =
    "mutation AuthorizePaymentMethod($input: AuthorizePaymentMethodInput!) { "
    "authorizePaymentMethod(input: $input) { transaction { ...TransactionFields } } "
    "} " SIM_BT_TRANSACTION_FIELDS;

inline constexpr std::string_view charge_payment_method =
    "mutation ChargePaymentMethod($input: ChargePaymentMethodInput!) { chargePaymentMethod(input: "
    "$input) { transaction { ...TransactionFields } } } " SIM_BT_TRANSACTION_FIELDS;

// A transaction with its refunds (their orderIds find an earlier refund attempt).
inline constexpr std::string_view transaction =
    "query Transaction($id: ID!) { node(id: $id) { __typename ... on Transaction { "
    "...TransactionFields refunds { ...RefundFields } } } } " SIM_BT_TRANSACTION_FIELDS
    " " SIM_BT_REFUND_FIELDS;

inline constexpr std::string_view refund =
    "query Refund($id: ID!) { node(id: $id) { __typename ... on Refund { ...RefundFields } } "
    "} " SIM_BT_REFUND_FIELDS;

inline constexpr std::string_view capture_transaction =
    "mutation CaptureTransaction($input: CaptureTransactionInput!) { captureTransaction(input: "
    "$input) { transaction { ...TransactionFields } } } " SIM_BT_TRANSACTION_FIELDS;

inline constexpr std::string_view reverse_transaction =
    "mutation ReverseTransaction($input: ReverseTransactionInput!) { reverseTransaction(input: "
    "$input) { reversal { __typename ... on Transaction { ...TransactionFields } ... on Refund { "
    "...RefundFields } } } } " SIM_BT_TRANSACTION_FIELDS " " SIM_BT_REFUND_FIELDS;

inline constexpr std::string_view refund_transaction =
    "mutation RefundTransaction($input: RefundTransactionInput!) { refundTransaction(input: "
    "$input) { refund { ...RefundFields } } } " SIM_BT_REFUND_FIELDS;

// A legacy id (webhooks, the Control Panel) → the global id node() takes.
inline constexpr std::string_view id_from_legacy_id =
    "query IdFromLegacyId($legacyId: ID!, $type: LegacyIdType!) { idFromLegacyId(legacyId: "
    "$legacyId, type: $type) }";

inline constexpr std::string_view vault_payment_method =
    "mutation VaultPaymentMethod($input: VaultPaymentMethodInput!) { vaultPaymentMethod(input: "
    "$input) { paymentMethod { id usage customer { id } } verification { id status "
    "gatewayRejectionReason processorResponse { legacyCode message } } } }";

inline constexpr std::string_view delete_payment_method =
    "mutation DeletePaymentMethodFromVault($input: DeletePaymentMethodFromVaultInput!) { "
    "deletePaymentMethodFromVault(input: $input) { clientMutationId } }";

inline constexpr std::string_view dispute =
    "query Dispute($id: ID!) { node(id: $id) { __typename ... on Dispute { ...DisputeFields } } "
    "} " SIM_BT_DISPUTE_FIELDS;

inline constexpr std::string_view accept_dispute =
    "mutation AcceptDispute($input: AcceptDisputeInput!) { acceptDispute(input: $input) { "
    "dispute { ...DisputeFields } } } " SIM_BT_DISPUTE_FIELDS;

inline constexpr std::string_view create_dispute_text_evidence =
    "mutation CreateDisputeTextEvidence($input: CreateDisputeTextEvidenceInput!) { "
    "createDisputeTextEvidence(input: $input) { evidence { id } } }";

inline constexpr std::string_view finalize_dispute =
    "mutation FinalizeDispute($input: FinalizeDisputeInput!) { finalizeDispute(input: $input) { "
    "dispute { ...DisputeFields } } } " SIM_BT_DISPUTE_FIELDS;

#undef SIM_BT_TRANSACTION_FIELDS
#undef SIM_BT_REFUND_FIELDS
#undef SIM_BT_DISPUTE_FIELDS

}  // namespace processor_sim::testing::braintree_queries
