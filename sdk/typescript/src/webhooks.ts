// The relay the service's HTTP webhook receiver POSTs to the merchant's sink: the body is proto3
// JSON of connectorservice.v1.WebhookRelay, signed in `X-Connector-Signature:
// t=<unix seconds>,v1=<hex HMAC-SHA256(signing key, "<t>.<body>")>`.
import { createHmac, timingSafeEqual } from "node:crypto";
import { WebhookRelay } from "./gen/connectorservice/v1/event";

export const SIGNATURE_HEADER = "x-connector-signature";

export type HeaderInput =
  | Record<string, string | string[] | number | undefined>
  | Iterable<[string, string]>
  | { forEach(cb: (value: string, key: string) => void): void };

/** Headers as one string per name (repeated values joined with ", "), as HandleWebhook takes them. */
export function normalizeHeaders(headers: HeaderInput | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers) return out;
  const add = (k: string, v: unknown) => {
    if (v === undefined || v === null) return;
    const s = Array.isArray(v) ? v.map(String).join(", ") : String(v);
    out[k] = out[k] !== undefined ? `${out[k]}, ${s}` : s;
  };
  if (typeof (headers as { forEach?: unknown }).forEach === "function" && !Array.isArray(headers)) {
    (headers as { forEach(cb: (value: string, key: string) => void): void }).forEach((v, k) => add(k, v));
  } else if (typeof (headers as Iterable<[string, string]>)[Symbol.iterator] === "function") {
    for (const [k, v] of headers as Iterable<[string, string]>) add(k, v);
  } else {
    for (const [k, v] of Object.entries(headers)) add(k, v);
  }
  return out;
}

export type WebhookSignatureFailure = "missing_header" | "malformed_header" | "stale" | "bad_signature" | "bad_body";

/** The relay's signature or body did not check out; nothing from the body was returned. */
export class WebhookSignatureError extends Error {
  override readonly name = "WebhookSignatureError";
  constructor(
    readonly failure: WebhookSignatureFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface RelayVerifyOptions {
  /** Largest accepted |now − t| in seconds (default 300). */
  toleranceSec?: number;
  /** The current time in unix seconds (tests). */
  nowSec?: number;
}

function hmacHex(key: string | Uint8Array, t: string, body: Uint8Array): string {
  return createHmac("sha256", key).update(`${t}.`).update(body).digest("hex");
}

function asBytes(body: Uint8Array | string): Buffer {
  return typeof body === "string" ? Buffer.from(body, "utf8") : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/** The X-Connector-Signature value for `body` (what the service sends; for tests and tools). */
export function signRelay(body: Uint8Array | string, signingKey: string | Uint8Array, unixSec = Math.floor(Date.now() / 1000)): string {
  return `t=${unixSec},v1=${hmacHex(signingKey, String(unixSec), asBytes(body))}`;
}

/**
 * Checks X-Connector-Signature against the raw body: any `v1` entry must equal the HMAC
 * (constant-time compare) and `t` must be within `toleranceSec` of now. Throws
 * WebhookSignatureError otherwise.
 */
export function verifyRelaySignature(
  body: Uint8Array | string,
  signatureHeader: string | string[] | undefined,
  signingKey: string | Uint8Array,
  options: RelayVerifyOptions = {},
): void {
  const header = Array.isArray(signatureHeader) ? signatureHeader.join(",") : signatureHeader;
  if (!header) throw new WebhookSignatureError("missing_header", "X-Connector-Signature is missing");
  if (!signingKey || signingKey.length === 0) throw new TypeError("verifyRelaySignature: signingKey is empty");
  let t: string | undefined;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === "t") t = v;
    else if (k === "v1") v1.push(v);
  }
  if (t === undefined || !/^\d{1,12}$/.test(t) || v1.length === 0) {
    throw new WebhookSignatureError("malformed_header", "X-Connector-Signature is not t=<unix>,v1=<hex>");
  }
  const expected = Buffer.from(hmacHex(signingKey, t, asBytes(body)), "utf8");
  let ok = false;
  for (const candidate of v1) {
    const got = Buffer.from(candidate.toLowerCase(), "utf8");
    // timingSafeEqual needs equal lengths; a length mismatch is a mismatch.
    if (got.length === expected.length && timingSafeEqual(got, expected)) ok = true;
  }
  if (!ok) throw new WebhookSignatureError("bad_signature", "X-Connector-Signature does not match the body");
  const tolerance = options.toleranceSec ?? 300;
  const now = options.nowSec ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(t)) > tolerance) {
    throw new WebhookSignatureError("stale", `X-Connector-Signature timestamp is more than ${tolerance}s from now`);
  }
}

/**
 * Verifies a relay from the service's webhook receiver and parses its body (proto3 JSON of
 * WebhookRelay) into the same typed Event objects EventService.HandleWebhook returns.
 */
export function parseRelay(
  body: Uint8Array | string,
  signatureHeader: string | string[] | undefined,
  signingKey: string | Uint8Array,
  options: RelayVerifyOptions = {},
): WebhookRelay {
  verifyRelaySignature(body, signatureHeader, signingKey, options);
  let json: unknown;
  try {
    json = JSON.parse(asBytes(body).toString("utf8"));
  } catch {
    throw new WebhookSignatureError("bad_body", "the relay body is not JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new WebhookSignatureError("bad_body", "the relay body is not a WebhookRelay object");
  }
  return WebhookRelay.fromJSON(json);
}
