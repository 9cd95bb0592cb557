// Adyen standard notifications signed like Adyen (and processor-sim) sign them:
// base64 HMAC-SHA256 with the hex-decoded key over
// pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success.
import { createHmac } from "node:crypto";

export function adyenItem({ psp, original = "", eventCode, success = true, value, currency = "EUR", reference, merchant = "DemoMerchantECOM" }, keyHex) {
  const item = {
    amount: { currency, value },
    eventCode,
    eventDate: "2024-05-01T10:00:00+02:00",
    merchantAccountCode: merchant,
    merchantReference: reference,
    paymentMethod: "visa",
    pspReference: psp,
    reason: "",
    success: success ? "true" : "false",
  };
  if (original) item.originalReference = original;
  const data = [psp, original, merchant, reference, String(value), currency, eventCode, item.success].join(":");
  item.additionalData = { hmacSignature: createHmac("sha256", Buffer.from(keyHex, "hex")).update(data).digest("base64") };
  return item;
}

export function adyenNotification(items) {
  return JSON.stringify({ live: "false", notificationItems: items.map((i) => ({ NotificationRequestItem: i })) });
}
