// The examples' flows end to end against connector-service + processor-sim (one stack for the
// file): every example as a process for Adyen and Stripe (the same code, only --connector
// changes), one example starting its own stack, then the failures a caller must tell apart:
// missing credentials, and an unknown outcome made with the simulator's fault injection.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import sdk from "../dist/index.js";
import { simRequest } from "../examples/lib/setup.mjs";
import { stackAvailability, startStack } from "../testlib/stack.mjs";

const { ConnectorClient, ConnectorServiceError, ErrorReason, GrpcStatus, CaptureMethod, PaymentStatus } = sdk;
const run = promisify(execFile);
const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), "../examples");
const availability = stackAvailability();
const RETURN_URL = "https://shop.example/return";
const CARDS = {
  adyen: { card: { number: "4111111111111111", expiryMonth: 3, expiryYear: 2030, cvc: "737", holderName: "APPROVED" }, currency: "EUR" },
  stripe: { card: { number: "4242424242424242", expiryMonth: 4, expiryYear: 2031, cvc: "123" }, currency: "USD" },
};
const uniq = (p) => `${p}-${Date.now().toString(36)}-${randomUUID().slice(0, 6)}`;

if (availability.skip) console.log(`# flow tests skipped: ${availability.skip}`);

describe("example flows against connector-service + processor-sim", { skip: availability.skip ?? false }, () => {
  let stack;
  let client;
  const sim = (method, p, body) => simRequest(stack.env, method, p, body);
  const json = async (method, p, body) => {
    const r = await sim(method, p, body);
    assert.ok(r.status < 300, `${method} ${p}: ${r.status} ${r.body}`);
    return JSON.parse(r.body);
  };
  const example = (file, args, env = { CS_GRPC_ADDRESS: stack.env.CS_GRPC_ADDRESS, CS_SIM_URL: stack.env.CS_SIM_URL, CS_SIM_CA: stack.env.CS_SIM_CA }) => {
    const childEnv = { ...process.env, ...env };
    for (const k of ["CS_MERCHANT_ACCOUNT", "CS_API_KEY"]) delete childEnv[k];
    return run(process.execPath, [path.join(examples, file), ...args], { env: childEnv, timeout: 30_000 });
  };

  before(async () => {
    if (availability.error) throw new Error(availability.error);
    stack = await startStack(availability.bin);
    client = new ConnectorClient({ address: stack.env.CS_GRPC_ADDRESS, defaultDeadlineMs: 15_000 });
    await client.waitForReady(10_000);
  });

  after(async () => {
    client?.close();
    if (stack) await sim("DELETE", "/_sim/faults").catch(() => {});
    await stack?.stop();
  });

  for (const connector of ["adyen", "stripe"]) {
    test(`checkout example (${connector}): authorize → partial capture → partial refund → refund status`, async () => {
      const { stdout } = await example("checkout.mjs", ["--connector", connector]);
      assert.match(stdout, /authorize: PAYMENT_STATUS_AUTHORIZED \S+/);
      assert.match(stdout, /capture 600: PAYMENT_STATUS_(CAPTURE_PENDING|PARTIALLY_CHARGED)/);
      assert.match(stdout, /refund 300: REFUND_STATUS_(PENDING|SUCCESS) \S+/);
      assert.match(stdout, connector === "stripe" ? /refund status: REFUND_STATUS_SUCCESS amount 300 USD/ : /refund status: not offered by adyen \(NOT_SUPPORTED_BY_PROCESSOR\)/);
    });

    test(`subscription example (${connector}): setupMandate → recurringCharge → revokeMandate`, async () => {
      const { stdout } = await example("subscription.mjs", ["--connector", connector]);
      const m = /setupMandate: MANDATE_STATUS_ACTIVE mandate (\S+) customer (\S+)/.exec(stdout);
      assert.ok(m, stdout);
      if (connector === "stripe") {
        assert.match(m[1], /^pm_/);
        assert.match(m[2], /^cus_/);
      }
      const charged = /recurringCharge 1200: PAYMENT_STATUS_CHARGED (\S+)/.exec(stdout);
      assert.ok(charged, stdout);
      assert.match(stdout, /revokeMandate: MANDATE_STATUS_REVOKED/);
      if (connector === "stripe") {
        const pi = await json("GET", `/_sim/stripe/payment_intents/${charged[1]}`);
        assert.equal(pi.amount_received, 1200);
        assert.equal(pi.off_session, true);
      } else {
        const p = await json("GET", `/_sim/adyen/payments/${charged[1]}`);
        assert.equal(p.captured, 1200);
      }
    });

    test(`3DS example (${connector}): redirect → the shopper's page → completeAuthorize`, async () => {
      const { stdout } = await example("three-ds.mjs", ["--connector", connector]);
      assert.match(stdout, /authorize: PAYMENT_STATUS_AUTHENTICATION_PENDING/);
      assert.match(stdout, connector === "stripe" ? /nextAction.redirect: GET \/stripe\/3ds\/pi_/ : /nextAction.redirect: GET \/adyen\/hpp\/3ds/);
      assert.match(stdout, connector === "stripe" ? /with payment_intent, payment_intent_client_secret, redirect_status/ : /with redirectResult/);
      const done = /completeAuthorize: PAYMENT_STATUS_AUTHORIZED (\S+)/.exec(stdout);
      assert.ok(done, stdout);
      if (connector === "stripe") assert.equal((await json("GET", `/_sim/stripe/payment_intents/${done[1]}`)).status, "requires_capture");
      else assert.equal((await json("GET", `/_sim/adyen/payments/${done[1]}`)).resultCode, "Authorised");
    });

    test(`webhook receiver example (${connector}): a processor's POST → typed events → acknowledgement`, async () => {
      const { stdout, stderr } = await example("webhook-receiver.mjs", ["--connector", connector, "--demo"], {
        CS_GRPC_ADDRESS: stack.env.CS_GRPC_ADDRESS,
        CS_ADYEN_HMAC_KEY: stack.env.CS_ADYEN_HMAC_KEY,
        CS_STRIPE_WEBHOOK_SECRET: stack.env.CS_STRIPE_WEBHOOK_SECRET,
      });
      const ev = new RegExp(`${connector} event: (\\{.*\\})`).exec(stdout);
      assert.ok(ev, stdout);
      const event = JSON.parse(ev[1]);
      assert.equal(event.type, "EVENT_TYPE_PAYMENT");
      assert.equal(event.what, connector === "adyen" ? "PAYMENT_STATUS_AUTHORIZED" : "PAYMENT_STATUS_CHARGED");
      assert.match(event.reference, /^demo-/);
      assert.match(stdout, connector === "adyen" ? /processor got: 200 "\[accepted\]"/ : /processor got: 200 ""/);
      assert.match(stdout, /processor got for a forged body: 401/);
      assert.match(stderr, new RegExp(`${connector} webhook refused: BAD_SIGNATURE`));
    });
  }

  test("an example starts its own stack when CS_GRPC_ADDRESS is not set", async () => {
    const env = { ...process.env };
    delete env.CS_GRPC_ADDRESS;
    const { stdout, stderr } = await run(process.execPath, [path.join(examples, "checkout.mjs"), "--connector", "stripe"], { env, timeout: 60_000 });
    assert.match(stderr, /# started a stack in /);
    assert.match(stdout, /refund status: REFUND_STATUS_SUCCESS amount 300 USD/);
  });

  test("missing credentials: an unknown merchant account, or none at all → UNAUTHENTICATED / MISSING_CREDENTIALS", async () => {
    const req = {
      connector: "stripe",
      merchantReference: uniq("ts-nocreds"),
      amount: { minorAmount: 1000, currencyCode: "USD" },
      paymentMethod: { card: CARDS.stripe.card },
      returnUrl: RETURN_URL,
    };
    const cases = [
      ["unknown account", { merchantAccount: "no_such_account" }],
      ["an account of another connector", { merchantAccount: stack.env.CS_ADYEN_ACCOUNT }],
      ["no credentials", {}],
      ["x-auth-* without the api key", { credentials: { publishable_key: "pk_test_x" } }],
    ];
    for (const [what, options] of cases) {
      const err = await client.authorize(req, { retry: { maxAttempts: 3 }, ...options }).catch((e) => e);
      assert.ok(err instanceof ConnectorServiceError, `${what}: ${err}`);
      assert.equal(err.code, GrpcStatus.UNAUTHENTICATED, what);
      assert.equal(err.codeName, "UNAUTHENTICATED", what);
      assert.equal(err.errorReason, ErrorReason.ERROR_REASON_MISSING_CREDENTIALS, what);
      assert.equal(err.reason, "MISSING_CREDENTIALS", what);
      assert.equal(err.domain, "connectorservice.v1", what);
      assert.equal(err.retryable, false, what);
      assert.equal(err.isOutcomeUnknown(), false, what);
      assert.ok(err.requestId, `${what}: the service's request id`);
    }
  });

  // The processor applies the payment, then the connection is reset before it answers — on
  // every one of the service's attempts (retry.max_attempts = 3). The caller cannot know whether
  // it was charged: OUTCOME_UNKNOWN. Retrying with the same idempotency key gets the one payment.
  const faultPaths = { adyen: "/adyen/v71/payments", stripe: "/stripe/v1/payment_intents" };
  for (const connector of ["adyen", "stripe"]) {
    test(`unknown outcome (${connector}): reset-after-apply → isOutcomeUnknown(); a retry with the same key → one payment`, async () => {
      const account = { merchantAccount: connector === "adyen" ? stack.env.CS_ADYEN_ACCOUNT : stack.env.CS_STRIPE_ACCOUNT };
      const { card, currency } = CARDS[connector];
      const req = {
        connector,
        merchantReference: uniq(`ts-unknown-${connector}`),
        amount: { minorAmount: 1500, currencyCode: currency },
        paymentMethod: { card },
        captureMethod: CaptureMethod.CAPTURE_METHOD_AUTOMATIC,
        returnUrl: RETURN_URL,
      };
      const idempotencyKey = `ts-unknown-${randomUUID()}`;
      const before = (await json("GET", "/_sim/stats")).double_charges;
      await json("POST", "/_sim/faults", { fault: "reset-after-apply", path_prefix: faultPaths[connector], count: 3 });
      let info;
      const err = await client
        .authorize(req, { ...account, idempotencyKey, retry: false, onCallInfo: (i) => (info = i) })
        .catch((e) => e)
        .finally(() => sim("DELETE", "/_sim/faults"));
      assert.ok(err instanceof ConnectorServiceError, String(err));
      assert.equal(err.isOutcomeUnknown(), true, JSON.stringify(err));
      assert.equal(err.code, GrpcStatus.UNKNOWN);
      assert.equal(err.errorReason, ErrorReason.ERROR_REASON_OUTCOME_UNKNOWN);
      assert.equal(err.reason, "OUTCOME_UNKNOWN");
      assert.equal(err.connector, connector);
      assert.equal(info.idempotencyKey, idempotencyKey);
      // 3 attempts of the faulted call (Stripe: plus its PaymentMethod step).
      assert.ok(info.processorAttempts >= 3, `processor attempts ${info.processorAttempts}`);
      assert.match(err.message, /after 3 attempts/);

      // What README "Errors" tells the caller to do: the same request with the same key.
      const again = await client.authorize(req, { ...account, idempotencyKey });
      assert.equal(again.status, PaymentStatus.PAYMENT_STATUS_CHARGED, JSON.stringify(sdk.redact(again)));
      const state =
        connector === "adyen"
          ? await json("GET", `/_sim/adyen/payments/${again.connectorPaymentId}`)
          : await json("GET", `/_sim/stripe/payment_intents/${again.connectorPaymentId}`);
      assert.equal(state.chargesForIdempotencyKey, 1, "one payment for the key, not two");
      assert.equal((await json("GET", "/_sim/stats")).double_charges, before, "no double charge");
    });
  }

  // The client's own deadline runs out while the processor is still working on the payment (a
  // 1 s latency fault: applied at once, answered late): DEADLINE_EXCEEDED, which the SDK also
  // counts as an unknown outcome. Once the processor is done, the same key replays the payment.
  test("unknown outcome (adyen): the client's deadline runs out → isOutcomeUnknown(); the same key → one payment", async () => {
    const account = { merchantAccount: stack.env.CS_ADYEN_ACCOUNT };
    const req = {
      connector: "adyen",
      merchantReference: uniq("ts-deadline"),
      amount: { minorAmount: 1700, currencyCode: "EUR" },
      paymentMethod: { card: CARDS.adyen.card },
      returnUrl: RETURN_URL,
    };
    const idempotencyKey = `ts-deadline-${randomUUID()}`;
    await json("POST", "/_sim/faults", { fault: "latency:1000", path_prefix: "/adyen/v71/payments", count: 1 });
    const err = await client.authorize(req, { ...account, idempotencyKey, deadlineMs: 300, retry: false }).catch((e) => e);
    assert.ok(err instanceof ConnectorServiceError, String(err));
    assert.equal(err.code, GrpcStatus.DEADLINE_EXCEEDED, JSON.stringify(err));
    assert.equal(err.isOutcomeUnknown(), true);

    // While the first attempt is in flight the processor refuses the key (retryable): retry.
    const again = await client.authorize(req, { ...account, idempotencyKey, retry: { maxAttempts: 10, initialDelayMs: 200 } });
    assert.equal(again.status, PaymentStatus.PAYMENT_STATUS_CHARGED);
    const state = await json("GET", `/_sim/adyen/payments/${again.connectorPaymentId}`);
    assert.equal(state.chargesForIdempotencyKey, 1, "one payment for the key, not two");
  });
});
