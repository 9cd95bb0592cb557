#!/usr/bin/env python3
"""Checkout: authorize 25.00 EUR (manual capture), capture 15.00, refund 5.00, read the refund's
status (get_refund) and the payment (get_payment), then a declined card.

    python examples/checkout.py --connector stripe          # starts its own stack
    python examples/checkout.py --connector adyen --aio     # the asyncio client
    python examples/checkout.py --target 127.0.0.1:50051 --connector adyen   # a running service

Only --connector changes between processors. Adyen has no lookup API: its get_refund and
get_payment steps print FAILED_PRECONDITION / NOT_SUPPORTED_BY_PROCESSOR (the outcome of a
capture or refund arrives by webhook: see webhook_receiver.py); Stripe answers them. A decline is
an answer (status PAYMENT_STATUS_FAILURE), not an exception.
"""
from __future__ import annotations

import argparse
import asyncio
from typing import Any, Callable, Iterator

import _common as ex
from connectorservice_client import AsyncClient, Client, ConnectorServiceError, RetryPolicy
from connectorservice_client import types as cs

Step = tuple[str, str, Callable[[dict[str, Any]], dict[str, Any]]]


def authorize_request(connector: str, reference: str, kind: str) -> cs.AuthorizeRequest:
    return cs.AuthorizeRequest(
        connector=connector,
        merchant_reference=reference,
        amount=ex.eur(2500),
        capture_method=cs.CAPTURE_METHOD_MANUAL,
        return_url=ex.RETURN_URL,
        payment_method=ex.card(connector, kind),  # a public test card
    )


def steps(connector: str, reference: str) -> Iterator[Step]:
    """(label, client method, request fields from the earlier results) — for sync and async."""
    yield "1. authorize 25.00 EUR", "authorize", lambda prev: dict(
        request=authorize_request(connector, reference, "ok"))
    yield "2. capture 15.00 EUR", "capture", lambda prev: dict(
        connector=connector, connector_payment_id=prev["authorize"].connector_payment_id,
        amount_to_capture=ex.eur(1500), payment_amount=ex.eur(2500),
        merchant_reference=reference + "-cap")
    yield "3. refund 5.00 EUR", "refund", lambda prev: dict(
        connector=connector, connector_payment_id=prev["authorize"].connector_payment_id,
        amount=ex.eur(500), payment_amount=ex.eur(2500), merchant_reference=reference + "-ref")
    yield "4. refund status", "get_refund", lambda prev: dict(
        connector=connector, connector_refund_id=prev["refund"].connector_refund_id,
        connector_payment_id=prev["authorize"].connector_payment_id)
    yield "5. get the payment", "get_payment", lambda prev: dict(
        connector=connector, connector_payment_id=prev["authorize"].connector_payment_id)
    yield "6. a declined card", "authorize", lambda prev: dict(
        request=authorize_request(connector, reference + "-declined", "decline"))


def describe(res: Any) -> str:
    if isinstance(res, cs.Payment):
        out = f"{cs.PaymentStatus.Name(res.status)} payment={res.connector_payment_id}"
        if res.HasField("captured_amount"):
            out += f" captured={ex.money(res.captured_amount)}"
        if res.HasField("error"):
            out += (f" decline={cs.DeclineCode.Name(res.error.decline_code)}"
                    f" ({res.error.processor_code} {res.error.processor_message})")
        return out
    if isinstance(res, cs.Refund):
        return (f"{cs.RefundStatus.Name(res.status)} refund={res.connector_refund_id}"
                f" amount={ex.money(res.amount)}")
    return str(res)


def describe_error(err: ConnectorServiceError) -> str:
    return f"error {err.code.name}/{err.reason}: {err.message} (request {err.request_id})"


def report(label: str, method: str, prev: dict[str, Any],
           outcome: Any | ConnectorServiceError) -> None:
    if isinstance(outcome, ConnectorServiceError):
        print(f"{label:<24} -> {describe_error(outcome)}", flush=True)
        return
    prev.setdefault(method, outcome)  # the first authorize is the checkout's payment
    print(f"{label:<24} -> {describe(outcome)}", flush=True)


def run_sync(target: str, merchant_account: str, api_key: str | None, connector: str,
             reference: str) -> None:
    with Client(target, merchant_account=merchant_account, api_key=api_key,
                retry=RetryPolicy(max_attempts=3)) as client:
        prev: dict[str, Any] = {}
        for label, method, build in steps(connector, reference):
            fields = build(prev)
            try:  # a request message, or its fields as keywords
                outcome = getattr(client, method)(fields.pop("request", None), **fields)
            except ConnectorServiceError as err:
                outcome = err
            report(label, method, prev, outcome)


async def run_async(target: str, merchant_account: str, api_key: str | None, connector: str,
                    reference: str) -> None:
    async with AsyncClient(target, merchant_account=merchant_account, api_key=api_key,
                           retry=RetryPolicy(max_attempts=3)) as client:
        prev: dict[str, Any] = {}
        for label, method, build in steps(connector, reference):
            fields = build(prev)
            try:
                outcome = await getattr(client, method)(fields.pop("request", None), **fields)
            except ConnectorServiceError as err:
                outcome = err
            report(label, method, prev, outcome)


def main(argv: list[str] | None = None) -> None:
    p = ex.parser(__doc__)
    p.add_argument("--aio", action="store_true", help="use the asyncio client")
    args = p.parse_args(argv)
    with ex.stack(args.target) as env:
        target, account = env["CS_GRPC_ADDRESS"], ex.account(args, env)
        reference = ex.reference("checkout")
        if args.aio:
            asyncio.run(run_async(target, account, args.api_key, args.connector, reference))
        else:
            run_sync(target, account, args.api_key, args.connector, reference)


if __name__ == "__main__":
    main()
