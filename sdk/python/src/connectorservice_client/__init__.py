"""Python client for Connector Service (``connectorservice.v1``).

    from connectorservice_client import Client, types as cs

    with Client("127.0.0.1:50051", merchant_account="adyen_demo") as client:
        payment = client.authorize(cs.AuthorizeRequest(...))
"""
from connectorservice.v1 import (
    common_pb2,
    dispute_pb2,
    errors_pb2,
    event_pb2,
    payment_pb2,
    recurring_pb2,
    refund_pb2,
)

from . import types
from ._aio import AsyncClient
from ._client import Client
from ._errors import ERROR_DOMAIN, ConnectorServiceError, FieldViolation
from ._redact import redact, redacted_text, secrets_of
from ._retry import RetryPolicy, new_idempotency_key, with_retry, with_retry_async
from .webhooks import WebhookSignatureError, parse_relay, sign_relay, verify_relay_signature

ErrorReason = errors_pb2.ErrorReason

__version__ = "0.1.0"

__all__ = [
    "AsyncClient",
    "Client",
    "ConnectorServiceError",
    "ERROR_DOMAIN",
    "ErrorReason",
    "FieldViolation",
    "RetryPolicy",
    "WebhookSignatureError",
    "common_pb2",
    "dispute_pb2",
    "errors_pb2",
    "event_pb2",
    "new_idempotency_key",
    "parse_relay",
    "payment_pb2",
    "recurring_pb2",
    "redact",
    "redacted_text",
    "refund_pb2",
    "secrets_of",
    "sign_relay",
    "types",
    "verify_relay_signature",
    "with_retry",
    "with_retry_async",
]
