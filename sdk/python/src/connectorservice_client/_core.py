"""What the sync and asyncio clients share: the RPC table, metadata, requests and logging."""
from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import grpc
from google.protobuf.message import Message

from connectorservice.v1 import (
    dispute_pb2,
    dispute_pb2_grpc,
    event_pb2,
    event_pb2_grpc,
    payment_pb2,
    payment_pb2_grpc,
    recurring_pb2,
    recurring_pb2_grpc,
    refund_pb2,
    refund_pb2_grpc,
)

from ._redact import redacted_text
from ._retry import RetryPolicy

logger = logging.getLogger("connectorservice_client")

DEFAULT_TIMEOUT = 30.0
Metadata = Sequence[tuple[str, str]]
TLS = bool | grpc.ChannelCredentials


@dataclass(frozen=True)
class RpcSpec:
    name: str  # the client method, e.g. "authorize"
    service: str  # the stub attribute on the client
    method: str  # the stub method
    request_type: type[Message]
    mutating: bool  # takes an idempotency_key


RPCS: dict[str, RpcSpec] = {
    s.name: s
    for s in (
        RpcSpec("authorize", "_payments", "Authorize", payment_pb2.AuthorizeRequest, True),
        RpcSpec("capture", "_payments", "Capture", payment_pb2.CaptureRequest, True),
        RpcSpec("void", "_payments", "Void", payment_pb2.VoidRequest, True),
        RpcSpec("get_payment", "_payments", "Get", payment_pb2.GetPaymentRequest, False),
        RpcSpec("refund", "_payments", "Refund", payment_pb2.RefundRequest, True),
        RpcSpec("setup_mandate", "_payments", "SetupMandate", payment_pb2.SetupMandateRequest, True),
        RpcSpec(
            "complete_authorize",
            "_payments",
            "CompleteAuthorize",
            payment_pb2.CompleteAuthorizeRequest,
            True,
        ),
        RpcSpec("get_refund", "_refunds", "Get", refund_pb2.GetRefundRequest, False),
        RpcSpec("recurring_charge", "_recurring", "Charge", recurring_pb2.RecurringChargeRequest, True),
        RpcSpec("revoke_mandate", "_recurring", "Revoke", recurring_pb2.RevokeMandateRequest, True),
        RpcSpec("accept_dispute", "_disputes", "Accept", dispute_pb2.AcceptDisputeRequest, True),
        RpcSpec(
            "submit_evidence", "_disputes", "SubmitEvidence", dispute_pb2.SubmitEvidenceRequest, True
        ),
        RpcSpec("defend_dispute", "_disputes", "Defend", dispute_pb2.DefendDisputeRequest, True),
        RpcSpec("get_dispute", "_disputes", "Get", dispute_pb2.GetDisputeRequest, False),
        RpcSpec("handle_webhook", "_events", "HandleWebhook", event_pb2.HandleWebhookRequest, False),
    )
}

STUBS = {
    "_payments": payment_pb2_grpc.PaymentServiceStub,
    "_refunds": refund_pb2_grpc.RefundServiceStub,
    "_recurring": recurring_pb2_grpc.RecurringServiceStub,
    "_disputes": dispute_pb2_grpc.DisputeServiceStub,
    "_events": event_pb2_grpc.EventServiceStub,
}

_REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9\-_.:]{1,128}$")
_SECRET_MD = ("authorization", "x-webhook-secret")


def new_request_id() -> str:
    return "py-" + uuid.uuid4().hex


def build_request(spec: RpcSpec, request: Message | None, fields: Mapping[str, Any]) -> Message:
    """The request to send: a copy of ``request`` (never mutated), or one built from keywords."""
    if request is not None:
        if fields:
            raise TypeError(f"{spec.name}(): pass a request message or keyword fields, not both")
        if not isinstance(request, spec.request_type):
            raise TypeError(
                f"{spec.name}() takes a {spec.request_type.DESCRIPTOR.full_name}, "
                f"not {type(request).__name__}"
            )
        copy = spec.request_type()
        copy.CopyFrom(request)
        return copy
    return spec.request_type(**fields)


