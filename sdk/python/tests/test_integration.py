"""Against the running stack: connector-service in front of processor-sim (sdk/testing/stack.sh)."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

import grpc
import pytest

from _common import sim_control
from connectorservice_client import (
    AsyncClient,
    Client,
    ConnectorServiceError,
    ErrorReason,
    RetryPolicy,
    types as cs,
)

pytestmark = pytest.mark.integration

RETURN_URL = "https://shop.example/return"
WRONG_HMAC_KEY = "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0"


def ref(prefix: str) -> str:
    return f"py-{prefix}-{uuid.uuid4().hex[:12]}"


def eur(minor: int) -> cs.Money:
    return cs.Money(minor_amount=minor, currency_code="EUR")


def adyen_authorize(reference: str, *, holder: str = "APPROVED", minor: int = 2500,
                    number: str = "4111111111111111") -> cs.AuthorizeRequest:
    return cs.AuthorizeRequest(
        connector="adyen",
        merchant_reference=reference,
        amount=eur(minor),
        payment_method=cs.PaymentMethod(card=cs.Card(
            number=number, expiry_month=3, expiry_year=2030, cvc="737", holder_name=holder)),
        capture_method=cs.CAPTURE_METHOD_MANUAL,
        return_url=RETURN_URL,
    )


def stripe_authorize(reference: str, number: str, *, manual: bool = True) -> cs.AuthorizeRequest:
    return cs.AuthorizeRequest(
        connector="stripe",
        merchant_reference=reference,
        amount=eur(2500),
        payment_method=cs.PaymentMethod(card=cs.Card(
            number=number, expiry_month=3, expiry_year=2030, cvc="527")),
        capture_method=cs.CAPTURE_METHOD_MANUAL if manual else cs.CAPTURE_METHOD_AUTOMATIC,
        return_url=RETURN_URL,
    )


@pytest.fixture(scope="module")
def adyen(stack):
    with Client(stack["CS_GRPC_ADDRESS"], merchant_account=stack["CS_ADYEN_ACCOUNT"],
                default_timeout=20) as c:
        yield c


@pytest.fixture(scope="module")
def stripe(stack):
    with Client(stack["CS_GRPC_ADDRESS"], merchant_account=stack["CS_STRIPE_ACCOUNT"],
                default_timeout=20, retry=RetryPolicy(max_attempts=3)) as c:
        yield c


# ---- payment lifecycle ---------------------------------------------------------------------


def test_adyen_lifecycle_sync(adyen):
    reference = ref("adyen")
    auth = adyen.authorize(adyen_authorize(reference))
    assert auth.status == cs.PAYMENT_STATUS_AUTHORIZED, auth
    assert auth.connector_payment_id and auth.merchant_reference == reference

    cap = adyen.capture(connector="adyen", connector_payment_id=auth.connector_payment_id,
                        amount_to_capture=eur(1500), payment_amount=eur(2500),
                        merchant_reference=reference + "-cap")
    assert cap.status == cs.PAYMENT_STATUS_CAPTURE_PENDING, cap  # Adyen: outcome by webhook
    assert cap.connector_operation_id

    refund = adyen.refund(connector="adyen", connector_payment_id=auth.connector_payment_id,
                          amount=eur(500), payment_amount=eur(2500),
                          merchant_reference=reference + "-ref")
    assert refund.status == cs.REFUND_STATUS_PENDING, refund
    assert refund.connector_refund_id

    # Adyen has no lookup API: the service says so instead of guessing.
    with pytest.raises(ConnectorServiceError) as ei:
        adyen.get_payment(connector="adyen", connector_payment_id=auth.connector_payment_id,
                          request_id="py-get-" + reference[-12:])
    err = ei.value
    assert err.code is grpc.StatusCode.FAILED_PRECONDITION
    assert err.reason == "NOT_SUPPORTED_BY_PROCESSOR"
    assert err.reason_enum == ErrorReason.ERROR_REASON_NOT_SUPPORTED_BY_PROCESSOR
    assert err.domain == "connectorservice.v1"
    assert err.retryable is False
    assert err.request_id == "py-get-" + reference[-12:]


async def test_adyen_lifecycle_async(stack):
    async with AsyncClient(stack["CS_GRPC_ADDRESS"],
                           merchant_account=stack["CS_ADYEN_ACCOUNT"]) as adyen:
        reference = ref("adyen-aio")
        auth = await adyen.authorize(adyen_authorize(reference), timeout=20)
        assert auth.status == cs.PAYMENT_STATUS_AUTHORIZED, auth
        cap = await adyen.capture(connector="adyen", connector_payment_id=auth.connector_payment_id,
                                  amount_to_capture=eur(1000), payment_amount=eur(2500))
        assert cap.status == cs.PAYMENT_STATUS_CAPTURE_PENDING, cap
        refund = await adyen.refund(connector="adyen", connector_payment_id=auth.connector_payment_id,
                                    amount=eur(400), payment_amount=eur(2500))
        assert refund.status == cs.REFUND_STATUS_PENDING, refund
        with pytest.raises(ConnectorServiceError) as ei:
            await adyen.get_payment(connector="adyen", connector_payment_id=auth.connector_payment_id)
        assert ei.value.code is grpc.StatusCode.FAILED_PRECONDITION
        assert ei.value.reason == "NOT_SUPPORTED_BY_PROCESSOR"
        assert ei.value.request_id and ei.value.request_id.startswith("py-")


def test_stripe_lifecycle_with_get(stripe):
    reference = ref("stripe")
    auth = stripe.authorize(stripe_authorize(reference, "4242424242424242"))
    assert auth.status == cs.PAYMENT_STATUS_AUTHORIZED, auth
    assert auth.connector_payment_id.startswith("pi_")
    cap = stripe.capture(connector="stripe", connector_payment_id=auth.connector_payment_id,
                         amount_to_capture=eur(1500), payment_amount=eur(2500))
    assert cap.status == cs.PAYMENT_STATUS_PARTIALLY_CHARGED, cap
    refund = stripe.refund(connector="stripe", connector_payment_id=auth.connector_payment_id,
                           amount=eur(500))
    assert refund.status == cs.REFUND_STATUS_SUCCESS, refund
    got = stripe.get_payment(connector="stripe", connector_payment_id=auth.connector_payment_id)
    assert got.connector_payment_id == auth.connector_payment_id
    assert got.status == cs.PAYMENT_STATUS_PARTIALLY_CHARGED, got
    assert got.captured_amount.minor_amount == 1500
    back = stripe.get_refund(connector="stripe", connector_refund_id=refund.connector_refund_id)
    assert back.status == cs.REFUND_STATUS_SUCCESS and back.amount.minor_amount == 500


def test_same_idempotency_key_replays_one_authorization(stripe):
    key = str(uuid.uuid4())
    req = stripe_authorize(ref("idem"), "4242424242424242")
    first = stripe.authorize(req, idempotency_key=key)
    again = stripe.authorize(req, idempotency_key=key)
    assert again.connector_payment_id == first.connector_payment_id
    other = stripe.authorize(req)  # a fresh automatic key: a new payment
    assert other.connector_payment_id != first.connector_payment_id


# ---- declines and errors -------------------------------------------------------------------


def test_stripe_decline_is_an_outcome_not_an_error(stripe):
    res = stripe.authorize(stripe_authorize(ref("decline"), "4000000000009995", manual=False))
    assert res.status == cs.PAYMENT_STATUS_FAILURE, res
    assert res.error.decline_code == cs.DECLINE_CODE_INSUFFICIENT_FUNDS
    assert res.error.processor_decline_code == "insufficient_funds"


def test_validation_error_names_the_field(adyen):
    bad = adyen_authorize(ref("luhn"), number="4111111111111112")
    with pytest.raises(ConnectorServiceError) as ei:
        adyen.authorize(bad)
    err = ei.value
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.reason == "INVALID_FIELD"
    assert err.reason_enum == ErrorReason.ERROR_REASON_INVALID_FIELD
    assert err.field == "payment_method.card.number"
    assert [v.field for v in err.field_violations] == ["payment_method.card.number"]
    assert err.retryable is False and err.attempts == 1
    assert "4111111111111112" not in str(err) + repr(err)

    missing = adyen_authorize("")
    with pytest.raises(ConnectorServiceError) as ei:
        adyen.authorize(missing)
    assert ei.value.reason == "MISSING_FIELD" and ei.value.field == "merchant_reference"


def test_unknown_merchant_account(stack):
    with Client(stack["CS_GRPC_ADDRESS"], merchant_account="nobody_here") as c:
        with pytest.raises(ConnectorServiceError) as ei:
            c.authorize(adyen_authorize(ref("nobody")))
    assert ei.value.code is grpc.StatusCode.UNAUTHENTICATED
    assert ei.value.reason == "MISSING_CREDENTIALS"


def test_call_credentials_instead_of_an_account(stack):
    creds = {"api_key": "sim_adyen_api_key", "merchant_account": "DemoMerchantECOM"}
    with Client(stack["CS_GRPC_ADDRESS"], credentials=creds) as c:
        auth = c.authorize(adyen_authorize(ref("xauth")))
    assert auth.status == cs.PAYMENT_STATUS_AUTHORIZED, auth


# ---- unknown outcomes (the simulator's fault injection) -------------------------------------


@pytest.fixture
def faults(stack):
    """Queue simulator faults (POST /_sim/faults); cleared after the test whatever happened."""
    def queue(spec: str, path_prefix: str, count: int) -> None:
        assert sim_control(stack, "POST", "/_sim/faults",
                           {"fault": spec, "path_prefix": path_prefix, "count": count})["queued"] >= count
    try:
        yield queue
    finally:
        sim_control(stack, "DELETE", "/_sim/faults")


def test_outcome_unknown_then_same_key_is_one_payment(stack, faults):
    """Stripe creates the PaymentIntent, then the connection resets before the answer — on every
    attempt the service makes (retry.max_attempts = 3): the call ends OUTCOME_UNKNOWN. Resending
    with the error's idempotency key gets the payment that exists, and never makes a second."""
    before = sim_control(stack, "GET", "/_sim/stats")["stripe"]
    req = stripe_authorize(ref("unknown"), "4242424242424242")
    with Client(stack["CS_GRPC_ADDRESS"], merchant_account=stack["CS_STRIPE_ACCOUNT"],
                default_timeout=20) as c:  # no client retries: the caller sees the error
        faults("reset-after-apply", "/stripe/v1/payment_intents", 3)
        with pytest.raises(ConnectorServiceError) as ei:
            c.authorize(req)
        err = ei.value
        assert err.is_outcome_unknown, err
        assert err.code is grpc.StatusCode.UNKNOWN
        assert err.reason == "OUTCOME_UNKNOWN"
        assert err.reason_enum == ErrorReason.ERROR_REASON_OUTCOME_UNKNOWN
        assert err.retryable is True and err.attempts == 1
        assert err.idempotency_key
        sim_control(stack, "DELETE", "/_sim/faults")

        again = c.authorize(req, idempotency_key=err.idempotency_key)
        assert again.status == cs.PAYMENT_STATUS_AUTHORIZED, again
        replay = c.authorize(req, idempotency_key=err.idempotency_key)
        assert replay.connector_payment_id == again.connector_payment_id

    intent = sim_control(stack, "GET", f"/_sim/stripe/payment_intents/{again.connector_payment_id}")
    assert intent["status"] == "requires_capture"
    assert intent["chargesForIdempotencyKey"] == 1
    after = sim_control(stack, "GET", "/_sim/stats")["stripe"]
    assert after["payment_intents"] == before["payment_intents"] + 1  # one payment, not two
    assert after["double_charges"] == before["double_charges"]


