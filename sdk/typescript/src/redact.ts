// Redaction of the request fields the proto marks "secret" (card and network token numbers, CVC,
// cryptogram, IBAN, ACH account number, wallet payment tokens) for anything the SDK prints or puts
// in an error. Generated message classes print every field, so debug output goes through redact()
// first.

const REDACTED = "[REDACTED]";

/** "4111111111111111" → "411111…1111"; numbers too short to keep 10 digits hidden → "[REDACTED]". */
export function maskCardNumber(number: string): string {
  const digits = number.replace(/\D/g, "");
  if (digits.length < 13) return digits.length === 0 ? "" : REDACTED;
  return `${digits.slice(0, 6)}…${digits.slice(-4)}`;
}

/**
 * "NL91 ABNA 0417 1643 00" → "NL91…4300" (country, check digits, last four). Shorter than the
 * shortest IBAN (15 characters, Norway) → "[REDACTED]".
 */
export function maskIban(iban: string): string {
  const compact = iban.replace(/[^0-9A-Za-z]/g, "").toUpperCase();
  if (compact.length < 15) return iban === "" ? "" : REDACTED;
  return `${compact.slice(0, 4)}…${compact.slice(-4)}`;
}

/** "000123456789" → "…6789"; fewer than 6 characters → "[REDACTED]". */
export function maskAccountNumber(number: string): string {
  const compact = number.replace(/[^0-9A-Za-z]/g, "");
  if (compact.length < 6) return number === "" ? "" : REDACTED;
  return `…${compact.slice(-4)}`;
}

const hide = (v: string): string => (v === "" ? v : REDACTED);

// The message kinds with secret fields, by the key they are found under (camelCase as generated,
// snake_case as in proto3 JSON), and how each secret field is shown.
type Kind = "card" | "networkToken" | "sepa" | "ach" | "wallet";
const KIND_OF_KEY: Record<string, Kind> = {
  card: "card",
  networkToken: "networkToken",
  network_token: "networkToken",
  sepaDebit: "sepa",
  sepa_debit: "sepa",
  achDebit: "ach",
  ach_debit: "ach",
  applePay: "wallet",
  apple_pay: "wallet",
  googlePay: "wallet",
  google_pay: "wallet",
};
const SECRET_FIELDS: Record<Kind, Record<string, (v: string) => string>> = {
  card: { number: maskCardNumber, cvc: hide },
  networkToken: { number: maskCardNumber, cryptogram: hide },
  sepa: { iban: maskIban },
  ach: { accountNumber: maskAccountNumber, account_number: maskAccountNumber },
  wallet: { paymentToken: hide, payment_token: hide },
};
const SECRET_HEADERS = new Set(["x-webhook-secret", "authorization"]);

/** The kind of the object found under `key`, whose parent object has kind `parent`. */
function kindOf(key: string | undefined, parent: Kind | undefined): Kind | undefined {
  if (key === undefined) return undefined;
  // A wallet's decrypted credentials are a NetworkToken.
  if (parent === "wallet" && key === "decrypted") return "networkToken";
  return Object.prototype.hasOwnProperty.call(KIND_OF_KEY, key) ? KIND_OF_KEY[key] : undefined;
}

function secretMask(kind: Kind | undefined, key: string): ((v: string) => string) | undefined {
  if (kind === undefined) return undefined;
  const fields = SECRET_FIELDS[kind];
  return Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

function walk(value: unknown, kind: Kind | undefined, key: string | undefined, seen: WeakSet<object>): unknown {
  if (ArrayBuffer.isView(value)) return `<${value.byteLength} bytes>`;
  if (Array.isArray(value)) return value.map((v) => walk(v, kind, key, seen));
  if (!isPlainObject(value)) return value;
  if (seen.has(value)) return "[Circular]";
  seen.add(value);
  const here = kindOf(key, kind);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const mask = secretMask(here, k);
    if (mask !== undefined && typeof v === "string") {
      out[k] = mask(v);
    } else if (mask !== undefined && v !== undefined && v !== null) {
      out[k] = REDACTED; // not a string where a secret string belongs: show nothing of it
    } else if (SECRET_HEADERS.has(k.toLowerCase()) && typeof v === "string") {
      out[k] = REDACTED;
    } else {
      out[k] = walk(v, here, k, seen);
    }
  }
  return out;
}

/**
 * A deep copy of a request or response (generated message objects, plain objects) with the secret
 * fields masked wherever nested: `card.number` and `networkToken.number` (also a wallet's
 * `decrypted` token) as first6…last4, `cvc`, `cryptogram` and the `applePay`/`googlePay`
 * `paymentToken` as "[REDACTED]", `sepaDebit.iban` as "NL91…4300", `achDebit.accountNumber` as
 * "…6789"; byte fields are shown as their length. Use it for any debug printing.
 */
export function redact<T>(message: T): unknown {
  return walk(message, undefined, undefined, new WeakSet());
}

/** redact() as one line of JSON, for logs. */
export function redactToString(message: unknown): string {
  return JSON.stringify(redact(message));
}

/**
 * The secret strings of a request (card and network token numbers, CVC, cryptogram, IBAN, ACH
 * account number, wallet tokens), to scrub from any text.
 */
export function secretsOf(message: unknown): string[] {
  const found: string[] = [];
  const visit = (v: unknown, kind: Kind | undefined, key: string | undefined, depth: number): void => {
    if (depth > 16) return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, kind, key, depth + 1));
    if (!isPlainObject(v)) return;
    const here = kindOf(key, kind);
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === "string") {
        if (x.length >= 3 && secretMask(here, k) !== undefined) found.push(x);
      } else {
        visit(x, here, k, depth + 1);
      }
    }
  };
  visit(message, undefined, undefined, 0);
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
