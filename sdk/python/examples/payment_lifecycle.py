#!/usr/bin/env python3
"""A payment's life over Connector Service, step by step: authorize (manual capture), partial
capture, partial refund, a read of the payment, and a declined card.

    python examples/payment_lifecycle.py --target 127.0.0.1:50051 --merchant-account adyen_demo
    python examples/payment_lifecycle.py --connector stripe --merchant-account stripe_demo --aio

Adyen has no lookup API: its "get" step prints FAILED_PRECONDITION / NOT_SUPPORTED_BY_PROCESSOR
(outcomes arrive by webhook); Stripe answers it.
"""
from __future__ import annotations

import argparse
import asyncio
import time

from connectorservice_client import AsyncClient, Client, ConnectorServiceError, RetryPolicy
from connectorservice_client import types as cs

DECLINE = {"adyen": ("4111111111111111", "NOT_ENOUGH_BALANCE"), "stripe": ("4000000000009995", "")}


def money(m: cs.Money) -> str:
    return f"{m.minor_amount / 100:.2f} {m.currency_code}"


def eur(minor: int) -> cs.Money:
    return cs.Money(minor_amount=minor, currency_code="EUR")


def authorize_request(connector: str, reference: str, number: str, holder: str) -> cs.AuthorizeRequest:
    return cs.AuthorizeRequest(
        connector=connector,
        merchant_reference=reference,
        amount=eur(2500),
        capture_method=cs.CAPTURE_METHOD_MANUAL,
        return_url="https://shop.example/return",
        payment_method=cs.PaymentMethod(
            card=cs.Card(number=number, expiry_month=3, expiry_year=2030,
                         cvc="737", holder_name=holder)  # public test card
        ),
    )


def steps(connector: str, reference: str):
    """The calls, as (label, method name, request kwargs builder) — shared by sync and async."""
    ok_card = "4111111111111111" if connector == "adyen" else "4242424242424242"
    yield "1. authorize 25.00 EUR", "authorize", lambda prev: {
        "request": authorize_request(connector, reference, ok_card, "APPROVED")}
    yield "2. capture 15.00 EUR", "capture", lambda prev: {"fields": dict(
        connector=connector, connector_payment_id=prev["auth"].connector_payment_id,
        amount_to_capture=eur(1500), payment_amount=eur(2500))}
    yield "3. refund 5.00 EUR", "refund", lambda prev: {"fields": dict(
        connector=connector, connector_payment_id=prev["auth"].connector_payment_id,
        amount=eur(500), payment_amount=eur(2500))}
    yield "4. get the payment", "get_payment", lambda prev: {"fields": dict(
        connector=connector, connector_payment_id=prev["auth"].connector_payment_id)}
    number, holder = DECLINE[connector]
    yield "5. a declined card", "authorize", lambda prev: {
        "request": authorize_request(connector, reference + "-declined", number, holder)}


def describe(res) -> str:
    if isinstance(res, cs.Payment):
        out = f"{cs.PaymentStatus.Name(res.status)} payment={res.connector_payment_id}"
        if res.HasField("captured_amount"):
            out += f" captured={money(res.captured_amount)}"
        if res.HasField("error"):
            out += (f" decline={cs.DeclineCode.Name(res.error.decline_code)}"
                    f" ({res.error.processor_code} {res.error.processor_message})")
        return out
    if isinstance(res, cs.Refund):
        return f"{cs.RefundStatus.Name(res.status)} refund={res.connector_refund_id}"
    return str(res)


def describe_error(err: ConnectorServiceError) -> str:
    return f"error {err.code.name}/{err.reason}: {err.message} (request {err.request_id})"


def run_sync(args: argparse.Namespace, reference: str) -> None:
    with Client(args.target, merchant_account=args.merchant_account, api_key=args.api_key,
                retry=RetryPolicy(max_attempts=3)) as client:
        prev: dict = {}
        for label, method, build in steps(args.connector, reference):
            spec = build(prev)
            try:
                res = getattr(client, method)(spec.get("request"), **spec.get("fields", {}))
            except ConnectorServiceError as err:
                print(f"{label:<24} -> {describe_error(err)}")
                continue
            prev.setdefault("auth", res)
            print(f"{label:<24} -> {describe(res)}")


async def run_async(args: argparse.Namespace, reference: str) -> None:
    async with AsyncClient(args.target, merchant_account=args.merchant_account,
                           api_key=args.api_key, retry=RetryPolicy(max_attempts=3)) as client:
        prev: dict = {}
        for label, method, build in steps(args.connector, reference):
            spec = build(prev)
            try:
                res = await getattr(client, method)(spec.get("request"), **spec.get("fields", {}))
            except ConnectorServiceError as err:
                print(f"{label:<24} -> {describe_error(err)}")
                continue
            prev.setdefault("auth", res)
            print(f"{label:<24} -> {describe(res)}")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--target", default="127.0.0.1:50051")
    p.add_argument("--merchant-account", default="adyen_demo")
    p.add_argument("--connector", default="adyen", choices=sorted(DECLINE))
    p.add_argument("--api-key", default=None)
    p.add_argument("--aio", action="store_true", help="use the asyncio client")
    args = p.parse_args()
    reference = f"py-demo-{int(time.time())}"
    if args.aio:
        asyncio.run(run_async(args, reference))
    else:
        run_sync(args, reference)


if __name__ == "__main__":
    main()