def test_deadline_exceeded_is_outcome_unknown_then_same_key(stack, faults):
    """Adyen takes 2 s to answer; the caller's deadline is 0.5 s: DEADLINE_EXCEEDED, outcome
    unknown (the payment was made). The retry with the same key, once Adyen is done, answers the
    one payment."""
    before = sim_control(stack, "GET", "/_sim/stats")["adyen"]
    req = adyen_authorize(ref("deadline"))
    with Client(stack["CS_GRPC_ADDRESS"], merchant_account=stack["CS_ADYEN_ACCOUNT"]) as c:
        faults("latency:2000", "/adyen/v71/payments", 1)
        t0 = time.monotonic()
        with pytest.raises(ConnectorServiceError) as ei:
            c.authorize(req, timeout=0.5)
        err = ei.value
        assert err.code is grpc.StatusCode.DEADLINE_EXCEEDED
        assert err.is_outcome_unknown, err
        time.sleep(max(0.0, 2.3 - (time.monotonic() - t0)))  # the processor finishes meanwhile
        again = c.authorize(req, idempotency_key=err.idempotency_key, timeout=10,
                            retry=RetryPolicy(max_attempts=3))
    assert again.status == cs.PAYMENT_STATUS_AUTHORIZED, again
    state = sim_control(stack, "GET", f"/_sim/adyen/payments/{again.connector_payment_id}")
    assert state["chargesForIdempotencyKey"] == 1
    after = sim_control(stack, "GET", "/_sim/stats")["adyen"]
    assert after["payments"] == before["payments"] + 1  # one payment, not two
    assert after["double_charges"] == before["double_charges"]


