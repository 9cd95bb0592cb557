// Card and network token numbers, CVC, cryptograms, IBANs, ACH account numbers and wallet tokens never appear in what the SDK prints or throws.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import * as grpc from "@grpc/grpc-js";
import sdk from "../dist/index.js";
import { grpcError, startFakeServer } from "../testlib/fake-server.mjs";

const {
  redact,
  redactToString,
  maskCardNumber,
  maskIban,
  maskAccountNumber,
  scrubText,
  secretsOf,
  AuthorizeRequest,
  BankAccountType,
  ConnectorClient,
  Payment,
  PaymentStatus,
} = sdk;

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

const DPAN = "4895370012003478";
const CRYPTOGRAM = "AgAAAAAAAIR8CQrXcIhbQAAAAAA=";
const IBAN = "NL91ABNA0417164300";
const ACCOUNT = "000123456789";
const networkToken = () => ({ number: DPAN, expiryMonth: 12, expiryYear: 2030, cryptogram: CRYPTOGRAM, eci: "05", holderName: "J. Doe" });
const authorizeWith = (paymentMethod) =>
  AuthorizeRequest.fromPartial({ connector: "adyen", merchantReference: "r2", amount: { minorAmount: 1000, currencyCode: "EUR" }, paymentMethod });

describe("redact: payment methods beyond cards", () => {
  test("network token: number first6…last4, cryptogram hidden", () => {
    const req = authorizeWith({ networkToken: networkToken() });
    const t = redact(req).paymentMethod.networkToken;
    assert.equal(t.number, "489537…3478");
    assert.equal(t.cryptogram, "[REDACTED]");
    assert.deepEqual([t.eci, t.holderName, t.expiryYear], ["05", "J. Doe", 2030]);
    assert.equal(req.paymentMethod.networkToken.number, DPAN, "the input is not modified");
    assert.equal(req.paymentMethod.networkToken.cryptogram, CRYPTOGRAM);
    assert.deepEqual(secretsOf(req), [DPAN, CRYPTOGRAM]);
    const s = redactToString(req);
    assert.ok(!s.includes(DPAN) && !s.includes(CRYPTOGRAM) && s.includes("489537…3478"), s);
  });

  test("decrypted Apple Pay / Google Pay token nested in AuthorizeRequest", () => {
    const req = authorizeWith({ applePay: { decrypted: networkToken(), network: "Visa", displayName: "Visa 0326", transactionIdentifier: "tx-1" } });
    const a = redact(req).paymentMethod.applePay;
    assert.equal(a.decrypted.number, "489537…3478");
    assert.equal(a.decrypted.cryptogram, "[REDACTED]");
    assert.equal(a.paymentToken, undefined, "the oneof's other arm is not set");
    assert.deepEqual([a.network, a.displayName, a.transactionIdentifier], ["Visa", "Visa 0326", "tx-1"]);
    assert.equal(req.paymentMethod.applePay.decrypted.number, DPAN, "the input is not modified");
    assert.equal(req.paymentMethod.applePay.decrypted.cryptogram, CRYPTOGRAM);
    assert.deepEqual(secretsOf(req), [DPAN, CRYPTOGRAM]);
    const g = authorizeWith({ googlePay: { decrypted: networkToken() } });
    assert.equal(redact(g).paymentMethod.googlePay.decrypted.cryptogram, "[REDACTED]");
    // proto3 JSON (snake_case) too
    const snake = redactToString({ payment_method: { google_pay: { decrypted: { number: DPAN, cryptogram: CRYPTOGRAM } } } });
    assert.ok(!snake.includes(DPAN) && !snake.includes(CRYPTOGRAM), snake);
    // "decrypted" outside a wallet is no secret
    assert.deepEqual(redact({ decrypted: { number: "12" } }), { decrypted: { number: "12" } });
  });

  test("SEPA IBAN: country, check digits and last four", () => {
    for (const [iban, masked] of [
      [IBAN, "NL91…4300"],
      ["nl91 abna 0417 1643 00", "NL91…4300"],
      ["NO9386011117947", "NO93…7947"], // the shortest IBAN, 15 characters
      ["NL91ABNA04", "[REDACTED]"],
    ]) {
      const req = authorizeWith({ sepaDebit: { iban, accountHolderName: "J. Doe" } });
      const r = redact(req).paymentMethod.sepaDebit;
      assert.deepEqual([r.iban, r.accountHolderName], [masked, "J. Doe"]);
      assert.equal(req.paymentMethod.sepaDebit.iban, iban);
      assert.deepEqual(secretsOf(req), [iban]);
      assert.equal(maskIban(iban), masked);
    }
    assert.equal(maskIban(""), "");
    assert.ok(!redactToString({ sepa_debit: { iban: IBAN } }).includes(IBAN));
  });

  test("ACH account number: last four", () => {
    for (const [number, masked] of [[ACCOUNT, "…6789"], ["123456", "…3456"], ["12345", "[REDACTED]"]]) {
      const req = authorizeWith({
        achDebit: { accountNumber: number, routingNumber: "110000000", accountType: BankAccountType.BANK_ACCOUNT_TYPE_SAVINGS, accountHolderName: "J. Doe" },
      });
      const r = redact(req).paymentMethod.achDebit;
      assert.deepEqual([r.accountNumber, r.routingNumber, r.accountType], [masked, "110000000", BankAccountType.BANK_ACCOUNT_TYPE_SAVINGS]);
      assert.equal(req.paymentMethod.achDebit.accountNumber, number);
      assert.deepEqual(secretsOf(req), [number]);
      assert.equal(maskAccountNumber(number), masked);
    }
    assert.ok(!redactToString({ ach_debit: { account_number: ACCOUNT } }).includes(ACCOUNT));
  });

  test("methods without secrets and order details are left alone", () => {
    for (const pm of [{ ideal: { bank: "ABNANL2A" } }, { bancontact: {} }, { klarna: {} }, { upiIntent: {} }]) {
      const req = AuthorizeRequest.fromPartial({
        connector: "adyen",
        paymentMethod: pm,
        order: { lineItems: [{ name: "Shoe", quantity: 1, unitAmount: 1000 }], billingAddress: { country: "NL" }, locale: "nl-NL" },
        customer: { userAgent: "Mozilla/5.0" },
      });
      const r = redact(req);
      assert.deepEqual(r.paymentMethod, req.paymentMethod);
      assert.deepEqual(r.order, req.order);
      assert.deepEqual(r.customer, req.customer);
      assert.deepEqual(secretsOf(req), []);
    }
  });
});

