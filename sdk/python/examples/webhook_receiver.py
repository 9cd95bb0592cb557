#!/usr/bin/env python3
"""A webhook receiver: an HTTP server that takes a processor's POST on /webhooks/<connector>,
hands the raw body and headers to Connector Service (handle_webhook: signature check, unified
events), prints the typed events and answers the processor's acknowledgement.

    python examples/webhook_receiver.py --connector stripe     # one command: a demo (below)
    python examples/webhook_receiver.py --port 8098            # serve, against $CS_GRPC_ADDRESS

Without ``--target``/``CS_GRPC_ADDRESS`` the example starts its own stack with the simulator's
webhooks pointed at this receiver, makes a payment (automatic capture) and a refund through the
service, prints the events the simulator sends for them, and exits (``--serve`` keeps serving).
With a running service it only serves: point the processor's webhook URL at
``http://HOST:PORT/webhooks/adyen`` (or ``/stripe``). The secret that checks the signature is
the merchant account's ``webhook_secret`` in the service's config (``--merchant-account``);
nothing secret is in this program.

Answers: 200 and ``acknowledgement`` (``[accepted]`` for Adyen, empty for Stripe) once verified;
401 on a bad signature and 400 on a body that is not the processor's webhook (nothing acted on);
503 when the service could not be asked (the processor delivers again later). Deliveries are at
least once: de-duplicate on ``event_id``. Standard library only besides the SDK.
"""
from __future__ import annotations

import queue
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import grpc

import _common as ex
from connectorservice_client import Client, ConnectorServiceError
from connectorservice_client import types as cs

seen: set[str] = set()  # a real receiver keeps this in its database
seen_lock = threading.Lock()


def status_of(ev: cs.Event) -> str:
    if ev.type == cs.EVENT_TYPE_PAYMENT:
        return cs.PaymentStatus.Name(ev.payment_status)
    if ev.type == cs.EVENT_TYPE_REFUND:
        return cs.RefundStatus.Name(ev.refund_status)
    if ev.type == cs.EVENT_TYPE_DISPUTE:
        return cs.DisputeStatus.Name(ev.dispute_status)
    return "-"


def describe(connector: str, ev: cs.Event) -> str:
    out = (f"{connector}: {cs.EventType.Name(ev.type)} {status_of(ev)} "
           f"({ev.processor_event_code}) payment={ev.connector_payment_id or '-'}")
    if ev.connector_refund_id:
        out += f" refund={ev.connector_refund_id}"
    if ev.connector_mandate_id:
        out += f" mandate={ev.connector_mandate_id}"
    if ev.merchant_reference:
        out += f" ref={ev.merchant_reference}"
    if ev.HasField("amount"):
        out += f" amount={ev.amount.minor_amount} {ev.amount.currency_code}"
    return out + f" id={ev.event_id}"


def make_handler(client: Client, accounts: dict[str, str], default_connector: str,
                 events: "queue.Queue[tuple[str, cs.Event]] | None" = None) -> type:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            parts = self.path.split("?", 1)[0].strip("/").split("/")
            connector = parts[1] if len(parts) == 2 and parts[0] == "webhooks" else default_connector
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if connector not in accounts:
                return self.answer(404, f"no receiver for {connector!r}")
            try:
                # The raw body, byte for byte, and the headers as received: the signature covers them.
                res = client.handle_webhook(connector, list(self.headers.items()), body,
                                            merchant_account=accounts[connector])
            except ConnectorServiceError as err:
                print(f"{connector}: refused {err.code.name}/{err.reason}: {err.message}", flush=True)
                if err.code == grpc.StatusCode.UNAUTHENTICATED:
                    return self.answer(401, "bad signature")
                if err.code == grpc.StatusCode.INVALID_ARGUMENT:
                    return self.answer(400, "not a webhook")
                return self.answer(503, "try again later")
            for ev in res.events:
                with seen_lock:
                    if ev.event_id and ev.event_id in seen:
                        continue  # a redelivery: already acted on
                    seen.add(ev.event_id)
                print(describe(connector, ev), flush=True)
                if events is not None:
                    events.put((connector, ev))
            self.answer(200, res.acknowledgement)

        def answer(self, status: int, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt: str, *args: Any) -> None:  # quieter than the default
            pass

    return Handler


def demo(client: Client, connector: str, events: "queue.Queue[tuple[str, cs.Event]]",
         timeout: float = 15.0) -> bool:
    """Pay and refund through the service; wait for the simulator's webhooks about them."""
    reference = ex.reference("webhook")
    payment = client.authorize(cs.AuthorizeRequest(
        connector=connector, merchant_reference=reference, amount=ex.eur(2000),
        capture_method=cs.CAPTURE_METHOD_AUTOMATIC, return_url=ex.RETURN_URL,
        payment_method=ex.card(connector, "ok")))
    print(f"demo: authorize -> {cs.PaymentStatus.Name(payment.status)} "
          f"payment={payment.connector_payment_id}", flush=True)
    refund = client.refund(connector=connector, connector_payment_id=payment.connector_payment_id,
                           amount=ex.eur(500), payment_amount=ex.eur(2000),
                           merchant_reference=reference + "-refund")
    print(f"demo: refund    -> {cs.RefundStatus.Name(refund.status)} "
          f"refund={refund.connector_refund_id}", flush=True)
    want = {cs.EVENT_TYPE_PAYMENT, cs.EVENT_TYPE_REFUND}
    deadline = time.monotonic() + timeout
    while want and time.monotonic() < deadline:
        try:
            _, ev = events.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        if ev.connector_payment_id == payment.connector_payment_id:
            want.discard(ev.type)
    if want:
        print("demo: no webhook for " + ", ".join(cs.EventType.Name(t) for t in want), flush=True)
        return False
    print("demo: received the payment and refund webhooks", flush=True)
    return True


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    p = ex.parser(__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0, help="default: 8098, or a free one for the demo")
    p.add_argument("--serve", action="store_true", help="keep serving after the demo")
    args = p.parse_args(argv)
    own_stack = not args.target
    port = args.port or (ex.free_port() if own_stack else 8098)
    base = f"http://{args.host}:{port}/webhooks"
    hooks = {c: f"{base}/{c}" for c in ex.CONNECTORS} if own_stack else None
    events: queue.Queue[tuple[str, cs.Event]] = queue.Queue()
    signal.signal(signal.SIGTERM, _interrupt)  # stop cleanly (and stop our stack) on SIGTERM
    ok = False
    try:
        with ex.stack(args.target, webhook_urls=hooks) as env:
            accounts = {c: ex.account(args, env) if c == args.connector else
                        env.get(f"CS_{c.upper()}_ACCOUNT", f"{c}_demo") for c in ex.CONNECTORS}
            client = Client(env["CS_GRPC_ADDRESS"], api_key=args.api_key,
                            merchant_account=accounts[args.connector])
            server = ThreadingHTTPServer(
                (args.host, port), make_handler(client, accounts, args.connector, events))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            print(f"webhook receiver on {base}/<connector>", flush=True)
            try:
                if own_stack:
                    ok = demo(client, args.connector, events)
                if not own_stack or args.serve:
                    threading.Event().wait()  # until Ctrl-C / SIGTERM
            finally:
                server.shutdown()
                client.close()
    except KeyboardInterrupt:
        ok = True
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
