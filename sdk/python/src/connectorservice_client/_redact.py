"""Masking of secret request fields for logs, reprs and error reports."""
from __future__ import annotations

from typing import Any, TypeVar

from google.protobuf import text_format
from google.protobuf.message import Message

from connectorservice.v1 import common_pb2

M = TypeVar("M", bound=Message)

REDACTED = "[REDACTED]"


def _mask_number(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) >= 12:
        return f"{digits[:6]}…{digits[-4:]}"
    return REDACTED if number else ""


def _is_repeated(fd: Any) -> bool:
    rep = getattr(fd, "is_repeated", None)
    if rep is not None:
        return bool(rep)
    return bool(fd.label == fd.LABEL_REPEATED)


def _walk(msg: Message) -> None:
    if isinstance(msg, common_pb2.Card):
        if msg.number:
            msg.number = _mask_number(msg.number)
        if msg.cvc:
            msg.cvc = REDACTED
        return
    if isinstance(msg, (common_pb2.ApplePay, common_pb2.GooglePay)):
        if msg.payment_token:
            msg.payment_token = REDACTED
        return
    for fd, value in msg.ListFields():
        if fd.message_type is None:
            continue
        if fd.message_type.GetOptions().map_entry:
            # map<string, Message> values; this API's maps are string → string only
            if fd.message_type.fields_by_name["value"].message_type is not None:
                for v in value.values():
                    _walk(v)
            continue
        if _is_repeated(fd):
            for item in value:
                _walk(item)
        else:
            _walk(value)


def redact(message: M) -> M:
    """Return a copy of ``message`` with card ``number`` (first6…last4), card ``cvc`` and Apple
    Pay / Google Pay ``payment_token`` masked, wherever they are nested. The original is left
    untouched; use the copy for ``repr``, logging and error reports."""
    copy = type(message)()
    copy.CopyFrom(message)
    _walk(copy)
    return copy


def redacted_text(message: Message) -> str:
    """One-line text form of :func:`redact` ``(message)``, for log lines."""
    return f"{message.DESCRIPTOR.name}{{{text_format.MessageToString(redact(message), as_one_line=True)}}}"
