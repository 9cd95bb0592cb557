// Subscription: store a card (setupMandate) → charge it without the shopper (recurringCharge) →
// revoke the mandate (revokeMandate).
//
//   npm run example:subscription -- --connector stripe      # or adyen (the default)
//
// Without CS_GRPC_ADDRESS it starts its own stack (examples/lib/setup.mjs). The mandate's
// customerId is what the next charge and the revoke need: your own shopper id for Adyen, the
// Stripe Customer (cus_…) the service created for Stripe.
import {
  CaptureMethod,
  ConnectorServiceError,
  MandateStatus,
  mandateStatusToJSON,
  paymentStatusToJSON,
  RecurringModel,
  redact,
} from "@connector-service/client";
import { clientFor, openStack, parseCommandLine, RETURN_URL, TEST_VALUES, uniqueReference } from "./lib/setup.mjs";

const { connector } = parseCommandLine();
const values = TEST_VALUES[connector];
const stack = await openStack();
const client = clientFor(stack.env, connector);
const reference = uniqueReference("subscription");

try {
  const setup = await client.setupMandate({
    connector,
    merchantReference: `${reference}-setup`,
    paymentMethod: { card: values.mandateCard },
    customer: { id: `shopper-${reference}`, email: "jenny@example.com", name: "Jenny Rosen" },
    amount: { minorAmount: 0, currencyCode: values.currency }, // a zero-value verification
    recurringModel: RecurringModel.RECURRING_MODEL_SUBSCRIPTION,
    returnUrl: RETURN_URL,
  });
  console.log(`setupMandate: ${mandateStatusToJSON(setup.status)} mandate ${setup.mandate?.connectorMandateId} customer ${setup.mandate?.customerId}`);
  if (setup.status !== MandateStatus.MANDATE_STATUS_ACTIVE || !setup.mandate) {
    console.log("no active mandate:", JSON.stringify(redact(setup)));
    process.exitCode = 1;
  } else {
    const { connectorMandateId, customerId } = setup.mandate;
    const charge = await client.recurringCharge({
      connector,
      merchantReference: `${reference}-month-1`,
      connectorMandateId,
      customerId,
      amount: { minorAmount: 1200, currencyCode: values.currency },
      captureMethod: CaptureMethod.CAPTURE_METHOD_AUTOMATIC,
      recurringModel: RecurringModel.RECURRING_MODEL_SUBSCRIPTION,
      returnUrl: RETURN_URL, // Adyen wants one on every payment
    });
    console.log(`recurringCharge 1200: ${paymentStatusToJSON(charge.status)} ${charge.connectorPaymentId}`);

    const revoked = await client.revokeMandate({ connector, connectorMandateId, customerId });
    console.log(`revokeMandate: ${mandateStatusToJSON(revoked.status)}`);
  }
} catch (e) {
  if (!(e instanceof ConnectorServiceError)) throw e;
  console.error("failed:", JSON.stringify(e));
  process.exitCode = 1;
} finally {
  client.close();
  await stack.stop();
}
