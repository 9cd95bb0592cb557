// Error decoding: google.rpc.Status serialized independently (protobufjs + the official protos),
// decoded by the SDK directly and through a real grpc-js call.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as grpc from "@grpc/grpc-js";
import sdk from "../dist/index.js";
import { encodeStatus } from "../testlib/status.mjs";
import { grpcError, startFakeServer } from "../testlib/fake-server.mjs";

const { ConnectorClient, ConnectorServiceError, ErrorReason, decodeStatusDetails, fromServiceError } = sdk;

describe("decodeStatusDetails", () => {
  test("reads ErrorInfo, BadRequest and RetryInfo", () => {
    const bin = encodeStatus({
      code: grpc.status.INVALID_ARGUMENT,
      message: "amount.minor_amount: must be positive",
      reason: "INVALID_FIELD",
      metadata: { connector: "adyen", flow: "authorize", field: "amount.minor_amount", retryable: "false" },
      violations: [{ field: "amount.minor_amount", description: "must be positive" }],
      retryDelayMs: 1250,
    });
    const d = decodeStatusDetails(bin);
    assert.equal(d.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(d.errorInfo.reason, "INVALID_FIELD");
    assert.equal(d.errorInfo.domain, "connectorservice.v1");
    assert.equal(d.errorInfo.metadata.field, "amount.minor_amount");
    assert.deepEqual(d.fieldViolations, [{ field: "amount.minor_amount", description: "must be positive" }]);
    assert.equal(d.retryDelayMs, 1250);
  });

  test("skips details of unknown types", () => {
    const bin = encodeStatus({
      code: grpc.status.UNAVAILABLE,
      message: "x",
      extra: [{ type_url: "type.googleapis.com/google.rpc.DebugInfo", value: Buffer.from([0x0a, 0x01, 0x41]) }],
      reason: "PROCESSOR_ERROR",
      metadata: { retryable: "true" },
    });
    const d = decodeStatusDetails(bin);
    assert.equal(d.errorInfo.reason, "PROCESSOR_ERROR");
    assert.equal(d.errorInfo.metadata.retryable, "true");
  });
});

describe("ConnectorServiceError", () => {
  const make = (s) => {
    const md = new grpc.Metadata();
    md.set("grpc-status-details-bin", encodeStatus(s));
    md.set("x-processor-attempts", "2");
    return fromServiceError({ code: s.code, details: s.message, metadata: md }, { requestId: "req-1" });
  };

  test("maps every field", () => {
    const e = make({
      code: grpc.status.UNAVAILABLE,
      message: "processor answered 503",
      reason: "PROCESSOR_ERROR",
      metadata: { connector: "stripe", flow: "capture", processorCode: "api_error", processorMessage: "try later", retryable: "true" },
      retryDelayMs: 300,
    });
    assert.ok(e instanceof ConnectorServiceError);
    assert.ok(e instanceof Error);
    assert.equal(e.code, grpc.status.UNAVAILABLE);
    assert.equal(e.codeName, "UNAVAILABLE");
    assert.equal(e.reason, "PROCESSOR_ERROR");
    assert.equal(e.errorReason, ErrorReason.ERROR_REASON_PROCESSOR_ERROR);
    assert.equal(e.domain, "connectorservice.v1");
    assert.equal(e.connector, "stripe");
    assert.equal(e.flow, "capture");
    assert.equal(e.processorCode, "api_error");
    assert.equal(e.processorMessage, "try later");
    assert.equal(e.retryable, true);
    assert.equal(e.retryDelayMs, 300);
    assert.equal(e.requestId, "req-1");
    assert.equal(e.processorAttempts, 2);
    assert.equal(e.isOutcomeUnknown(), false);
    assert.match(e.message, /UNAVAILABLE PROCESSOR_ERROR: processor answered 503/);
  });

  test("field and field violations", () => {
    const e = make({
      code: grpc.status.INVALID_ARGUMENT,
      message: "payment_method.card.number: is required",
      reason: "MISSING_FIELD",
      metadata: { field: "payment_method.card.number", retryable: "false" },
      violations: [{ field: "payment_method.card.number", description: "payment_method.card.number: is required" }],
    });
    assert.equal(e.errorReason, ErrorReason.ERROR_REASON_MISSING_FIELD);
    assert.equal(e.field, "payment_method.card.number");
    assert.equal(e.fieldViolations.length, 1);
    assert.equal(e.retryable, false);
    assert.equal(e.retryDelayMs, undefined);
  });

  test("an unknown reason stays a string", () => {
    const e = make({ code: grpc.status.ABORTED, message: "new", reason: "IDEMPOTENCY_KEY_REUSED", metadata: { retryable: "false" } });
    assert.equal(e.reason, "IDEMPOTENCY_KEY_REUSED");
    assert.equal(e.errorReason, undefined);
  });

  test("retryable only when the server says \"true\"", () => {
    assert.equal(make({ code: 14, message: "m", reason: "PROCESSOR_ERROR", metadata: { retryable: "TRUE " } }).retryable, false);
    assert.equal(make({ code: 14, message: "m", reason: "PROCESSOR_ERROR", metadata: {} }).retryable, false);
    const noDetails = fromServiceError({ code: grpc.status.UNAVAILABLE, details: "connect failed", metadata: new grpc.Metadata() });
    assert.equal(noDetails.retryable, false);
    assert.equal(noDetails.reason, "UNAVAILABLE");
    assert.equal(noDetails.errorReason, undefined);
  });

  test("isOutcomeUnknown", () => {
    assert.equal(make({ code: grpc.status.UNKNOWN, message: "m", reason: "OUTCOME_UNKNOWN", metadata: { retryable: "true" } }).isOutcomeUnknown(), true);
    assert.equal(make({ code: grpc.status.DEADLINE_EXCEEDED, message: "m", reason: "DEADLINE_BEFORE_SEND", metadata: { retryable: "true" } }).isOutcomeUnknown(), false);
    // The client's own deadline: no answer from the service.
    const local = fromServiceError({ code: grpc.status.DEADLINE_EXCEEDED, details: "Deadline exceeded", metadata: new grpc.Metadata() });
    assert.equal(local.isOutcomeUnknown(), true);
  });
});

describe("errors over the wire", () => {
  let srv;
  let client;
  before(async () => {
    srv = await startFakeServer({
      authorize: () => {
        throw grpcError(
          {
            code: grpc.status.INVALID_ARGUMENT,
            message: "expiry_year: must be four digits",
            reason: "INVALID_FIELD",
            metadata: { connector: "adyen", flow: "authorize", field: "payment_method.card.expiry_year", retryable: "false" },
            violations: [{ field: "payment_method.card.expiry_year", description: "must be four digits" }],
          },
          { "x-processor-attempts": "0" },
        );
      },
      capture: () => {
        throw grpcError({ code: grpc.status.RESOURCE_EXHAUSTED, message: "overloaded", reason: "OVERLOADED", metadata: { retryable: "true" }, retryDelayMs: 100 });
      },
    });
    client = new ConnectorClient({ address: srv.address, merchantAccount: "acct" });
  });
  after(async () => {
    client.close();
    await srv.close();
  });

  test("a rejected call is a ConnectorServiceError with the request id", async () => {
    const err = await client
      .authorize({ connector: "adyen", merchantReference: "r1" }, { requestId: "my-req-42" })
      .then(() => assert.fail("resolved"), (e) => e);
    assert.ok(err instanceof ConnectorServiceError, String(err));
    assert.equal(err.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(err.errorReason, ErrorReason.ERROR_REASON_INVALID_FIELD);
    assert.equal(err.field, "payment_method.card.expiry_year");
    assert.equal(err.requestId, "my-req-42");
    assert.equal(err.processorAttempts, 0);
    assert.equal(err.method, "/connectorservice.v1.PaymentService/Authorize");
    assert.equal(srv.calls.at(-1).metadata["x-merchant-account"], "acct");
  });

  test("RetryInfo arrives as retryDelayMs", async () => {
    const err = await client.capture({ connector: "adyen", connectorPaymentId: "p" }, { retry: false }).catch((e) => e);
    assert.equal(err.reason, "OVERLOADED");
    assert.equal(err.retryable, true);
    assert.equal(err.retryDelayMs, 100);
  });
});