describe("the client never prints or throws secrets", () => {
  let srv;
  before(async () => {
    srv = await startFakeServer({
      authorize: (req) => {
        // A (misbehaving) server echoing the card data back in its error.
        const pm = req.paymentMethod;
        const echoed = pm.card
          ? `${pm.card.number} cvc ${pm.card.cvc}`
          : pm.sepaDebit
            ? `iban ${pm.sepaDebit.iban}`
            : pm.applePay.decrypted
              ? `cryptogram ${pm.applePay.decrypted.cryptogram}`
              : pm.applePay.paymentToken;
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
      for (const pm of [
        { card: { number: PAN, cvc: CVC, expiryMonth: 3, expiryYear: 2030 } },
        { applePay: { paymentToken: APPLE } },
        { sepaDebit: { iban: IBAN, accountHolderName: "J" } },
        { applePay: { decrypted: networkToken() } },
      ]) {
        const err = await client.authorize({ connector: "adyen", merchantReference: "r", paymentMethod: pm }).catch((e) => e);
        assert.equal(err.reason, "PROCESSOR_REJECTED");
        const text = [err.message, err.details, err.processorMessage, JSON.stringify(err), JSON.stringify(err.fieldViolations), String(err.stack)].join("\n");
        for (const secret of [PAN, ` ${CVC}`, "APPLE-SECRET", IBAN, CRYPTOGRAM]) assert.ok(!text.includes(secret), `${secret} in ${text}`);
      }
      await client.capture({ connector: "adyen", connectorPaymentId: "P" });
      assert.ok(lines.length >= 10, lines.join("\n"));
      const all = lines.join("\n");
      for (const secret of [PAN, `"${CVC}"`, "APPLE-SECRET", IBAN, DPAN, CRYPTOGRAM]) assert.ok(!all.includes(secret), `${secret} in ${all}`);
      assert.ok(all.includes("411111…1111"), all);
    } finally {
      client.close();
    }
  });
});