def credential_metadata(credentials: Mapping[str, str] | None) -> list[tuple[str, str]]:
    """``{"api_key": "…", "merchant_account": "…"}`` → ``x-auth-api-key``, ``x-auth-merchant-account``."""
    out = []
    for key, value in (credentials or {}).items():
        name = key.lower().replace("_", "-")
        if name.startswith("x-auth-"):
            name = name[len("x-auth-") :]
        out.append((f"x-auth-{name}", str(value)))
    return out


def safe_metadata(md: Metadata) -> list[tuple[str, str]]:
    """Metadata for a log line: secrets and call credentials masked."""
    return [
        (k, "[REDACTED]" if k in _SECRET_MD or k.startswith("x-auth-") else v) for k, v in md
    ]


class ClientConfig:
    """The options both clients take (see :class:`connectorservice_client.Client`)."""

    def __init__(
        self,
        *,
        api_key: str | None,
        merchant_account: str | None,
        credentials: Mapping[str, str] | None,
        default_timeout: float | None,
        retry: RetryPolicy | None,
        auto_idempotency: bool,
    ) -> None:
        self.api_key = api_key
        self.merchant_account = merchant_account
        self.credentials = dict(credentials or {})
        self.default_timeout = default_timeout
        self.retry = retry
        self.auto_idempotency = auto_idempotency

    def metadata(
        self,
        spec: RpcSpec,
        *,
        merchant_account: str | None,
        request_id: str,
        webhook_secret: str | None = None,
        extra: Metadata | None = None,
    ) -> list[tuple[str, str]]:
        md: list[tuple[str, str]] = [("x-request-id", request_id)]
        if self.api_key:
            md.append(("authorization", f"Bearer {self.api_key}"))
        account = merchant_account or self.merchant_account
        if account:
            md.append(("x-merchant-account", account))
        elif spec.name != "handle_webhook":
            md.extend(credential_metadata(self.credentials))
        if webhook_secret:
            md.append(("x-webhook-secret", webhook_secret))
        if extra:
            md.extend((k.lower(), v) for k, v in extra)
        return md

    def prepare(
        self,
        spec: RpcSpec,
        request: Message | None,
        fields: Mapping[str, Any],
        *,
        idempotency_key: str | None,
        request_id: str | None,
    ) -> tuple[Message, str | None, str]:
        """The request to send (with its idempotency key set), the key and the request id."""
        req = build_request(spec, request, fields)
        key: str | None = None
        if spec.mutating:
            key = idempotency_key or getattr(req, "idempotency_key") or None
            if key is None and self.auto_idempotency:
                key = str(uuid.uuid4())  # once per logical call: every retry reuses it
            if key is not None:
                setattr(req, "idempotency_key", key)
        elif idempotency_key:
            raise TypeError(f"{spec.name}() is a read: it takes no idempotency_key")
        rid = request_id or new_request_id()
        if not _REQUEST_ID_RE.match(rid):
            raise ValueError(
                "request_id: at most 128 characters of A-Z a-z 0-9 - _ . : (the service would "
                "replace it)"
            )
        return req, key, rid

    def timeout(self, timeout: float | None) -> float | None:
        return timeout if timeout is not None else self.default_timeout


def log_call(spec: RpcSpec, req: Message, md: Metadata, attempt: int) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s attempt %d: %s metadata=%s", spec.name, attempt, redacted_text(req), safe_metadata(md)
        )


def webhook_request(
    connector: str, headers: Mapping[str, str] | Sequence[tuple[str, str]] | None, body: bytes | str
) -> event_pb2.HandleWebhookRequest:
    items = headers.items() if isinstance(headers, Mapping) else (headers or [])
    merged: dict[str, str] = {}
    for k, v in items:
        merged[k] = f"{merged[k]}, {v}" if k in merged else str(v)
    raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
    return event_pb2.HandleWebhookRequest(connector=connector, headers=merged, body=raw)
