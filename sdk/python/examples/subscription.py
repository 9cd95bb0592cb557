#!/usr/bin/env python3
"""Subscription: store the shopper's card (setup_mandate), charge it later without the shopper
(recurring_charge), cancel it (revoke_mandate) — after which a charge is refused.

    python examples/subscription.py --connector stripe      # starts its own stack
    python examples/subscription.py --connector adyen

setup_mandate answers the processor's token for the stored card (``mandate.connector_mandate_id``:
Adyen's recurringDetailReference, Stripe's ``pm_…``) and the customer id to charge it with
(``mandate.customer_id``: yours for Adyen, Stripe's ``cus_…``). Keep both; the card itself is never
needed again. A card that needs 3-D Secure at set-up answers ``MANDATE_STATUS_PENDING`` with
``next_action.redirect`` (see three_ds.py).
"""
from __future__ import annotations

import _common as ex
from connectorservice_client import Client, ConnectorServiceError
from connectorservice_client import types as cs


def charge(client: Client, connector: str, mandate: cs.Mandate, reference: str) -> cs.Payment:
    return client.recurring_charge(
        connector=connector, merchant_reference=reference,
        connector_mandate_id=mandate.connector_mandate_id, customer_id=mandate.customer_id,
        amount=ex.eur(1200), capture_method=cs.CAPTURE_METHOD_AUTOMATIC,
        recurring_model=cs.RECURRING_MODEL_SUBSCRIPTION, return_url=ex.RETURN_URL)


def main(argv: list[str] | None = None) -> None:
    args = ex.parser(__doc__).parse_args(argv)
    connector = args.connector
    with ex.stack(args.target) as env, \
            Client(env["CS_GRPC_ADDRESS"], merchant_account=ex.account(args, env),
                   api_key=args.api_key) as client:
        reference = ex.reference("sub")
        setup = client.setup_mandate(
            connector=connector, merchant_reference=reference,
            payment_method=ex.card(connector, "ok"),
            customer=cs.Customer(id=f"shopper-{reference}", email="jenny@example.com",
                                 name="Jenny Rosen"),
            amount=ex.eur(0),  # nothing charged at set-up
            recurring_model=cs.RECURRING_MODEL_SUBSCRIPTION, return_url=ex.RETURN_URL)
        mandate = setup.mandate
        print(f"1. setup_mandate    -> {cs.MandateStatus.Name(setup.status)} "
              f"mandate={mandate.connector_mandate_id} customer={mandate.customer_id}", flush=True)
        if setup.status != cs.MANDATE_STATUS_ACTIVE:
            raise SystemExit("the mandate is not active")

        paid = charge(client, connector, mandate, reference + "-month-1")
        print(f"2. recurring_charge -> {cs.PaymentStatus.Name(paid.status)} "
              f"payment={paid.connector_payment_id} amount={ex.money(paid.amount)}", flush=True)

        revoked = client.revoke_mandate(connector=connector,
                                        connector_mandate_id=mandate.connector_mandate_id,
                                        customer_id=mandate.customer_id)
        print(f"3. revoke_mandate   -> {cs.MandateStatus.Name(revoked.status)}", flush=True)

        try:
            late = charge(client, connector, mandate, reference + "-month-2")
            print(f"4. charge after revoke -> {cs.PaymentStatus.Name(late.status)} (unexpected)")
        except ConnectorServiceError as err:
            said = f" (processor code {err.processor_code})" if err.processor_code else ""
            print(f"4. charge after revoke -> error {err.code.name}/{err.reason}{said}", flush=True)


if __name__ == "__main__":
    main()
