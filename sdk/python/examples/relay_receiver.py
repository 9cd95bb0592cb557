#!/usr/bin/env python3
"""A webhook sink: receives the relays the service's HTTP webhook receiver POSTs (webhooks.mode =
"relay", webhooks.sink_url = http://127.0.0.1:8099/, webhooks.sink_signing_key = the key below),
verifies X-Connector-Signature, and prints the events. Standard library only besides the SDK.

    CS_SINK_SIGNING_KEY=... python examples/relay_receiver.py --port 8099

Answers 401 on a bad/stale signature (nothing acted on), 400 on a body that is not a relay, 200
otherwise. Relays are at-least-once: de-duplicate on event_id.
"""
from __future__ import annotations

import argparse
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from connectorservice_client import WebhookSignatureError, parse_relay
from connectorservice_client import types as cs

seen: set[str] = set()  # a real sink keeps this in its database


def handle(relay: cs.WebhookRelay) -> None:
    for ev in relay.events:
        if ev.event_id and ev.event_id in seen:
            continue
        seen.add(ev.event_id)
        kind = cs.EventType.Name(ev.type)
        if ev.type == cs.EVENT_TYPE_PAYMENT:
            status = cs.PaymentStatus.Name(ev.payment_status)
        elif ev.type == cs.EVENT_TYPE_REFUND:
            status = cs.RefundStatus.Name(ev.refund_status)
        elif ev.type == cs.EVENT_TYPE_DISPUTE:
            status = cs.DisputeStatus.Name(ev.dispute_status)
        else:
            status = ev.processor_event_code
        print(f"{relay.connector}/{relay.merchant_account}: {kind} {status} "
              f"payment={ev.connector_payment_id} ref={ev.merchant_reference} "
              f"amount={ev.amount.minor_amount} {ev.amount.currency_code}", flush=True)


def make_handler(signing_key: str, tolerance: int):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                relay = parse_relay(body, self.headers.get("X-Connector-Signature"),
                                    signing_key, tolerance)
            except WebhookSignatureError as e:
                return self.answer(401, f"bad signature: {e}")
            except ValueError as e:
                return self.answer(400, str(e))
            handle(relay)
            self.answer(200, "ok")

        def answer(self, status: int, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt: str, *args: object) -> None:  # quieter than the default
            pass

    return Handler


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8099)
    p.add_argument("--tolerance", type=int, default=300)
    args = p.parse_args()
    key = os.environ.get("CS_SINK_SIGNING_KEY")
    if not key:
        p.error("set CS_SINK_SIGNING_KEY to the service's webhooks.sink_signing_key")
    server = ThreadingHTTPServer((args.host, args.port), make_handler(key, args.tolerance))
    print(f"relay sink on http://{args.host}:{args.port}/", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
