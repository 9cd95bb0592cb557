// Redaction of secret request fields (card number and CVC, wallet payment tokens) for anything the
// SDK prints or puts in an error. Generated message classes print every field, so debug output
// goes through redact() first.

const REDACTED = "[REDACTED]";

/** "4111111111111111" → "411111…1111"; numbers too short to keep 10 digits hidden → "[REDACTED]". */
export function maskCardNumber(number: string): string {
  const digits = number.replace(/\D/g, "");
  if (digits.length < 13) return digits.length === 0 ? "" : REDACTED;
  return `${digits.slice(0, 6)}…${digits.slice(-4)}`;
}

const CARD_KEYS = new Set(["card"]);
const WALLET_KEYS = new Set(["applePay", "apple_pay", "googlePay", "google_pay"]);
const TOKEN_KEYS = new Set(["paymentToken", "payment_token"]);
const SECRET_HEADERS = new Set(["x-webhook-secret", "authorization"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

function walk(value: unknown, parentKey: string | undefined, seen: WeakSet<object>): unknown {
  if (ArrayBuffer.isView(value)) return `<${value.byteLength} bytes>`;
  if (Array.isArray(value)) return value.map((v) => walk(v, parentKey, seen));
  if (!isPlainObject(value)) return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (parentKey !== undefined && CARD_KEYS.has(parentKey) && k === "number" && typeof v === "string") {
      out[k] = maskCardNumber(v);
    } else if (parentKey !== undefined && CARD_KEYS.has(parentKey) && k === "cvc") {
      out[k] = v === "" || v === undefined ? v : REDACTED;
    } else if (parentKey !== undefined && WALLET_KEYS.has(parentKey) && TOKEN_KEYS.has(k)) {
      out[k] = v === "" || v === undefined ? v : REDACTED;
    } else if (SECRET_HEADERS.has(k.toLowerCase()) && typeof v === "string") {
      out[k] = REDACTED;
    } else {
      out[k] = walk(v, k, seen);
    }
  }
  return out;
}

/**
 * A deep copy of a request or response (generated message objects, plain objects) with
 * `card.number` masked to first6…last4, `card.cvc` and `apple_pay`/`google_pay` `payment_token`
 * replaced by "[REDACTED]" and byte fields shown as their length. Use it for any debug printing.
 */
export function redact<T>(message: T): unknown {
  return walk(message, undefined, new WeakSet());
}

/** redact() as one line of JSON, for logs. */
export function redactToString(message: unknown): string {
  return JSON.stringify(redact(message));
}

/** The secret strings of a request (card number, CVC, wallet tokens), to scrub from any text. */
export function secretsOf(message: unknown): string[] {
  const found: string[] = [];
  const visit = (v: unknown, parentKey: string | undefined, depth: number): void => {
    if (depth > 16) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, parentKey, depth + 1));
    if (!isPlainObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === "string" && x.length >= 3) {
        if (parentKey === "card" && (k === "number" || k === "cvc")) found.push(x);
        if (parentKey !== undefined && WALLET_KEYS.has(parentKey) && TOKEN_KEYS.has(k)) found.push(x);
      } else {
        visit(x, k, depth + 1);
      }
    }
  };
  visit(message, undefined, 0);
  return found;
}

/**
 * Text with the given secrets and anything that looks like a card number (13–19 digits, spaces
 * or dashes allowed between them) replaced by "[REDACTED]".
 */
export function scrubText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length >= 3) out = out.split(s).join(REDACTED);
  }
  return out.replace(/\b\d(?:[ -]?\d){12,18}\b/g, REDACTED);
}
