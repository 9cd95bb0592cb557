// Checkout: authorize (manual capture) → partial capture → partial refund → the refund's status.
//
//   npm run example:checkout -- --connector stripe      # or adyen (the default)
//
// Without CS_GRPC_ADDRESS it starts its own stack (examples/lib/setup.mjs). Only --connector
// changes between processors: the flow is the same code. Adyen has no refund lookup API (its
// outcomes arrive by webhook), which the service says with a typed NOT_SUPPORTED_BY_PROCESSOR.
import {
  CaptureMethod,
  ConnectorServiceError,
  ErrorReason,
  PaymentStatus,
  paymentStatusToJSON,
  redact,
  refundStatusToJSON,
} from "@connector-service/client";
import { clientFor, openStack, parseCommandLine, RETURN_URL, TEST_VALUES, uniqueReference } from "./lib/setup.mjs";

const { connector } = parseCommandLine();
const values = TEST_VALUES[connector];
const stack = await openStack();
const client = clientFor(stack.env, connector);
const amount = { minorAmount: 1000, currencyCode: values.currency };
const reference = uniqueReference("checkout");

try {
  const auth = await client.authorize({
    connector,
    merchantReference: reference,
    amount,
    paymentMethod: { card: values.card },
    captureMethod: CaptureMethod.CAPTURE_METHOD_MANUAL,
    returnUrl: RETURN_URL,
  });
  console.log(`authorize: ${paymentStatusToJSON(auth.status)} ${auth.connectorPaymentId}`);
  if (auth.status !== PaymentStatus.PAYMENT_STATUS_AUTHORIZED) {
    console.log("not authorized:", JSON.stringify(redact(auth)));
    process.exitCode = 1;
  } else {
    const capture = await client.capture({
      connector,
      connectorPaymentId: auth.connectorPaymentId,
      merchantReference: `${reference}-capture`,
      amountToCapture: { ...amount, minorAmount: 600 },
      paymentAmount: amount,
    });
    console.log(`capture 600: ${paymentStatusToJSON(capture.status)}`);

    const refund = await client.refund({
      connector,
      connectorPaymentId: auth.connectorPaymentId,
      merchantReference: `${reference}-refund`,
      amount: { ...amount, minorAmount: 300 },
      paymentAmount: amount,
    });
    console.log(`refund 300: ${refundStatusToJSON(refund.status)} ${refund.connectorRefundId}`);

    try {
      const got = await client.getRefund({ connector, connectorRefundId: refund.connectorRefundId, connectorPaymentId: auth.connectorPaymentId });
      console.log(`refund status: ${refundStatusToJSON(got.status)} amount ${got.amount?.minorAmount} ${got.amount?.currencyCode}`);
    } catch (e) {
      if (e instanceof ConnectorServiceError && e.errorReason === ErrorReason.ERROR_REASON_NOT_SUPPORTED_BY_PROCESSOR) {
        console.log(`refund status: not offered by ${connector} (${e.reason}); it arrives by webhook`);
      } else {
        throw e;
      }
    }
  }
} catch (e) {
  if (!(e instanceof ConnectorServiceError)) throw e;
  // Safe to log: no card data or secrets (README "Errors").
  console.error("failed:", JSON.stringify(e));
  if (e.isOutcomeUnknown()) console.error("the operation may have happened: get it, or retry with the same idempotency key");
  process.exitCode = 1;
} finally {
  client.close();
  await stack.stop();
}
