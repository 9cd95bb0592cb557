// Card number, CVC and wallet tokens never appear in what the SDK prints or throws.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as grpc from "@grpc/grpc-js";
import sdk from "../dist/index.js";
import { grpcError, startFakeServer } from "../testlib/fake-server.mjs";

const { redact, redactToString, maskCardNumber, scrubText, AuthorizeRequest, ConnectorClient, Payment, PaymentStatus } = sdk;

const PAN = "4111111111111111";
const CVC = "737";
const APPLE = '{"data":"APPLE-SECRET-TOKEN-xyz","signature":"sig"}';
const GOOGLE = '{"signedMessage":"GOOGLE-SECRET-TOKEN-abc"}';

const cardReq = AuthorizeRequest.fromPartial({
  connector: "adyen",
  merchantReference: "r",
  amount: { minorAmount: 1000, currencyCode: "EUR" },
  paymentMethod: { card: { number: PAN, cvc: CVC, expiryMonth: 3, expiryYear: 2030, holderName: "APPROVED" } },
});

describe("redact", () => {
  test("masks the card number to first6…last4 and hides the CVC", () => {
    const r = redact(cardReq);
    assert.equal(r.paymentMethod.card.number, "411111…1111");
    assert.equal(r.paymentMethod.card.cvc, "[REDACTED]");
    assert.equal(r.paymentMethod.card.holderName, "APPROVED");
    assert.equal(r.amount.minorAmount, 1000);
    assert.equal(cardReq.paymentMethod.card.number, PAN, "the input is not modified");
    const s = redactToString(cardReq);
    assert.ok(!s.includes(PAN) && !s.includes(`"${CVC}"`), s);
  });

  test("hides Apple Pay and Google Pay tokens (camelCase and snake_case)", () => {
    const s = redactToString({
      a: AuthorizeRequest.fromPartial({ paymentMethod: { applePay: { paymentToken: APPLE } } }),
      b: AuthorizeRequest.fromPartial({ paymentMethod: { googlePay: { paymentToken: GOOGLE } } }),
      c: { payment_method: { apple_pay: { payment_token: APPLE }, card: { number: PAN, cvc: CVC } } },
    });
    for (const secret of ["APPLE-SECRET", "GOOGLE-SECRET", PAN]) assert.ok(!s.includes(secret), s);
  });

  test("webhook secret metadata and bytes are not printed", () => {
    const s = redactToString({ "x-webhook-secret": "44782DEF", body: Buffer.from("raw body") });
    assert.ok(!s.includes("44782DEF") && !s.includes("raw body"), s);
  });

  test("maskCardNumber and scrubText", () => {
    assert.equal(maskCardNumber("5555 5555 5555 4444"), "555555…4444");
    assert.equal(maskCardNumber("123"), "[REDACTED]");
    assert.equal(scrubText(`card 4111 1111 1111 1111 and ${PAN} refused`), "card [REDACTED] and [REDACTED] refused");
    assert.equal(scrubText("token SECRET-T here", ["SECRET-T"]), "token [REDACTED] here");
  });
});

describe("the client never prints or throws secrets", () => {
  let srv;
  before(async () => {
    srv = await startFakeServer({
      authorize: (req) => {
        // A (misbehaving) server echoing the card data back in its error.
        const pm = req.paymentMethod;
        const echoed = pm.card ? `${pm.card.number} cvc ${pm.card.cvc}` : pm.applePay.paymentToken;
        throw grpcError({
          code: grpc.status.INVALID_ARGUMENT,
          message: `rejected ${echoed}`,
          reason: "PROCESSOR_REJECTED",
          metadata: { processorMessage: `bad ${echoed}`, retryable: "false" },
          violations: [{ field: "card", description: echoed }],
        });
      },
      capture: () => Payment.fromPartial({ status: PaymentStatus.PAYMENT_STATUS_CAPTURE_PENDING }),
    });
  });
  after(() => srv.close());

  test("errors and debug lines are scrubbed", async () => {
    const lines = [];
    const client = new ConnectorClient({ address: srv.address, merchantAccount: "a", debug: (l) => lines.push(l) });
    try {
      for (const pm of [{ card: { number: PAN, cvc: CVC, expiryMonth: 3, expiryYear: 2030 } }, { applePay: { paymentToken: APPLE } }]) {
        const err = await client.authorize({ connector: "adyen", merchantReference: "r", paymentMethod: pm }).catch((e) => e);
        assert.equal(err.reason, "PROCESSOR_REJECTED");
        const text = [err.message, err.details, err.processorMessage, JSON.stringify(err), JSON.stringify(err.fieldViolations), String(err.stack)].join("\n");
        for (const secret of [PAN, ` ${CVC}`, "APPLE-SECRET"]) assert.ok(!text.includes(secret), `${secret} in ${text}`);
      }
      await client.capture({ connector: "adyen", connectorPaymentId: "P" });
      assert.ok(lines.length >= 6, lines.join("\n"));
      const all = lines.join("\n");
      for (const secret of [PAN, `"${CVC}"`, "APPLE-SECRET"]) assert.ok(!all.includes(secret), `${secret} in ${all}`);
      assert.ok(all.includes("411111…1111"), all);
    } finally {
      client.close();
    }
  });
});
