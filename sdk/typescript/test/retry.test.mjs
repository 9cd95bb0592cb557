// Automatic idempotency keys and retries: the same key on every attempt, retries only for errors
// the server marked retryable, RetryInfo honoured.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import * as grpc from "@grpc/grpc-js";
import sdk from "../dist/index.js";
import { grpcError, startFakeServer } from "../testlib/fake-server.mjs";

const { ConnectorClient, ConnectorServiceError, Payment, PaymentStatus, withRetry, backoffDelayMs } = sdk;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const retryableError = (delay) =>
  grpcError({ code: grpc.status.UNAVAILABLE, message: "processor 503", reason: "PROCESSOR_ERROR", metadata: { retryable: "true" }, retryDelayMs: delay });
const outcomeUnknown = () =>
  grpcError({ code: grpc.status.UNKNOWN, message: "timed out after sending", reason: "OUTCOME_UNKNOWN", metadata: { retryable: "true" } });
const fatal = () =>
  grpcError({ code: grpc.status.INVALID_ARGUMENT, message: "bad", reason: "INVALID_FIELD", metadata: { field: "amount", retryable: "false" } });

describe("idempotency keys and retries", () => {
  let srv;
  let client;
  let script = [];
  before(async () => {
    const step = (req, md, n) => {
      const next = script.shift();
      if (next) throw next();
      return Payment.fromPartial({ status: PaymentStatus.PAYMENT_STATUS_AUTHORIZED, connectorPaymentId: `PSP${n}` });
    };
    srv = await startFakeServer({ authorize: step, capture: step, get: step });
    client = new ConnectorClient({ address: srv.address, merchantAccount: "acct", retry: { maxAttempts: 4, initialDelayMs: 5 } });
  });
  beforeEach(() => {
    srv.calls.length = 0;
    script = [];
  });
  after(async () => {
    client.close();
    await srv.close();
  });

  test("a mutating call without a key gets a UUIDv4, reused by every retry", async () => {
    script = [() => retryableError(20), outcomeUnknown];
    let info;
    const t0 = Date.now();
    const res = await client.authorize({ connector: "adyen", merchantReference: "o-1" }, { onCallInfo: (i) => (info = i) });
    assert.equal(res.status, PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
    assert.equal(srv.calls.length, 3);
    const keys = srv.calls.map((c) => c.request.idempotencyKey);
    assert.match(keys[0], UUID_V4);
    assert.deepEqual(keys, [keys[0], keys[0], keys[0]]);
    assert.ok(Date.now() - t0 >= 20, "waited RetryInfo's 20 ms");
    assert.equal(info.attempts, 3);
    assert.equal(info.idempotencyKey, keys[0]);
    assert.equal(info.processorAttempts, 1);
    assert.equal(info.requestId, "srv-generated-1");
  });

  test("each logical call gets its own key", async () => {
    await client.authorize({ connector: "adyen", merchantReference: "o-2" });
    await client.authorize({ connector: "adyen", merchantReference: "o-2" });
    const [a, b] = srv.calls.map((c) => c.request.idempotencyKey);
    assert.match(a, UUID_V4);
    assert.match(b, UUID_V4);
    assert.notEqual(a, b);
  });

  test("a key in the request or the options is kept", async () => {
    await client.capture({ connector: "adyen", connectorPaymentId: "P", idempotencyKey: "mine-1" });
    await client.capture({ connector: "adyen", connectorPaymentId: "P" }, { idempotencyKey: "opt-2" });
    assert.deepEqual(srv.calls.map((c) => c.request.idempotencyKey), ["mine-1", "opt-2"]);
  });

  test("reads carry no key", async () => {
    await client.getPayment({ connector: "stripe", connectorPaymentId: "pi_1" });
    assert.equal(srv.calls[0].request.connectorPaymentId, "pi_1");
    assert.equal("idempotencyKey" in srv.calls[0].request, false);
  });

  test("an error not marked retryable is not retried", async () => {
    script = [fatal];
    const err = await client.authorize({ connector: "adyen", merchantReference: "o-3" }).catch((e) => e);
    assert.ok(err instanceof ConnectorServiceError);
    assert.equal(err.reason, "INVALID_FIELD");
    assert.equal(srv.calls.length, 1);
  });

  test("attempts run out: the last error is thrown", async () => {
    script = [() => retryableError(1), () => retryableError(1), () => retryableError(1), () => retryableError(1), () => retryableError(1)];
    const err = await client.authorize({ connector: "adyen", merchantReference: "o-4" }).catch((e) => e);
    assert.equal(err.reason, "PROCESSOR_ERROR");
    assert.equal(srv.calls.length, 4);
    assert.equal(new Set(srv.calls.map((c) => c.request.idempotencyKey)).size, 1);
  });

  test("retry: false turns retries off for a call", async () => {
    script = [() => retryableError(1)];
    await assert.rejects(client.authorize({ connector: "adyen", merchantReference: "o-5" }, { retry: false }));
    assert.equal(srv.calls.length, 1);
  });

  test("withRetry around a client without retries keeps one key", async () => {
    const plain = new ConnectorClient({ address: srv.address, merchantAccount: "acct" });
    try {
      script = [() => retryableError(1), () => retryableError(1)];
      const seen = [];
      const res = await withRetry(
        ({ attempt, idempotencyKey }) => {
          seen.push(attempt);
          return plain.capture({ connector: "adyen", connectorPaymentId: "P" }, { idempotencyKey });
        },
        { maxAttempts: 5, initialDelayMs: 1 },
      );
      assert.equal(res.status, PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
      assert.deepEqual(seen, [1, 2, 3]);
      const keys = srv.calls.map((c) => c.request.idempotencyKey);
      assert.equal(keys.length, 3);
      assert.match(keys[0], UUID_V4);
      assert.equal(new Set(keys).size, 1);
    } finally {
      plain.close();
    }
  });
});

describe("backoff", () => {
  test("RetryInfo wins over the exponential backoff", () => {
    const e = new ConnectorServiceError({
      code: 8,
      details: "",
      statusDetails: { errorInfo: { reason: "RATE_LIMITED", domain: "connectorservice.v1", metadata: { retryable: "true" } }, fieldViolations: [], retryDelayMs: 1500 },
    });
    assert.equal(backoffDelayMs(1, e, { initialDelayMs: 10 }), 1500);
  });
  test("exponential with jitter, capped", () => {
    const opts = { initialDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 };
    assert.equal(backoffDelayMs(1, new Error("x"), opts), 100);
    assert.equal(backoffDelayMs(3, new Error("x"), opts), 400);
    assert.equal(backoffDelayMs(10, new Error("x"), opts), 1000);
    assert.equal(backoffDelayMs(3, new Error("x"), { ...opts, random: () => 0 }), 200);
  });
});
