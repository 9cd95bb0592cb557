#!/usr/bin/env python3
"""3-D Secure: authorize with a card that needs a challenge, follow ``next_action.redirect`` as the
shopper's browser would, and finish with complete_authorize and what came back to the return URL.

    python examples/three_ds.py --connector stripe             # starts its own stack
    python examples/three_ds.py --connector adyen --fail        # the shopper fails the challenge

1. authorize → ``PAYMENT_STATUS_AUTHENTICATION_PENDING`` with ``next_action.redirect`` (url,
   method, form fields).
2. The shopper: here the example itself fetches the redirect URL from the simulator (HTTPS,
   trusting only its CA, ``CS_SIM_CA``) and reads where the page sends the browser: a 302 to the
   ``return_url`` with the result in the query (Adyen ``redirectResult``; Stripe
   ``payment_intent``, ``redirect_status``). In a shop, the browser goes there and your return
   page receives those parameters.
3. complete_authorize with those parameters as ``redirect_payload`` → AUTHORIZED (or FAILURE).

Test cards: Adyen holder name ``3DS_CHALLENGE`` (``3DS_FAIL`` fails), Stripe 4000 0000 0000 3220
(``&result=failed`` on the page fails).
"""
from __future__ import annotations

import http.client
import urllib.parse

import _common as ex
from connectorservice_client import Client, ConnectorServiceError
from connectorservice_client import types as cs


def shopper_visits(env: dict[str, str], redirect: cs.RedirectData, fail: bool) -> str:
    """What a browser does with the redirect: request the page, return where it sends us next."""
    url = redirect.url
    if fail and "/stripe/3ds/" in url:
        url += "&result=failed"  # Stripe's page: the shopper fails the challenge
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPSConnection(parts.hostname or "", parts.port or 443,
                                       context=ex.sim_tls(env), timeout=10)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if redirect.method == cs.HTTP_METHOD_POST:
            body = urllib.parse.urlencode(dict(redirect.form_fields))
            conn.request("POST", path, body=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        else:
            conn.request("GET", path)
        res = conn.getresponse()
        res.read()
        if res.status not in (301, 302, 303, 307):
            raise SystemExit(f"the 3DS page answered {res.status}, not a redirect")
        return res.getheader("Location") or ""
    finally:
        conn.close()


def returned_payload(location: str) -> dict[str, str]:
    """The parameters the shopper's browser brings back to the return URL."""
    if not location.startswith(ex.RETURN_URL):
        raise SystemExit(f"the 3DS page did not send the shopper back to the return URL: {location}")
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


def main(argv: list[str] | None = None) -> None:
    p = ex.parser(__doc__)
    p.add_argument("--fail", action="store_true", help="the shopper fails the challenge")
    args = p.parse_args(argv)
    with ex.stack(args.target) as env, \
            Client(env["CS_GRPC_ADDRESS"], merchant_account=ex.account(args, env),
                   api_key=args.api_key) as client:
        reference = ex.reference("3ds")
        kind = "3ds-fail" if args.fail else "3ds"
        payment = client.authorize(cs.AuthorizeRequest(
            connector=args.connector, merchant_reference=reference, amount=ex.eur(3000),
            capture_method=cs.CAPTURE_METHOD_MANUAL, return_url=ex.RETURN_URL,
            payment_method=ex.card(args.connector, kind)))
        print(f"1. authorize          -> {cs.PaymentStatus.Name(payment.status)} "
              f"payment={payment.connector_payment_id or '(not yet)'}", flush=True)
        if payment.status != cs.PAYMENT_STATUS_AUTHENTICATION_PENDING \
                or not payment.next_action.HasField("redirect"):
            raise SystemExit("expected AUTHENTICATION_PENDING with next_action.redirect")
        redirect = payment.next_action.redirect
        page = redirect.url.split("?", 1)[0]  # the query may hold a client secret: not printed
        print(f"2. shopper redirected -> {cs.HttpMethod.Name(redirect.method)} {page}")

        location = shopper_visits(env, redirect, args.fail)
        payload = returned_payload(location)
        print(f"3. back at return_url -> {', '.join(sorted(payload))}", flush=True)

        try:
            done = client.complete_authorize(
                connector=args.connector, connector_payment_id=payment.connector_payment_id,
                merchant_reference=reference, capture_method=cs.CAPTURE_METHOD_MANUAL,
                redirect_payload=payload)
        except ConnectorServiceError as err:
            raise SystemExit(f"complete_authorize failed: {err.code.name}/{err.reason}: {err.message}")
        line = f"4. complete_authorize -> {cs.PaymentStatus.Name(done.status)} " \
               f"payment={done.connector_payment_id}"
        if done.HasField("error"):
            line += f" ({done.error.processor_code} {done.error.processor_message})"
        print(line, flush=True)


if __name__ == "__main__":
    main()