# ---- webhooks ------------------------------------------------------------------------------


def adyen_item(psp: str, original: str, code: str, success: bool, value: int, reference: str,
               key_hex: str) -> dict:
    item = {"amount": {"currency": "EUR", "value": value}, "eventCode": code,
            "eventDate": "2024-05-01T10:00:00+02:00", "merchantAccountCode": "DemoMerchantECOM",
            "merchantReference": reference, "paymentMethod": "visa", "pspReference": psp,
            "reason": "", "success": "true" if success else "false"}
    if original:
        item["originalReference"] = original
    signed = ":".join([psp, original, "DemoMerchantECOM", reference, str(value), "EUR", code,
                       item["success"]])
    mac = hmac.new(bytes.fromhex(key_hex), signed.encode(), hashlib.sha256).digest()
    item["additionalData"] = {"hmacSignature": base64.b64encode(mac).decode()}
    return item


def adyen_notification(key_hex: str) -> bytes:
    items = [adyen_item("PYWHPAYMENT00001", "", "AUTHORISATION", True, 1000, "py-wh-order", key_hex),
             adyen_item("PYWHREFUND000001", "PYWHPAYMENT00001", "REFUND", True, 400, "py-wh-refund",
                        key_hex)]
    return json.dumps({"live": "false",
                       "notificationItems": [{"NotificationRequestItem": i} for i in items]}).encode()


