"""Automatic idempotency keys, and retries that reuse them (against an in-process server)."""
from __future__ import annotations

import grpc
import pytest

from connectorservice_client import (
    AsyncClient,
    Client,
    ConnectorServiceError,
    RetryPolicy,
    types as cs,
    with_retry,
    with_retry_async,
)
from fakes import rpc_status

RETRYABLE = rpc_status(grpc.StatusCode.UNAVAILABLE, "processor 503", reason="PROCESSOR_ERROR",
                       metadata={"retryable": "true"}, retry_delay=0.01)
OUTCOME_UNKNOWN = rpc_status(grpc.StatusCode.UNKNOWN, "timed out after sending",
                             reason="OUTCOME_UNKNOWN", metadata={"retryable": "true"})
FATAL = rpc_status(grpc.StatusCode.INVALID_ARGUMENT, "amount: is required", reason="MISSING_FIELD",
                   field="amount", metadata={"retryable": "false"})


def auth_req(ref: str = "order-1") -> cs.AuthorizeRequest:
    return cs.AuthorizeRequest(connector="adyen", merchant_reference=ref,
                               amount=cs.Money(minor_amount=1000, currency_code="EUR"))


def test_auto_key_is_uuid_and_new_per_logical_call(fake):
    with Client(fake.address) as client:
        client.authorize(auth_req("a"))
        client.authorize(auth_req("a"))
    keys = [s.request.idempotency_key for s in fake.script.calls("Authorize")]
    assert len(keys) == 2 and all(len(k) == 36 and k.count("-") == 4 for k in keys)
    assert keys[0] != keys[1]


def test_retries_reuse_the_same_key_and_request_id(fake):
    fake.script.replies["Authorize"] = [RETRYABLE, OUTCOME_UNKNOWN, cs.Payment(status=6)]
    sleeps: list[float] = []
    with Client(fake.address, retry=RetryPolicy(max_attempts=3, initial_backoff=0.001)) as client:
        client._sleep = sleeps.append  # no real waiting
        res = client.authorize(auth_req())
    assert res.status == cs.PAYMENT_STATUS_AUTHORIZED
    calls = fake.script.calls("Authorize")
    assert len(calls) == 3
    assert len({c.request.idempotency_key for c in calls}) == 1
    assert len({c.metadata["x-request-id"] for c in calls}) == 1
    assert sleeps[0] >= 0.01  # RetryInfo honoured (10 ms > the 1 ms backoff)
    assert len(sleeps) == 2


def test_gives_up_after_max_attempts_with_the_key_on_the_error(fake):
    fake.script.replies["Authorize"] = [RETRYABLE]
    with Client(fake.address, retry=RetryPolicy(max_attempts=2, initial_backoff=0)) as client:
        client._sleep = lambda s: None
        with pytest.raises(ConnectorServiceError) as ei:
            client.authorize(auth_req())
    calls = fake.script.calls("Authorize")
    assert len(calls) == 2 and ei.value.attempts == 2
    assert ei.value.idempotency_key == calls[0].request.idempotency_key == calls[1].request.idempotency_key


def test_non_retryable_is_not_retried(fake):
    fake.script.replies["Authorize"] = [FATAL]
    with Client(fake.address, retry=RetryPolicy(max_attempts=5, initial_backoff=0)) as client:
        with pytest.raises(ConnectorServiceError) as ei:
            client.authorize(auth_req())
    assert len(fake.script.calls("Authorize")) == 1
    assert ei.value.reason == "MISSING_FIELD" and ei.value.field == "amount"


def test_explicit_key_wins_and_message_is_not_mutated(fake):
    req = auth_req()
    with Client(fake.address) as client:
        client.authorize(req, idempotency_key="my-key-1")
        req.idempotency_key = "in-request"
        client.authorize(req)
    assert [c.request.idempotency_key for c in fake.script.calls("Authorize")] == [
        "my-key-1", "in-request"]
    assert req.idempotency_key == "in-request"


def test_auto_idempotency_off_leaves_the_key_to_the_server(fake):
    with Client(fake.address, auto_idempotency=False) as client:
        client.authorize(auth_req())
    assert fake.script.calls("Authorize")[0].request.idempotency_key == ""


def test_reads_take_no_key(fake):
    with Client(fake.address) as client:
        client.get_payment(connector="stripe", connector_payment_id="pi_1")
        with pytest.raises((TypeError, ValueError)):
            client.get_payment(connector="stripe", idempotency_key="x")  # type: ignore[call-arg]


def test_with_retry_helper_same_key(fake):
    fake.script.replies["Capture"] = [RETRYABLE, RETRYABLE, cs.Payment(status=10)]
    with Client(fake.address) as client:
        res = with_retry(
            lambda key: client.capture(connector="adyen", connector_payment_id="PSP1",
                                       idempotency_key=key),
            RetryPolicy(max_attempts=3),
            sleep=lambda s: None,
        )
    assert res.status == cs.PAYMENT_STATUS_CAPTURE_PENDING
    keys = {c.request.idempotency_key for c in fake.script.calls("Capture")}
    assert len(fake.script.calls("Capture")) == 3 and len(keys) == 1


async def test_async_client_retries_with_same_key(fake):
    fake.script.replies["Authorize"] = [RETRYABLE, cs.Payment(status=6)]
    async with AsyncClient(fake.address, retry=RetryPolicy(initial_backoff=0.001)) as client:
        res = await client.authorize(auth_req())
    assert res.status == cs.PAYMENT_STATUS_AUTHORIZED
    calls = fake.script.calls("Authorize")
    assert len(calls) == 2 and calls[0].request.idempotency_key == calls[1].request.idempotency_key


async def test_with_retry_async_and_async_errors(fake):
    fake.script.replies["Authorize"] = [OUTCOME_UNKNOWN, FATAL]
    async with AsyncClient(fake.address) as client:
        with pytest.raises(ConnectorServiceError) as ei:
            await with_retry_async(
                lambda key: client.authorize(auth_req(), idempotency_key=key),
                RetryPolicy(max_attempts=4, initial_backoff=0.001),
            )
    assert ei.value.reason == "MISSING_FIELD" and ei.value.attempts == 2
    calls = fake.script.calls("Authorize")
    assert len(calls) == 2 and calls[0].request.idempotency_key == calls[1].request.idempotency_key


def test_policy_backoff():
    p = RetryPolicy(initial_backoff=0.1, multiplier=2, max_backoff=0.3, jitter=0)
    e = ConnectorServiceError(grpc.StatusCode.UNAVAILABLE, "x", metadata={"retryable": "true"})
    assert [p.delay(e, n) for n in (1, 2, 3, 4)] == [0.1, 0.2, 0.3, 0.3]
    e.retry_delay = 2.0
    assert p.delay(e, 1) == 2.0
    assert p.should_retry(e, 2) and not p.should_retry(e, 3)
    with pytest.raises(ValueError):
        RetryPolicy(max_attempts=0)
