"""Decoding google.rpc.Status into ConnectorServiceError."""
from __future__ import annotations

import grpc
import pytest

from connectorservice_client import Client, ConnectorServiceError, ErrorReason, errors_pb2
from fakes import DETAILS_KEY, rpc_status


class FakeRpcError(grpc.RpcError):
    """What grpc raises: an RpcError that is also a Call (code, details, metadata)."""

    def __init__(self, code, details, trailing=(), initial=()):
        self._code, self._details, self._trailing, self._initial = code, details, trailing, initial

    def code(self):
        return self._code

    def details(self):
        return self._details

    def trailing_metadata(self):
        return self._trailing

    def initial_metadata(self):
        return self._initial


def test_decodes_serialized_status_with_every_detail():
    st = rpc_status(
        grpc.StatusCode.RESOURCE_EXHAUSTED,
        "too many requests in flight",
        reason="OVERLOADED",
        metadata={"connector": "adyen", "flow": "authorize", "retryable": "true"},
        retry_delay=1.25,
    )
    raw = st.SerializeToString()  # the bytes of grpc-status-details-bin
    err = ConnectorServiceError.from_rpc_error(
        FakeRpcError(
            grpc.StatusCode.RESOURCE_EXHAUSTED,
            st.message,
            trailing=((DETAILS_KEY, raw),),
            initial=(("x-request-id", "req-42"),),
        ),
        idempotency_key="k-1",
    )
    assert err.code is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert err.reason == "OVERLOADED"
    assert err.reason_enum == ErrorReason.ERROR_REASON_OVERLOADED
    assert err.domain == "connectorservice.v1"
    assert err.connector == "adyen" and err.flow == "authorize"
    assert err.retryable is True
    assert err.retry_delay == pytest.approx(1.25)
    assert err.request_id == "req-42"
    assert err.idempotency_key == "k-1"
    assert not err.is_outcome_unknown
    assert err.field is None and err.field_violations == []


def test_field_and_processor_metadata():
    st = rpc_status(
        grpc.StatusCode.INVALID_ARGUMENT,
        "payment_method.card.number: fails the Luhn check",
        reason="INVALID_FIELD",
        field="payment_method.card.number",
        metadata={"retryable": "false", "processorCode": "card_declined",
                  "processorMessage": "Your card was declined."},
    )
    err = ConnectorServiceError.from_status(st)
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.reason_enum == errors_pb2.ERROR_REASON_INVALID_FIELD
    assert err.field == "payment_method.card.number"
    assert [(v.field, v.description) for v in err.field_violations] == [
        ("payment_method.card.number", "payment_method.card.number: fails the Luhn check")
    ]
    assert err.retryable is False
    assert err.processor_code == "card_declined"
    assert err.processor_message == "Your card was declined."
    assert "INVALID_ARGUMENT/INVALID_FIELD" in str(err)


def test_outcome_unknown_and_unknown_reason():
    st = rpc_status(grpc.StatusCode.UNKNOWN, "may have happened", reason="OUTCOME_UNKNOWN",
                    metadata={"retryable": "true"})
    assert ConnectorServiceError.from_status(st).is_outcome_unknown
    future = rpc_status(grpc.StatusCode.ABORTED, "new", reason="IDEMPOTENCY_IN_PROGRESS")
    err = ConnectorServiceError.from_status(future)
    assert err.reason == "IDEMPOTENCY_IN_PROGRESS" and err.reason_enum is None
    assert err.code is grpc.StatusCode.ABORTED


def test_transport_error_without_details():
    err = ConnectorServiceError.from_rpc_error(
        FakeRpcError(grpc.StatusCode.DEADLINE_EXCEEDED, "Deadline Exceeded"), request_id="mine"
    )
    assert err.reason == "DEADLINE_EXCEEDED" and err.reason_enum is None
    assert err.retryable is False
    assert err.is_outcome_unknown  # a client-side deadline: the request may have arrived
    assert err.request_id == "mine"


def test_garbage_details_fall_back_to_code():
    err = ConnectorServiceError.from_rpc_error(
        FakeRpcError(grpc.StatusCode.INTERNAL, "boom", trailing=((DETAILS_KEY, b"\xff\xff\xff"),))
    )
    assert err.code is grpc.StatusCode.INTERNAL and err.reason == "INTERNAL"


def test_over_the_wire(fake):
    """The Status travels through a real gRPC server and client."""
    fake.script.replies["Authorize"] = [
        rpc_status(grpc.StatusCode.INVALID_ARGUMENT, "merchant_reference: is required",
                   reason="MISSING_FIELD", field="merchant_reference",
                   metadata={"connector": "adyen", "flow": "authorize", "retryable": "false"})
    ]
    with Client(fake.address, merchant_account="adyen_demo") as client:
        with pytest.raises(ConnectorServiceError) as ei:
            client.authorize(connector="adyen", request_id="wire-1")
    err = ei.value
    assert err.code is grpc.StatusCode.INVALID_ARGUMENT
    assert err.reason == "MISSING_FIELD" and err.field == "merchant_reference"
    assert err.request_id == "wire-1"
    assert err.attempts == 1
    assert err.__cause__ is None  # the raw RpcError is not chained into tracebacks/logs
