// 3-D Secure: authorize with a card that needs a challenge → the payment answers
// AUTHENTICATION_PENDING with nextAction.redirect → the shopper's browser goes there → the
// processor sends it back to your returnUrl with a few query fields → completeAuthorize with those
// fields as redirectPayload.
//
//   npm run example:3ds -- --connector stripe      # or adyen (the default)
//
// Here the example plays the shopper: it GETs the redirect URL from processor-sim (TLS verified
// with the simulator's CA, CS_SIM_CA), does not follow the 302 but reads where it points — the
// returnUrl with the processor's fields (Adyen `redirectResult`; Stripe `payment_intent`,
// `payment_intent_client_secret`, `redirect_status`) — and hands every field to
// completeAuthorize, as your return page would hand the query it received.
import {
  CaptureMethod,
  ConnectorServiceError,
  HttpMethod,
  PaymentStatus,
  paymentStatusToJSON,
  redact,
} from "@connector-service/client";
import { clientFor, openStack, parseCommandLine, RETURN_URL, simRequest, TEST_VALUES, uniqueReference } from "./lib/setup.mjs";

const { connector } = parseCommandLine();
const values = TEST_VALUES[connector];
const stack = await openStack();
const client = clientFor(stack.env, connector);
const reference = uniqueReference("3ds");

/** The shopper's browser: open the challenge page, return the query it redirects to returnUrl with. */
async function playShopper(redirect) {
  if (redirect.method !== HttpMethod.HTTP_METHOD_GET) throw new Error(`this example only follows GET redirects (got ${redirect.method})`);
  const page = await simRequest(stack.env, "GET", redirect.url);
  const location = page.headers.location;
  if (page.status !== 302 || !location) throw new Error(`the 3DS page answered ${page.status}: ${page.body}`);
  const back = new URL(location);
  console.log(`shopper back at ${back.origin}${back.pathname} with ${[...back.searchParams.keys()].join(", ")}`);
  if (!location.startsWith(RETURN_URL)) throw new Error(`redirected to ${location}, not the return URL`);
  return Object.fromEntries(back.searchParams);
}

try {
  const auth = await client.authorize({
    connector,
    merchantReference: reference,
    amount: { minorAmount: 2500, currencyCode: values.currency },
    paymentMethod: { card: values.threeDsCard },
    captureMethod: CaptureMethod.CAPTURE_METHOD_MANUAL,
    returnUrl: RETURN_URL,
  });
  console.log(`authorize: ${paymentStatusToJSON(auth.status)} ${auth.connectorPaymentId}`);
  const redirect = auth.nextAction?.redirect;
  if (auth.status !== PaymentStatus.PAYMENT_STATUS_AUTHENTICATION_PENDING || !redirect) {
    console.log("no 3DS redirect:", JSON.stringify(redact(auth)));
    process.exitCode = 1;
  } else {
    console.log(`nextAction.redirect: GET ${new URL(redirect.url).pathname}`);
    const redirectPayload = await playShopper(redirect);

    const done = await client.completeAuthorize({
      connector,
      connectorPaymentId: auth.connectorPaymentId,
      merchantReference: reference,
      captureMethod: CaptureMethod.CAPTURE_METHOD_MANUAL,
      redirectPayload,
    });
    console.log(`completeAuthorize: ${paymentStatusToJSON(done.status)} ${done.connectorPaymentId}`);
    if (done.status !== PaymentStatus.PAYMENT_STATUS_AUTHORIZED) process.exitCode = 1;
  }
} catch (e) {
  if (!(e instanceof ConnectorServiceError)) throw e;
  console.error("failed:", JSON.stringify(e));
  process.exitCode = 1;
} finally {
  client.close();
  await stack.stop();
}