HEADERS = {"Content-Type": "application/json"}


def check_events(res) -> None:
    assert res.acknowledgement == "[accepted]"
    assert len(res.events) == 2, res
    auth, refund = res.events
    assert isinstance(auth, cs.Event)
    assert auth.type == cs.EVENT_TYPE_PAYMENT
    assert auth.processor_event_code == "AUTHORISATION"
    assert auth.payment_status == cs.PAYMENT_STATUS_AUTHORIZED
    assert auth.connector_payment_id == "PYWHPAYMENT00001"
    assert auth.merchant_reference == "py-wh-order"
    assert auth.amount.minor_amount == 1000 and auth.amount.currency_code == "EUR"
    assert auth.event_id == "PYWHPAYMENT00001:AUTHORISATION:true"
    assert refund.type == cs.EVENT_TYPE_REFUND
    assert refund.refund_status == cs.REFUND_STATUS_SUCCESS
    assert refund.connector_refund_id == "PYWHREFUND000001"
    assert refund.connector_payment_id == "PYWHPAYMENT00001"
    assert refund.amount.minor_amount == 400


def test_handle_webhook_with_secret(stack):
    key = stack["CS_ADYEN_HMAC_KEY"]
    with Client(stack["CS_GRPC_ADDRESS"]) as c:
        check_events(c.handle_webhook("adyen", HEADERS, adyen_notification(key), secret=key))


def test_handle_webhook_with_the_accounts_secret(stack):
    key = stack["CS_ADYEN_HMAC_KEY"]
    with Client(stack["CS_GRPC_ADDRESS"]) as c:
        res = c.handle_webhook("adyen", HEADERS, adyen_notification(key),
                               merchant_account=stack["CS_ADYEN_ACCOUNT"])
    check_events(res)


async def test_handle_webhook_async(stack):
    key = stack["CS_ADYEN_HMAC_KEY"]
    async with AsyncClient(stack["CS_GRPC_ADDRESS"]) as c:
        check_events(await c.handle_webhook("adyen", HEADERS, adyen_notification(key), secret=key))


def test_handle_webhook_bad_signature(stack):
    key = stack["CS_ADYEN_HMAC_KEY"]
    tampered = adyen_notification(key).replace(b'"value": 1000', b'"value": 9000')
    assert tampered != adyen_notification(key)
    with Client(stack["CS_GRPC_ADDRESS"]) as c:
        for body, secret in ((tampered, key), (adyen_notification(key), WRONG_HMAC_KEY)):
            with pytest.raises(ConnectorServiceError) as ei:
                c.handle_webhook("adyen", HEADERS, body, secret=secret)
            err = ei.value
            assert err.code is grpc.StatusCode.UNAUTHENTICATED
            assert err.reason == "BAD_SIGNATURE"
            assert err.reason_enum == ErrorReason.ERROR_REASON_BAD_SIGNATURE
            assert secret not in str(err) + repr(err) + str(err.metadata)
