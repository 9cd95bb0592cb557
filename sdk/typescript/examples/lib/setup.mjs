// What every example shares: the command line (`--connector adyen|stripe`), the stack to talk to
// and the simulator's test values per processor.
//
// Without CS_GRPC_ADDRESS an example starts its own stack (processor-sim + connector-service via
// sdk/testing/stack.sh, the binaries from CS_BUILD_DIR) and stops it at the end, so one command
// runs it. With CS_GRPC_ADDRESS (and, for the 3DS example, CS_SIM_CA) it uses yours.
import https from "node:https";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConnectorClient } from "@connector-service/client";

export const CONNECTORS = ["adyen", "stripe"];
export const RETURN_URL = "https://shop.example/return";

/** The simulator's test values per processor (sim/README.md). */
export const TEST_VALUES = {
  adyen: {
    currency: "EUR",
    card: { number: "4111111111111111", expiryMonth: 3, expiryYear: 2030, cvc: "737", holderName: "APPROVED" },
    // holderName (or additionalData) picks the simulated outcome: a 3DS challenge, then Authorised.
    threeDsCard: { number: "4111111111111111", expiryMonth: 3, expiryYear: 2030, cvc: "737", holderName: "3DS_CHALLENGE" },
    mandateCard: { number: "5555555555554444", expiryMonth: 3, expiryYear: 2030, cvc: "846", holderName: "APPROVED" },
  },
  stripe: {
    currency: "USD",
    card: { number: "4242424242424242", expiryMonth: 4, expiryYear: 2031, cvc: "123", holderName: "Jenny Rosen" },
    // pm_card_threeDSecure2Required: requires_action, then succeeds after the 3DS page.
    threeDsCard: { number: "4000000000003220", expiryMonth: 4, expiryYear: 2031, cvc: "123", holderName: "Jenny Rosen" },
    mandateCard: { number: "4242424242424242", expiryMonth: 4, expiryYear: 2031, cvc: "123", holderName: "Jenny Rosen" },
  },
};

/** `--connector adyen|stripe` (default adyen), plus a bare first argument for compatibility. */
export function parseCommandLine(extraOptions = {}) {
  const { values, positionals } = parseArgs({
    options: { connector: { type: "string", short: "c" }, ...extraOptions },
    allowPositionals: true,
  });
  const connector = values.connector ?? positionals[0] ?? "adyen";
  if (!CONNECTORS.includes(connector)) {
    console.error(`--connector must be one of ${CONNECTORS.join(", ")} (got ${connector})`);
    process.exit(2);
  }
  return { connector, values };
}

/**
 * The environment of a running stack: yours (CS_GRPC_ADDRESS set) or one started here.
 * Returns {env, stop()}; env has CS_GRPC_ADDRESS, CS_SIM_URL, CS_SIM_CA, the accounts and secrets.
 */
export async function openStack() {
  if (process.env.CS_GRPC_ADDRESS) return { env: { ...process.env }, started: false, stop: async () => {} };
  // The SDK's own test helper (sdk/testing/stack.sh behind it).
  const { stackAvailability, startStack } = await import("../../testlib/stack.mjs");
  const availability = stackAvailability();
  if (!availability.bin || availability.skip) {
    console.error(`no CS_GRPC_ADDRESS and no stack to start: ${availability.skip ?? availability.error} — set CS_BUILD_DIR`);
    process.exit(2);
  }
  if (availability.error) {
    console.error(availability.error);
    process.exit(2);
  }
  const stack = await startStack(availability.bin);
  console.error(`# started a stack in ${stack.dir} (connector-service ${stack.env.CS_GRPC_ADDRESS})`);
  return { env: { ...process.env, ...stack.env }, started: true, stop: () => stack.stop() };
}

/** A client for `connector`'s merchant account of the stack (or CS_MERCHANT_ACCOUNT). */
export function clientFor(env, connector, extra = {}) {
  const merchantAccount =
    env.CS_MERCHANT_ACCOUNT ?? (connector === "stripe" ? env.CS_STRIPE_ACCOUNT ?? "stripe_demo" : env.CS_ADYEN_ACCOUNT ?? "adyen_demo");
  return new ConnectorClient({
    address: env.CS_GRPC_ADDRESS,
    apiKey: env.CS_API_KEY, // only when the service has [clients] configured
    merchantAccount,
    defaultDeadlineMs: 15_000,
    retry: { maxAttempts: 3 }, // only errors the server marks retryable; the same idempotency key each time
    ...extra,
  });
}

/**
 * One HTTPS request to the simulator, TLS verified with its CA (CS_SIM_CA). Redirects are not
 * followed: a 302 comes back with its Location, as a browser would see it.
 * Returns {status, headers, body}.
 */
export function simRequest(env, method, url, body) {
  const target = new URL(url, env.CS_SIM_URL);
  const ca = env.CS_SIM_CA ? readFileSync(env.CS_SIM_CA) : undefined;
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      target,
      {
        method,
        ca,
        headers: payload === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${target} timed out`)));
    req.end(payload);
  });
}

export const uniqueReference = (prefix) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
