// Against the running service and processor-sim (sdk/testing/stack.sh), started once for the file.
// With the HTTP webhook receiver in relay mode to a local sink, so a relay is checked end to end.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import sdk from "../dist/index.js";
import { adyenItem, adyenNotification } from "../testlib/adyen.mjs";
import { stackAvailability, startStack } from "../testlib/stack.mjs";

const {
  ConnectorClient,
  ConnectorServiceError,
  ErrorReason,
  GrpcStatus,
  CaptureMethod,
  PaymentStatus,
  RefundStatus,
  DeclineCode,
  EventType,
  parseRelay,
} = sdk;

const availability = stackAvailability();
const examples = path.join(path.dirname(fileURLToPath(import.meta.url)), "../examples");
const SINK_KEY = "sdk_ts_sink_signing_key_4f2a9c";
const CARD = { number: "4111111111111111", expiryMonth: 3, expiryYear: 2030, cvc: "737", holderName: "APPROVED" };
const RETURN_URL = "https://shop.example/return";
const uniq = (p) => `${p}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
const psp = () => "TS" + randomBytes(7).toString("hex").toUpperCase();

if (availability.skip) console.log(`# integration tests skipped: ${availability.skip}`);

describe("against connector-service + processor-sim", { skip: availability.skip ?? false }, () => {
  let stack;
  let client;
  let sink;
  const relays = [];
  let relayOn = false;

  before(async () => {
    if (availability.error) throw new Error(availability.error);
    sink = http.createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        relays.push({ headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200).end("ok");
      });
    });
    await new Promise((r) => sink.listen(0, "127.0.0.1", r));
    const relayEnv = {
      CS_WEBHOOKS__MODE: "relay",
      CS_WEBHOOKS__SINK_URL: `http://127.0.0.1:${sink.address().port}/relay`,
      CS_WEBHOOKS__SINK_SIGNING_KEY: SINK_KEY,
      CS_TLS__ALLOW_PLAIN_HTTP_FOR_TESTS: "true",
    };
    try {
      stack = await startStack(availability.bin, relayEnv);
      relayOn = true;
    } catch (e) {
      // The relay settings are an extra: without them the gRPC tests still run.
      console.log(`# the stack did not start with a relay sink (${e.message.split("\n")[0]}); starting it without`);
      stack = await startStack(availability.bin);
    }
    client = new ConnectorClient({ address: stack.env.CS_GRPC_ADDRESS, defaultDeadlineMs: 15_000 });
    await client.waitForReady(10_000);
  });

  after(async () => {
    client?.close();
    await stack?.stop();
    await new Promise((r) => (sink ? sink.close(() => r()) : r()));
  });

  test("Adyen: authorize (manual) → partial capture → partial refund → get", async () => {
    const adyen = { merchantAccount: stack.env.CS_ADYEN_ACCOUNT };
    const reference = uniq("ts-order");
    const requestId = uniq("ts-req");
    let info;
    const auth = await client.authorize(
      {
        connector: "adyen",
        merchantReference: reference,
        amount: { minorAmount: 1000, currencyCode: "EUR" },
        paymentMethod: { card: CARD },
        captureMethod: CaptureMethod.CAPTURE_METHOD_MANUAL,
        returnUrl: RETURN_URL,
      },
      { ...adyen, requestId, onCallInfo: (i) => (info = i) },
    );
    assert.equal(auth.status, PaymentStatus.PAYMENT_STATUS_AUTHORIZED, JSON.stringify(sdk.redact(auth)));
    assert.match(auth.connectorPaymentId, /^[A-Z0-9]{16}$/);
    assert.equal(info.requestId, requestId, "x-request-id echoed");
    assert.ok(info.processorAttempts >= 1);
    assert.match(info.idempotencyKey, /^[0-9a-f-]{36}$/);

    const cap = await client.capture(
      {
        connector: "adyen",
        connectorPaymentId: auth.connectorPaymentId,
        merchantReference: `${reference}-cap`,
        amountToCapture: { minorAmount: 600, currencyCode: "EUR" },
        paymentAmount: { minorAmount: 1000, currencyCode: "EUR" },
      },
      adyen,
    );
    assert.equal(cap.status, PaymentStatus.PAYMENT_STATUS_CAPTURE_PENDING);
    assert.ok(cap.connectorOperationId, "the capture's own pspReference");

    const ref = await client.refund(
      {
        connector: "adyen",
        connectorPaymentId: auth.connectorPaymentId,
        merchantReference: `${reference}-ref`,
        amount: { minorAmount: 300, currencyCode: "EUR" },
        paymentAmount: { minorAmount: 1000, currencyCode: "EUR" },
      },
      adyen,
    );
    assert.equal(ref.status, RefundStatus.REFUND_STATUS_PENDING);
    assert.ok(ref.connectorRefundId);

    // Adyen has no lookup API: a typed FAILED_PRECONDITION / NOT_SUPPORTED_BY_PROCESSOR.
    const err = await client.getPayment({ connector: "adyen", connectorPaymentId: auth.connectorPaymentId }, adyen).catch((e) => e);
    assert.ok(err instanceof ConnectorServiceError, String(err));
    assert.equal(err.code, GrpcStatus.FAILED_PRECONDITION);
    assert.equal(err.errorReason, ErrorReason.ERROR_REASON_NOT_SUPPORTED_BY_PROCESSOR);
    assert.equal(err.domain, "connectorservice.v1");
    assert.equal(err.flow, "get_payment");
    assert.equal(err.retryable, false);
  });

  test("Stripe: authorize (manual) → partial capture → partial refund → get", async () => {
    const stripe = { merchantAccount: stack.env.CS_STRIPE_ACCOUNT };
    const reference = uniq("ts-stripe");
    const auth = await client.authorize(
      {
        connector: "stripe",
        merchantReference: reference,
        amount: { minorAmount: 2000, currencyCode: "USD" },
        paymentMethod: { card: { ...CARD, number: "4242424242424242", cvc: "123" } },
        captureMethod: CaptureMethod.CAPTURE_METHOD_MANUAL,
        returnUrl: RETURN_URL,
      },
      stripe,
    );
    assert.equal(auth.status, PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
    assert.match(auth.connectorPaymentId, /^pi_/);
    const cap = await client.capture(
      { connector: "stripe", connectorPaymentId: auth.connectorPaymentId, amountToCapture: { minorAmount: 1500, currencyCode: "USD" } },
      stripe,
    );
    assert.ok([PaymentStatus.PAYMENT_STATUS_CHARGED, PaymentStatus.PAYMENT_STATUS_PARTIALLY_CHARGED].includes(cap.status), String(cap.status));
    const ref = await client.refund(
      { connector: "stripe", connectorPaymentId: auth.connectorPaymentId, amount: { minorAmount: 500, currencyCode: "USD" } },
      stripe,
    );
    assert.ok([RefundStatus.REFUND_STATUS_SUCCESS, RefundStatus.REFUND_STATUS_PENDING].includes(ref.status), String(ref.status));
    const got = await client.getPayment({ connector: "stripe", connectorPaymentId: auth.connectorPaymentId }, stripe);
    assert.equal(got.connectorPaymentId, auth.connectorPaymentId);
    assert.equal(got.capturedAmount?.minorAmount, 1500);
    const gotRefund = await client.getRefund({ connector: "stripe", connectorRefundId: ref.connectorRefundId, connectorPaymentId: auth.connectorPaymentId }, stripe);
    assert.equal(gotRefund.amount?.minorAmount, 500);
  });

  test("Stripe decline: insufficient funds is an OK reply with status FAILURE", async () => {
    const res = await client.authorize(
      {
        connector: "stripe",
        merchantReference: uniq("ts-decline"),
        amount: { minorAmount: 1000, currencyCode: "USD" },
        paymentMethod: { card: { number: "4000000000009995", expiryMonth: 3, expiryYear: 2030, cvc: "123" } },
        returnUrl: RETURN_URL,
      },
      { merchantAccount: stack.env.CS_STRIPE_ACCOUNT },
    );
    assert.equal(res.status, PaymentStatus.PAYMENT_STATUS_FAILURE);
    assert.equal(res.error?.declineCode, DeclineCode.DECLINE_CODE_INSUFFICIENT_FUNDS);
    assert.equal(res.error?.processorDeclineCode, "insufficient_funds");
  });

  test("validation errors: INVALID_FIELD / MISSING_FIELD naming the field, no card data", async () => {
    const base = {
      connector: "adyen",
      merchantReference: uniq("ts-invalid"),
      amount: { minorAmount: 1000, currencyCode: "EUR" },
      paymentMethod: { card: { ...CARD, number: "4111111111111112" } },
      returnUrl: RETURN_URL,
    };
    const bad = await client.authorize(base, { merchantAccount: stack.env.CS_ADYEN_ACCOUNT }).catch((e) => e);
    assert.ok(bad instanceof ConnectorServiceError, String(bad));
    assert.equal(bad.code, GrpcStatus.INVALID_ARGUMENT);
    assert.equal(bad.errorReason, ErrorReason.ERROR_REASON_INVALID_FIELD);
    assert.equal(bad.reason, "INVALID_FIELD");
    assert.equal(bad.field, "payment_method.card.number");
    assert.equal(bad.fieldViolations[0]?.field, "payment_method.card.number");
    assert.equal(bad.retryable, false);
    assert.ok(!JSON.stringify(bad).includes("4111111111111112") && !bad.message.includes("4111111111111112"));

    const missing = await client.authorize({ ...base, merchantReference: "" }, { merchantAccount: stack.env.CS_ADYEN_ACCOUNT }).catch((e) => e);
    assert.equal(missing.errorReason, ErrorReason.ERROR_REASON_MISSING_FIELD);
    assert.equal(missing.field, "merchant_reference");
    assert.ok(missing.requestId, "the service's request id");
  });

  test("handleWebhook: a signed Adyen notification → events; a bad signature → BAD_SIGNATURE", async () => {
    const key = stack.env.CS_ADYEN_HMAC_KEY;
    const pay = psp();
    const refund = psp();
    const body = adyenNotification([
      adyenItem({ psp: pay, eventCode: "AUTHORISATION", value: 1000, reference: "ts-wh-order" }, key),
      adyenItem({ psp: refund, original: pay, eventCode: "REFUND", value: 400, reference: "ts-wh-refund" }, key),
    ]);
    const headers = { "content-type": "application/json" };
    for (const how of [{ secret: key }, { merchantAccount: stack.env.CS_ADYEN_ACCOUNT }]) {
      const res = await client.handleWebhook({ connector: "adyen", headers, body: Buffer.from(body), ...how });
      assert.equal(res.acknowledgement, "[accepted]");
      assert.equal(res.events.length, 2);
      const [a, r] = res.events;
      assert.equal(a.type, EventType.EVENT_TYPE_PAYMENT);
      assert.equal(a.paymentStatus, PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
      assert.equal(a.connectorPaymentId, pay);
      assert.equal(a.merchantReference, "ts-wh-order");
      assert.deepEqual(a.amount, { minorAmount: 1000, currencyCode: "EUR" });
      assert.equal(a.eventId, `${pay}:AUTHORISATION:true`);
      assert.equal(r.type, EventType.EVENT_TYPE_REFUND);
      assert.equal(r.refundStatus, RefundStatus.REFUND_STATUS_SUCCESS);
      assert.equal(r.connectorRefundId, refund);
      assert.equal(r.connectorPaymentId, pay);
    }

    const tampered = body.replace('"value":1000', '"value":9000');
    assert.notEqual(tampered, body);
    for (const [b, secret] of [[tampered, key], [body, "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0"]]) {
      const err = await client.handleWebhook({ connector: "adyen", headers, body: b, secret }).catch((e) => e);
      assert.ok(err instanceof ConnectorServiceError, String(err));
      assert.equal(err.code, GrpcStatus.UNAUTHENTICATED);
      assert.equal(err.errorReason, ErrorReason.ERROR_REASON_BAD_SIGNATURE);
      assert.ok(!err.message.includes(secret), "the secret is not echoed");
    }
  });

  test("relay: the HTTP receiver's signed relay parses into the events HandleWebhook returns", async (t) => {
    if (!relayOn) return t.skip("the stack runs without a relay sink");
    const key = stack.env.CS_ADYEN_HMAC_KEY;
    const pay = psp();
    const body = adyenNotification([adyenItem({ psp: pay, eventCode: "AUTHORISATION", value: 1250, reference: "ts-relay-order" }, key)]);
    const viaGrpc = await client.handleWebhook({ connector: "adyen", headers: { "content-type": "application/json" }, body, secret: key });

    const res = await fetch(`http://${stack.env.CS_HTTP_ADDRESS}/webhooks/adyen/${stack.env.CS_ADYEN_ACCOUNT}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(await res.text(), "[accepted]");

    const deadline = Date.now() + 5000;
    let relay;
    while (!relay && Date.now() < deadline) {
      relay = relays.find((r) => r.body.includes(pay));
      if (!relay) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(relay, "the sink got the relay");
    const parsed = parseRelay(relay.body, relay.headers["x-connector-signature"], SINK_KEY);
    assert.equal(parsed.connector, "adyen");
    assert.equal(parsed.merchantAccount, stack.env.CS_ADYEN_ACCOUNT);
    assert.deepEqual(parsed.events, viaGrpc.events);
    assert.throws(() => parseRelay(relay.body, relay.headers["x-connector-signature"], "not_the_sink_key_123456"), sdk.WebhookSignatureError);
  });

  for (const [connector, accountVar] of [["adyen", "CS_ADYEN_ACCOUNT"], ["stripe", "CS_STRIPE_ACCOUNT"]]) {
    test(`examples/payment-lifecycle.mjs runs against ${connector}`, async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(examples, "payment-lifecycle.mjs"), connector], {
        env: { ...process.env, CS_GRPC_ADDRESS: stack.env.CS_GRPC_ADDRESS, CS_MERCHANT_ACCOUNT: stack.env[accountVar] },
        timeout: 30_000,
      });
      assert.match(stdout, /authorize: PAYMENT_STATUS_AUTHORIZED/);
      assert.match(stdout, /capture 600: PAYMENT_STATUS_(CAPTURE_PENDING|PARTIALLY_CHARGED|CHARGED)/);
      assert.match(stdout, /refund 300: REFUND_STATUS_(PENDING|SUCCESS)/);
      assert.match(stdout, connector === "adyen" ? /get: not offered by adyen/ : /get: PAYMENT_STATUS_\w+ captured 600/);
    });
  }
});
