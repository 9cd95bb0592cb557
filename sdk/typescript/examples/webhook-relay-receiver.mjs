// A merchant sink for the relay connector-service's HTTP webhook receiver POSTs
// (webhooks.sink_url): verifies X-Connector-Signature with the sink signing key, then handles the
// typed events. Answer 2xx only once the events are safely stored: otherwise the processor
// redelivers. Events may come more than once: de-duplicate on eventId.
//
//   CS_SINK_SIGNING_KEY=... PORT=8090 node examples/webhook-relay-receiver.mjs
import http from "node:http";
import { EventType, eventTypeToJSON, parseRelay, paymentStatusToJSON, WebhookSignatureError } from "@connector-service/client";

const signingKey = process.env.CS_SINK_SIGNING_KEY;
if (!signingKey) {
  console.error("set CS_SINK_SIGNING_KEY (the service's webhooks.sink_signing_key)");
  process.exit(2);
}
const seen = new Set(); // use your database in production

const server = http.createServer((req, res) => {
  if (req.method !== "POST") return res.writeHead(405).end();
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks); // the raw bytes: the signature is over them
    let relay;
    try {
      relay = parseRelay(body, req.headers["x-connector-signature"], signingKey, { toleranceSec: 300 });
    } catch (e) {
      if (e instanceof WebhookSignatureError) {
        console.error(`rejected relay: ${e.failure}`);
        return res.writeHead(e.failure === "bad_body" ? 400 : 401).end();
      }
      throw e;
    }
    for (const ev of relay.events) {
      if (ev.eventId && seen.has(ev.eventId)) continue;
      if (ev.eventId) seen.add(ev.eventId);
      const what = ev.type === EventType.EVENT_TYPE_PAYMENT ? paymentStatusToJSON(ev.paymentStatus) : eventTypeToJSON(ev.type);
      console.log(JSON.stringify({ connector: relay.connector, account: relay.merchantAccount, event: ev.eventId, what, payment: ev.connectorPaymentId, reference: ev.merchantReference }));
    }
    res.writeHead(200).end("ok");
  });
});

server.listen(Number(process.env.PORT ?? 8090), "127.0.0.1", () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
process.on("SIGTERM", () => server.close());
