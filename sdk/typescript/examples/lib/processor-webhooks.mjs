// Webhook bodies signed the way the processors (and processor-sim) sign them, for the receiver
// example's --demo and the tests: an Adyen standard notification (HMAC in additionalData) and a
// Stripe event (Stripe-Signature header).
import { createHmac } from "node:crypto";

/** {body, headers} of an Adyen AUTHORISATION notification signed with the hex HMAC key. */
export function adyenAuthorisation({ psp, reference, value = 1000, currency = "EUR", merchant = "DemoMerchantECOM" }, hmacKeyHex) {
  const item = {
    amount: { currency, value },
    eventCode: "AUTHORISATION",
    eventDate: new Date().toISOString(),
    merchantAccountCode: merchant,
    merchantReference: reference,
    paymentMethod: "visa",
    pspReference: psp,
    reason: "",
    success: "true",
  };
  const signed = [psp, "", merchant, reference, String(value), currency, "AUTHORISATION", "true"].join(":");
  item.additionalData = { hmacSignature: createHmac("sha256", Buffer.from(hmacKeyHex, "hex")).update(signed).digest("base64") };
  const body = JSON.stringify({ live: "false", notificationItems: [{ NotificationRequestItem: item }] });
  return { body, headers: { "content-type": "application/json" } };
}

/** {body, headers} of a Stripe payment_intent.succeeded event signed with the whsec_… secret. */
export function stripePaymentSucceeded({ pi, eventId, reference, amount = 1000, currency = "usd" }, whsec, t = Math.floor(Date.now() / 1000)) {
  const intent = {
    id: pi,
    object: "payment_intent",
    amount,
    amount_capturable: 0,
    amount_received: amount,
    currency,
    capture_method: "automatic",
    status: "succeeded",
    latest_charge: null,
    last_payment_error: null,
    metadata: { merchant_reference: reference },
  };
  const body = JSON.stringify({
    id: eventId,
    object: "event",
    api_version: "2023-08-16",
    created: t,
    data: { object: intent },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "payment_intent.succeeded",
  });
  const v1 = createHmac("sha256", whsec).update(`${t}.${body}`).digest("hex");
  return { body, headers: { "content-type": "application/json; charset=utf-8", "stripe-signature": `t=${t},v1=${v1}` } };
}
