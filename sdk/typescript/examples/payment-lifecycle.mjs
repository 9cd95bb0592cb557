// A payment's life with @connector-service/client: authorize (manual capture) → partial capture →
// partial refund → get.
//
//   CS_GRPC_ADDRESS=127.0.0.1:50051 CS_MERCHANT_ACCOUNT=adyen_demo node examples/payment-lifecycle.mjs [adyen|stripe]
//
// Against sdk/testing/stack.sh: `. DIR/env` and pass CS_MERCHANT_ACCOUNT=$CS_ADYEN_ACCOUNT (or
// stripe with $CS_STRIPE_ACCOUNT). The card values are processor-sim's test values.
import {
  CaptureMethod,
  ConnectorClient,
  ConnectorServiceError,
  ErrorReason,
  PaymentStatus,
  paymentStatusToJSON,
  refundStatusToJSON,
  redact,
} from "@connector-service/client";

const connector = process.argv[2] ?? "adyen";
const merchantAccount = process.env.CS_MERCHANT_ACCOUNT ?? (connector === "stripe" ? "stripe_demo" : "adyen_demo");
const client = new ConnectorClient({
  address: process.env.CS_GRPC_ADDRESS ?? "127.0.0.1:50051",
  apiKey: process.env.CS_API_KEY, // only when the service has [clients] configured
  merchantAccount,
  defaultDeadlineMs: 15_000,
  retry: { maxAttempts: 3 }, // only errors the server marks retryable; the same idempotency key each time
});

const amount = { minorAmount: 1000, currencyCode: connector === "stripe" ? "USD" : "EUR" };
const reference = `order-${Date.now()}`;

try {
  const auth = await client.authorize({
    connector,
    merchantReference: reference,
    amount,
    paymentMethod: {
      card: { number: connector === "stripe" ? "4242424242424242" : "4111111111111111", expiryMonth: 3, expiryYear: 2030, cvc: "737", holderName: "APPROVED" },
    },
    captureMethod: CaptureMethod.CAPTURE_METHOD_MANUAL,
    returnUrl: "https://shop.example/return",
  });
  console.log("authorize:", paymentStatusToJSON(auth.status), auth.connectorPaymentId);
  if (auth.status !== PaymentStatus.PAYMENT_STATUS_AUTHORIZED) {
    console.log("not authorized:", JSON.stringify(redact(auth)));
    process.exit(1);
  }

  const capture = await client.capture({
    connector,
    connectorPaymentId: auth.connectorPaymentId,
    amountToCapture: { ...amount, minorAmount: 600 },
    paymentAmount: amount,
  });
  console.log("capture 600:", paymentStatusToJSON(capture.status), capture.connectorOperationId || "");

  const refund = await client.refund({
    connector,
    connectorPaymentId: auth.connectorPaymentId,
    amount: { ...amount, minorAmount: 300 },
    paymentAmount: amount,
  });
  console.log("refund 300:", refundStatusToJSON(refund.status), refund.connectorRefundId);

  try {
    const got = await client.getPayment({ connector, connectorPaymentId: auth.connectorPaymentId });
    console.log("get:", paymentStatusToJSON(got.status), "captured", got.capturedAmount?.minorAmount ?? "?");
  } catch (e) {
    // Adyen has no lookup API: its outcomes arrive by webhook (see webhook-relay-receiver.mjs).
    if (e instanceof ConnectorServiceError && e.errorReason === ErrorReason.ERROR_REASON_NOT_SUPPORTED_BY_PROCESSOR) {
      console.log("get: not offered by", connector, "-", e.details);
    } else {
      throw e;
    }
  }
} catch (e) {
  if (e instanceof ConnectorServiceError) {
    // Safe to log: no card data or secrets (see README "Errors").
    console.error("failed:", JSON.stringify(e));
    if (e.isOutcomeUnknown()) console.error("the operation may have happened: get it, or retry with the same idempotency key");
    process.exitCode = 1;
  } else {
    throw e;
  }
} finally {
  client.close();
}
