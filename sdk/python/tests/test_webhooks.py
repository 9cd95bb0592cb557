"""Relay signature verification and proto3 JSON parsing."""
from __future__ import annotations

import time

import pytest

from connectorservice_client import (
    WebhookSignatureError,
    event_pb2,
    common_pb2,
    parse_relay,
    sign_relay,
)

KEY = "sink-signing-key-0123456789"
# Proto3 JSON exactly as api/relay_body.cpp prints a WebhookRelay (MessageToJsonString defaults).
BODY = (
    b'{"connector":"adyen","merchantAccount":"adyen_demo","events":[{"type":"EVENT_TYPE_PAYMENT",'
    b'"eventId":"PSP0001:AUTHORISATION:true","processorEventCode":"AUTHORISATION",'
    b'"connectorPaymentId":"PSP0001","merchantReference":"order-1",'
    b'"amount":{"minorAmount":"1000","currencyCode":"EUR"},"paymentStatus":"PAYMENT_STATUS_AUTHORIZED"},'
    b'{"type":"EVENT_TYPE_REFUND","eventId":"REF1:REFUND:false","connectorRefundId":"REF1",'
    b'"connectorPaymentId":"PSP0001","refundStatus":"REFUND_STATUS_FAILURE",'
    b'"error":{"declineCode":"DECLINE_CODE_INSUFFICIENT_FUNDS","processorCode":"12","retryable":true},'
    b'"someFutureField":"ignored"}]}'
)


def test_accepts_a_good_signature_and_parses_events():
    relay = parse_relay(BODY, sign_relay(BODY, KEY), KEY)
    assert isinstance(relay, event_pb2.WebhookRelay)
    assert relay.connector == "adyen" and relay.merchant_account == "adyen_demo"
    auth, refund = relay.events
    assert isinstance(auth, event_pb2.Event)  # the type handle_webhook returns
    assert auth.type == event_pb2.EVENT_TYPE_PAYMENT
    assert auth.payment_status == common_pb2.PAYMENT_STATUS_AUTHORIZED
    assert auth.amount.minor_amount == 1000 and auth.amount.currency_code == "EUR"
    assert auth.event_id == "PSP0001:AUTHORISATION:true"
    assert refund.refund_status == common_pb2.REFUND_STATUS_FAILURE
    assert refund.error.decline_code == common_pb2.DECLINE_CODE_INSUFFICIENT_FUNDS
    assert refund.error.retryable is True


def test_accepts_str_body_and_bytes_key():
    relay = parse_relay(BODY.decode(), sign_relay(BODY, KEY.encode()), KEY.encode())
    assert len(relay.events) == 2


def test_known_signature_vector():
    # HMAC-SHA256("sink-signing-key-0123456789", "1700000000.{}") computed independently.
    import hashlib, hmac

    mac = hmac.new(KEY.encode(), b"1700000000.{}", hashlib.sha256).hexdigest()
    assert sign_relay(b"{}", KEY, timestamp=1700000000) == f"t=1700000000,v1={mac}"
    parse_relay(b"{}", f"t=1700000000,v1={mac.upper()}", KEY, now=1700000100)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda b, h: (b.replace(b'"1000"', b'"9000"'), h),  # tampered body
        lambda b, h: (b, sign_relay(b, "another-signing-key")),  # wrong key
        lambda b, h: (b, h.replace("v1=", "v1=00")),  # garbled digest
        lambda b, h: (b, None),  # missing header
        lambda b, h: (b, ""),
        lambda b, h: (b, "v1=abcdef"),  # no timestamp
        lambda b, h: (b, "t=notanumber,v1=abcdef"),
        lambda b, h: (b, h.split(",")[0]),  # no v1
    ],
    ids=["tampered", "wrong-key", "garbled", "missing", "empty", "no-t", "bad-t", "no-v1"],
)
def test_rejects(mutate):
    body, header = mutate(BODY, sign_relay(BODY, KEY))
    with pytest.raises(WebhookSignatureError):
        parse_relay(body, header, KEY)


def test_rejects_stale_and_future_timestamps():
    old = int(time.time()) - 301
    with pytest.raises(WebhookSignatureError, match="tolerance"):
        parse_relay(BODY, sign_relay(BODY, KEY, timestamp=old), KEY)
    future = int(time.time()) + 301
    with pytest.raises(WebhookSignatureError, match="tolerance"):
        parse_relay(BODY, sign_relay(BODY, KEY, timestamp=future), KEY)
    # inside the window, and a wider tolerance
    parse_relay(BODY, sign_relay(BODY, KEY, timestamp=old + 2), KEY)
    parse_relay(BODY, sign_relay(BODY, KEY, timestamp=old - 1000), KEY, tolerance=2000)


def test_rotation_any_v1_matches():
    good = sign_relay(BODY, KEY, timestamp=int(time.time()))
    t, v1 = good.split(",")
    parse_relay(BODY, f"{t},v1={'0' * 64},{v1}", KEY)


def test_no_key_is_an_error():
    with pytest.raises(WebhookSignatureError):
        parse_relay(BODY, sign_relay(BODY, KEY), "")


@pytest.mark.parametrize("body", [b"not json", b"[]", b'"x"', b'{"events":"nope"}', b"\xff\xfe"])
def test_verified_garbage_is_a_value_error(body):
    with pytest.raises(ValueError) as ei:
        parse_relay(body, sign_relay(body, KEY), KEY)
    assert not isinstance(ei.value, WebhookSignatureError)
