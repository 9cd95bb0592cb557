// A webhook receiver of your own: processors POST to it, it hands the raw body and the headers to
// connector-service (handleWebhook: signature check + the unified typed events), prints the
// events and answers the processor the acknowledgement it expects (Adyen "[accepted]").
//
//   npm run example:webhook-receiver -- --connector stripe --demo   # one command: see it work
//   npm run example:webhook-receiver                                 # keep listening (PORT, default 8091)
//
// Routes: POST /webhooks/adyen and POST /webhooks/stripe (the processor picks its path; the secret
// is the merchant account's configured one). --connector only picks what --demo sends: with it
// the example plays the processor once — a signed notification, then one with a forged signature
// — prints what it received and exits. Without CS_GRPC_ADDRESS it starts its own stack.
//
// Answer 2xx only once the events are safely stored: otherwise the processor redelivers. A
// processor may send an event more than once: de-duplicate on eventId.
import http from "node:http";
import { randomBytes } from "node:crypto";
import {
  ConnectorServiceError,
  ErrorReason,
  EventType,
  eventTypeToJSON,
  paymentStatusToJSON,
  refundStatusToJSON,
} from "@connector-service/client";
import { adyenAuthorisation, stripePaymentSucceeded } from "./lib/processor-webhooks.mjs";
import { clientFor, CONNECTORS, openStack, parseCommandLine } from "./lib/setup.mjs";

const { connector: demoConnector, values } = parseCommandLine({ demo: { type: "boolean" } });
const stack = await openStack();
const client = clientFor(stack.env, "adyen", { retry: false });
const accounts = { adyen: stack.env.CS_ADYEN_ACCOUNT ?? "adyen_demo", stripe: stack.env.CS_STRIPE_ACCOUNT ?? "stripe_demo" };
const seen = new Set(); // use your database in production

function describeEvent(ev) {
  const what =
    ev.type === EventType.EVENT_TYPE_PAYMENT ? paymentStatusToJSON(ev.paymentStatus)
    : ev.type === EventType.EVENT_TYPE_REFUND ? refundStatusToJSON(ev.refundStatus)
    : eventTypeToJSON(ev.type);
  return { event: ev.eventId, type: eventTypeToJSON(ev.type), what, code: ev.processorEventCode, payment: ev.connectorPaymentId, reference: ev.merchantReference, amount: ev.amount };
}

const server = http.createServer((req, res) => {
  const m = /^\/webhooks\/([a-z]+)\/?$/.exec(req.url ?? "");
  if (req.method !== "POST" || !m || !CONNECTORS.includes(m[1])) return res.writeHead(404).end();
  const connector = m[1];
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", async () => {
    const body = Buffer.concat(chunks); // the raw bytes: the signature is over them
    try {
      const out = await client.handleWebhook({ connector, headers: req.headers, body, merchantAccount: accounts[connector] });
      for (const ev of out.events) {
        if (ev.eventId && seen.has(ev.eventId)) continue;
        if (ev.eventId) seen.add(ev.eventId);
        console.log(`${connector} event: ${JSON.stringify(describeEvent(ev))}`);
      }
      res.writeHead(200, { "content-type": "text/plain" }).end(out.acknowledgement);
    } catch (e) {
      if (!(e instanceof ConnectorServiceError)) {
        console.error(e);
        return res.writeHead(500).end();
      }
      if (e.errorReason === ErrorReason.ERROR_REASON_BAD_SIGNATURE) {
        console.error(`${connector} webhook refused: ${e.reason}`);
        return res.writeHead(401).end();
      }
      if (e.errorReason === ErrorReason.ERROR_REASON_INVALID_FIELD || e.errorReason === ErrorReason.ERROR_REASON_MISSING_FIELD) {
        console.error(`${connector} webhook refused: ${e.reason} ${e.field ?? ""}`);
        return res.writeHead(400).end();
      }
      // The service is unreachable or failed: a non-2xx makes the processor deliver it again.
      console.error(`${connector} webhook not handled: ${JSON.stringify(e)}`);
      res.writeHead(503).end();
    }
  });
});

await new Promise((r) => server.listen(values.demo ? 0 : Number(process.env.PORT ?? 8091), "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;
console.log(`listening on ${base}/webhooks/{adyen,stripe}`);

async function shutdown() {
  server.close();
  client.close();
  await stack.stop();
}
process.on("SIGTERM", () => shutdown().then(() => process.exit(0)));
process.on("SIGINT", () => shutdown().then(() => process.exit(0)));

if (values.demo) {
  // Play the processor: what Adyen or Stripe would POST, signed with the account's secret.
  const id = randomBytes(6).toString("hex").toUpperCase();
  const signed =
    demoConnector === "adyen"
      ? adyenAuthorisation({ psp: `DEMO${id}`, reference: `demo-${id}` }, stack.env.CS_ADYEN_HMAC_KEY)
      : stripePaymentSucceeded({ pi: `pi_3DEMO${id}`, eventId: `evt_3DEMO${id}`, reference: `demo-${id}` }, stack.env.CS_STRIPE_WEBHOOK_SECRET);
  const post = (headers, body) => fetch(`${base}/webhooks/${demoConnector}`, { method: "POST", headers, body });
  const ok = await post(signed.headers, signed.body);
  console.log(`processor got: ${ok.status} ${JSON.stringify(await ok.text())}`);
  const forged = signed.body.replace(/"value":1000|"amount":1000/, (s) => s.replace("1000", "9000"));
  const bad = await post(signed.headers, forged);
  console.log(`processor got for a forged body: ${bad.status}`);
  await shutdown();
  if (ok.status !== 200 || bad.status !== 401) process.exitCode = 1;
}
