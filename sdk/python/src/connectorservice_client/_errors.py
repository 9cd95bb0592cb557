"""Typed errors decoded from the google.rpc.Status in ``grpc-status-details-bin``."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import grpc
from google.protobuf.message import DecodeError
from google.rpc import error_details_pb2, status_pb2

from connectorservice.v1 import errors_pb2

#: ``ErrorInfo.domain`` of the errors this service raises.
ERROR_DOMAIN = "connectorservice.v1"

_DETAILS_KEY = "grpc-status-details-bin"
# Card-number-like digit runs (12-19 digits, optionally grouped by spaces or dashes): masked in
# every message the SDK keeps, in case a processor text echoed one.
_PAN_RE = re.compile(r"(?<!\d)(?:\d[ -]?){11,18}\d(?!\d)")


def scrub(text: str, secrets: Sequence[str] = ()) -> str:
    """Mask card-number-like digit runs in ``text`` (first 6 and last 4 digits are kept), then
    replace each of ``secrets`` (the request's secret values, at least 3 characters: an IBAN,
    a cryptogram, a wallet token) by ``[REDACTED]``."""

    def mask(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        return f"{digits[:6]}…{digits[-4:]}"

    out = _PAN_RE.sub(mask, text)
    for secret in sorted(secrets, key=len, reverse=True):
        if len(secret) >= 3:
            out = out.replace(secret, "[REDACTED]")
    return out


@dataclass(frozen=True)
class FieldViolation:
    """One ``google.rpc.BadRequest.FieldViolation``: the request field and what is wrong."""

    field: str
    description: str


class ConnectorServiceError(Exception):
    """A non-OK answer of Connector Service (or of the gRPC transport), decoded.

    ``reason`` is ``ErrorInfo.reason`` (e.g. ``"INVALID_FIELD"``; for a transport error without
    details, the gRPC code's name); ``reason_enum`` is the matching
    :class:`connectorservice.v1.errors_pb2.ErrorReason` value, or ``None`` for a reason this
    version does not know (switch on known reasons, fall back to ``code`` for the rest).
    """

    code: grpc.StatusCode
    message: str
    reason: str
    reason_enum: int | None
    domain: str
    metadata: dict[str, str]
    field: str | None
    field_violations: list[FieldViolation]
    retryable: bool
    retry_delay: float | None
    request_id: str | None
    processor_code: str | None
    processor_message: str | None
    idempotency_key: str | None
    attempts: int
    status: status_pb2.Status | None

    def __init__(
        self,
        code: grpc.StatusCode,
        message: str,
        *,
        reason: str = "",
        domain: str = "",
        metadata: Mapping[str, str] | None = None,
        field_violations: Iterable[FieldViolation] = (),
        retry_delay: float | None = None,
        request_id: str | None = None,
        idempotency_key: str | None = None,
        status: status_pb2.Status | None = None,
        has_error_info: bool = False,
        secrets: Sequence[str] = (),
    ) -> None:
        self.code = code
        self.message = scrub(message or "", secrets)
        self.reason = reason or code.name
        self.reason_enum = _reason_enum(self.reason)
        self.domain = domain
        self.metadata = {k: scrub(v, secrets) for k, v in (metadata or {}).items()}
        self.field_violations = [
            FieldViolation(v.field, scrub(v.description, secrets)) for v in field_violations
        ]
        self.field = self.metadata.get("field") or (
            self.field_violations[0].field if self.field_violations else None
        )
        self.retryable = self.metadata.get("retryable", "").lower() == "true"
        self.retry_delay = retry_delay
        self.request_id = request_id
        self.processor_code = _first(self.metadata, "processorCode", "processor_code")
        self.processor_message = _first(self.metadata, "processorMessage", "processor_message")
        self.idempotency_key = idempotency_key
        self.attempts = 1
        self.status = status
        self._has_error_info = has_error_info
        super().__init__(self.message)

    @property
    def connector(self) -> str | None:
        return self.metadata.get("connector")

    @property
    def flow(self) -> str | None:
        return self.metadata.get("flow")

    @property
    def is_outcome_unknown(self) -> bool:
        """True when the operation may have happened: ``Get`` it, or retry with the same key."""
        if self.reason == "OUTCOME_UNKNOWN":
            return True
        # A deadline that ran out client-side (or a lost connection) carries no ErrorInfo: the
        # request may have reached the service.
        return not self._has_error_info and self.code in (
            grpc.StatusCode.DEADLINE_EXCEEDED,
            grpc.StatusCode.UNKNOWN,
        )

    def __str__(self) -> str:
        parts = [f"{self.code.name}/{self.reason}: {self.message}"]
        if self.field:
            parts.append(f"field={self.field}")
        if self.request_id:
            parts.append(f"request_id={self.request_id}")
        return " ".join(parts)

    def __repr__(self) -> str:
        return (
            f"ConnectorServiceError(code={self.code.name}, reason={self.reason!r}, "
            f"message={self.message!r}, field={self.field!r}, retryable={self.retryable}, "
            f"request_id={self.request_id!r})"
        )

    # ---- decoding ----------------------------------------------------------------------------

    @classmethod
    def from_status(
        cls,
        status: status_pb2.Status,
        *,
        code: grpc.StatusCode | None = None,
        request_id: str | None = None,
        idempotency_key: str | None = None,
        secrets: Sequence[str] = (),
    ) -> "ConnectorServiceError":
        """Build the error from a ``google.rpc.Status`` (its ``details`` decoded)."""
        reason = ""
        domain = ""
        metadata: dict[str, str] = {}
        violations: list[FieldViolation] = []
        retry_delay: float | None = None
        has_info = False
        for any_msg in status.details:
            if any_msg.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
                info = error_details_pb2.ErrorInfo()
                any_msg.Unpack(info)
                if not has_info:
                    reason, domain, metadata = info.reason, info.domain, dict(info.metadata)
                    has_info = True
            elif any_msg.Is(error_details_pb2.BadRequest.DESCRIPTOR):
                bad = error_details_pb2.BadRequest()
                any_msg.Unpack(bad)
                violations.extend(
                    FieldViolation(v.field, v.description) for v in bad.field_violations
                )
            elif any_msg.Is(error_details_pb2.RetryInfo.DESCRIPTOR):
                ri = error_details_pb2.RetryInfo()
                any_msg.Unpack(ri)
                retry_delay = ri.retry_delay.seconds + ri.retry_delay.nanos / 1e9
        return cls(
            code or _code_of(status.code),
            status.message,
            reason=reason,
            domain=domain,
            metadata=metadata,
            field_violations=violations,
            retry_delay=retry_delay,
            request_id=request_id,
            idempotency_key=idempotency_key,
            status=status,
            has_error_info=has_info,
            secrets=secrets,
        )

    @classmethod
    def from_rpc_error(
        cls,
        err: grpc.RpcError,
        *,
        request_id: str | None = None,
        idempotency_key: str | None = None,
        secrets: Sequence[str] = (),
    ) -> "ConnectorServiceError":
        """Decode a ``grpc.RpcError`` (sync) or ``grpc.aio.AioRpcError``."""
        code = _call(err, "code") or grpc.StatusCode.UNKNOWN
        details = _call(err, "details") or ""
        trailing = _call(err, "trailing_metadata") or ()
        initial = _call(err, "initial_metadata") or ()
        echoed = _md_get(initial, "x-request-id") or _md_get(trailing, "x-request-id")
        rid = echoed if isinstance(echoed, str) else request_id
        raw = _md_get(trailing, _DETAILS_KEY)
        if isinstance(raw, (bytes, bytearray)):
            status = status_pb2.Status()
            try:
                status.ParseFromString(bytes(raw))
            except DecodeError:
                pass  # unreadable details: fall back to the code and message
            else:
                return cls.from_status(
                    status, code=code, request_id=rid, idempotency_key=idempotency_key,
                    secrets=secrets,
                )
        return cls(code, details, request_id=rid, idempotency_key=idempotency_key, secrets=secrets)


def _first(m: Mapping[str, str], *keys: str) -> str | None:
    for k in keys:
        if m.get(k):
            return m[k]
    return None


def _reason_enum(reason: str) -> int | None:
    try:
        return errors_pb2.ErrorReason.Value("ERROR_REASON_" + reason)
    except ValueError:
        return None


def _code_of(value: int) -> grpc.StatusCode:
    for c in grpc.StatusCode:
        if c.value[0] == value:
            return c
    return grpc.StatusCode.UNKNOWN


def _call(obj: Any, name: str) -> Any:
    fn = getattr(obj, name, None)
    if fn is None:
        return None
    try:
        return fn()
    except Exception:  # noqa: BLE001 - a call object without that piece of state
        return None


def _md_get(md: Any, key: str) -> Any:
    try:
        for k, v in md:
            if k.lower() == key:
                return v
    except (TypeError, ValueError):
        return None
    return None
