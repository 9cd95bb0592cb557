// examples/webhook-relay-receiver.mjs as a process: a signed relay is taken, a forged one refused.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import sdk from "../dist/index.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const key = "example_sink_key_0123456789";

test("webhook-relay-receiver example verifies and prints events", async () => {
  const child = spawn(process.execPath, [path.join(here, "../examples/webhook-relay-receiver.mjs")], {
    env: { ...process.env, CS_SINK_SIGNING_KEY: key, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (err += d));
  try {
    while (!/listening on (\S+)/.test(out)) {
      if (child.exitCode !== null) assert.fail(`exited: ${err}`);
      await once(child.stdout, "data");
    }
    const url = /listening on (\S+)/.exec(out)[1];
    const body = JSON.stringify({
      connector: "adyen",
      merchantAccount: "adyen_demo",
      events: [{ type: "EVENT_TYPE_PAYMENT", eventId: "E1", connectorPaymentId: "PSP9", paymentStatus: "PAYMENT_STATUS_CHARGED", merchantReference: "o-9" }],
    });
    const good = await fetch(url, { method: "POST", body, headers: { "x-connector-signature": sdk.signRelay(body, key) } });
    assert.equal(good.status, 200);
    const forged = await fetch(url, { method: "POST", body, headers: { "x-connector-signature": sdk.signRelay(body, "wrong_key_0123456789") } });
    assert.equal(forged.status, 401);
    const stale = await fetch(url, { method: "POST", body, headers: { "x-connector-signature": sdk.signRelay(body, key, Math.floor(Date.now() / 1000) - 600) } });
    assert.equal(stale.status, 401);
    assert.match(out, /"event":"E1","what":"PAYMENT_STATUS_CHARGED","payment":"PSP9"/);
    assert.match(err, /rejected relay: bad_signature/);
    assert.match(err, /rejected relay: stale/);
  } finally {
    child.kill("SIGTERM");
  }
});
