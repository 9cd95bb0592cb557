"""The relay the service's HTTP webhook receiver POSTs to your sink: verify and parse it.

The receiver verifies the processor's signature, normalizes the delivery, and POSTs the
events to ``webhooks.sink_url`` as the proto3 JSON of ``connectorservice.v1.WebhookRelay``,
with ``X-Connector-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(signing_key, "<t>.<body>")>``.
"""
from __future__ import annotations

import hashlib
import json
import hmac
import time

from google.protobuf import json_format

from connectorservice.v1.event_pb2 import Event, WebhookRelay

SIGNATURE_HEADER = "X-Connector-Signature"
DEFAULT_TOLERANCE = 300

__all__ = [
    "DEFAULT_TOLERANCE",
    "SIGNATURE_HEADER",
    "Event",
    "WebhookRelay",
    "WebhookSignatureError",
    "parse_relay",
    "sign_relay",
    "verify_relay_signature",
]


class WebhookSignatureError(ValueError):
    """The relay's ``X-Connector-Signature`` is missing, malformed, wrong or too old.

    Answer the request with 401 and do not act on its body."""


def _key_bytes(signing_key: str | bytes) -> bytes:
    return signing_key.encode("utf-8") if isinstance(signing_key, str) else bytes(signing_key)


def _body_bytes(body: bytes | bytearray | memoryview | str) -> bytes:
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def sign_relay(body: bytes | str, signing_key: str | bytes, timestamp: int | None = None) -> str:
    """The ``X-Connector-Signature`` value the service would send for ``body`` (for tests)."""
    t = int(time.time()) if timestamp is None else int(timestamp)
    mac = hmac.new(_key_bytes(signing_key), f"{t}.".encode() + _body_bytes(body), hashlib.sha256)
    return f"t={t},v1={mac.hexdigest()}"


def verify_relay_signature(
    body: bytes | str,
    signature_header: str | None,
    signing_key: str | bytes,
    tolerance: int | float | None = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> int:
    """Check ``signature_header`` against ``body``; return its timestamp or raise
    :class:`WebhookSignatureError`. ``tolerance`` (seconds) bounds the age of the timestamp
    both ways (``None`` or ``0``: no bound), so a captured relay cannot be replayed later."""
    if not signature_header:
        raise WebhookSignatureError(f"missing {SIGNATURE_HEADER} header")
    if not signing_key:
        raise WebhookSignatureError("no signing key configured")
    timestamp: int | None = None
    candidates: list[str] = []
    for part in signature_header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            continue
        if name == "t":
            try:
                timestamp = int(value)
            except ValueError:
                raise WebhookSignatureError("malformed timestamp in signature header") from None
        elif name == "v1":
            candidates.append(value.strip().lower())
    if timestamp is None or not candidates:
        raise WebhookSignatureError("malformed signature header (want t=<unix>,v1=<hex>)")
    expected = hmac.new(
        _key_bytes(signing_key), f"{timestamp}.".encode() + _body_bytes(body), hashlib.sha256
    ).hexdigest()
    # Compare with every v1 (several during a key rotation), always in constant time.
    matched = False
    for c in candidates:
        matched |= hmac.compare_digest(expected.encode(), c.encode())
    if not matched:
        raise WebhookSignatureError("signature mismatch")
    if tolerance:
        current = time.time() if now is None else now
        if abs(current - timestamp) > tolerance:
            raise WebhookSignatureError(
                f"signature timestamp outside the tolerance of {tolerance} s"
            )
    return timestamp


def parse_relay(
    body: bytes | str,
    signature_header: str | None,
    signing_key: str | bytes,
    tolerance: int | float | None = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> WebhookRelay:
    """Verify a relay POST and parse it: ``relay.events`` are the same ``Event`` messages
    ``handle_webhook`` returns. Raises :class:`WebhookSignatureError` (answer 401) before
    looking at the body, and ``ValueError`` for a verified body
    that is not a relay. Unknown JSON fields (from a newer service) are ignored."""
    verify_relay_signature(body, signature_header, signing_key, tolerance, now=now)
    try:
        doc = json.loads(_body_bytes(body).decode("utf-8"))
        if not isinstance(doc, dict):
            raise ValueError("not a JSON object")
        return json_format.ParseDict(doc, WebhookRelay(), ignore_unknown_fields=True)
    except (ValueError, json_format.ParseError) as e:  # JSONDecodeError, UnicodeDecodeError too
        raise ValueError(f"the relay body is not a WebhookRelay: {e}") from None
