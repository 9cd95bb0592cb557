// Relay signature: accept, reject (tampered body, wrong key, malformed), stale; the body parsed
// into typed events like the service's proto3 JSON (enums by name, int64 as strings).
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, test } from "node:test";
import sdk from "../dist/index.js";

const { parseRelay, signRelay, verifyRelaySignature, WebhookSignatureError, EventType, PaymentStatus, RefundStatus, DeclineCode, normalizeHeaders } = sdk;

const key = "sink_signing_key_0123456789";
// As google::protobuf::util::MessageToJsonString prints a WebhookRelay.
const body = JSON.stringify({
  connector: "adyen",
  merchantAccount: "adyen_demo",
  events: [
    {
      type: "EVENT_TYPE_PAYMENT",
      eventId: "PSP1:AUTHORISATION:false",
      processorEventCode: "AUTHORISATION",
      connectorPaymentId: "PSP1",
      merchantReference: "order-1",
      amount: { minorAmount: "1000", currencyCode: "EUR" },
      paymentStatus: "PAYMENT_STATUS_FAILURE",
      error: { declineCode: "DECLINE_CODE_INSUFFICIENT_FUNDS", processorCode: "12", processorMessage: "Not enough balance" },
    },
    { type: "EVENT_TYPE_REFUND", connectorRefundId: "REF1", connectorPaymentId: "PSP0", refundStatus: "REFUND_STATUS_SUCCESS", amount: { minorAmount: "400", currencyCode: "EUR" } },
  ],
});
const now = 1_760_000_000;
// Computed independently of the SDK.
const header = (t, b = body, k = key) => `t=${t},v1=${createHmac("sha256", k).update(`${t}.${b}`).digest("hex")}`;

describe("parseRelay", () => {
  test("accepts a good signature and returns typed events", () => {
    const relay = parseRelay(Buffer.from(body), header(now), key, { nowSec: now + 10 });
    assert.equal(relay.connector, "adyen");
    assert.equal(relay.merchantAccount, "adyen_demo");
    assert.equal(relay.events.length, 2);
    const [p, r] = relay.events;
    assert.equal(p.type, EventType.EVENT_TYPE_PAYMENT);
    assert.equal(p.paymentStatus, PaymentStatus.PAYMENT_STATUS_FAILURE);
    assert.equal(p.amount.minorAmount, 1000);
    assert.equal(p.amount.currencyCode, "EUR");
    assert.equal(p.error.declineCode, DeclineCode.DECLINE_CODE_INSUFFICIENT_FUNDS);
    assert.equal(p.error.processorCode, "12");
    assert.equal(r.type, EventType.EVENT_TYPE_REFUND);
    assert.equal(r.refundStatus, RefundStatus.REFUND_STATUS_SUCCESS);
    assert.equal(r.connectorRefundId, "REF1");
  });

  test("signRelay matches an independent HMAC; a string body works too", () => {
    assert.equal(signRelay(body, key, now), header(now));
    assert.equal(parseRelay(body, signRelay(body, key, now), key, { nowSec: now }).events.length, 2);
  });

  test("accepts any matching v1 (key rotation) and the header as an array", () => {
    const h = `t=${now},v1=${"0".repeat(64)},v1=${header(now).split("v1=")[1]}`;
    assert.doesNotThrow(() => verifyRelaySignature(body, [h], key, { nowSec: now }));
  });

  const rejects = (fn, failure) =>
    assert.throws(fn, (e) => e instanceof WebhookSignatureError && e.failure === failure, `expected ${failure}`);

  test("rejects a tampered body", () => {
    rejects(() => parseRelay(body.replace('"1000"', '"9000"'), header(now), key, { nowSec: now }), "bad_signature");
  });
  test("rejects the wrong key", () => {
    rejects(() => parseRelay(body, header(now, body, "another_key_0123456789"), key, { nowSec: now }), "bad_signature");
  });
  test("rejects a signature for another timestamp", () => {
    rejects(() => parseRelay(body, `t=${now + 1},v1=${header(now).split("v1=")[1]}`, key, { nowSec: now }), "bad_signature");
  });
  test("rejects a stale or future timestamp (default tolerance 300 s)", () => {
    rejects(() => parseRelay(body, header(now - 301), key, { nowSec: now }), "stale");
    rejects(() => parseRelay(body, header(now + 301), key, { nowSec: now }), "stale");
    assert.doesNotThrow(() => parseRelay(body, header(now - 299), key, { nowSec: now }));
    assert.doesNotThrow(() => parseRelay(body, header(now - 3000), key, { nowSec: now, toleranceSec: 3600 }));
  });
  test("rejects a missing or malformed header", () => {
    rejects(() => parseRelay(body, undefined, key), "missing_header");
    rejects(() => parseRelay(body, "", key), "missing_header");
    rejects(() => parseRelay(body, "v1=abc", key), "malformed_header");
    rejects(() => parseRelay(body, `t=${now}`, key), "malformed_header");
    rejects(() => parseRelay(body, `t=${now},v1=short`, key, { nowSec: now }), "bad_signature");
  });
  test("a signed body that is not a relay object is refused", () => {
    rejects(() => parseRelay("[1,2]", header(now, "[1,2]"), key, { nowSec: now }), "bad_body");
    rejects(() => parseRelay("nope", header(now, "nope"), key, { nowSec: now }), "bad_body");
  });
});

test("normalizeHeaders joins repeated values and takes node, Headers and entry lists", () => {
  assert.deepEqual(normalizeHeaders({ "content-type": "application/json", "x-a": ["1", "2"], skip: undefined }), {
    "content-type": "application/json",
    "x-a": "1, 2",
  });
  assert.deepEqual(normalizeHeaders(new Headers({ "Stripe-Signature": "t=1,v1=2" })), { "stripe-signature": "t=1,v1=2" });
  assert.deepEqual(normalizeHeaders([["A", "1"]]), { A: "1" });
});
