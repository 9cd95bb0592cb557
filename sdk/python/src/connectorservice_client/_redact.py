"""Masking of secret request fields for logs, reprs and error reports.

The fields the proto marks "secret": ``Card.number`` and ``NetworkToken.number`` (first6…last4),
``Card.cvc`` and ``NetworkToken.cryptogram`` ([REDACTED]), ``SepaDebit.iban`` (country, check
digits and last four: ``NL91…4300``), ``AchDebit.account_number`` (``…6789``), and the Apple Pay /
Google Pay ``payment_token`` ([REDACTED]; the wallets' ``decrypted`` arm is a NetworkToken).
"""
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


def _mask_iban(iban: str) -> str:
    compact = "".join(ch for ch in iban if ch.isascii() and ch.isalnum()).upper()
    if len(compact) >= 15:  # the shortest IBAN (Norway): at least 7 characters stay hidden
        return f"{compact[:4]}…{compact[-4:]}"
    return REDACTED if iban else ""


def _mask_account_number(number: str) -> str:
    compact = "".join(ch for ch in number if ch.isascii() and ch.isalnum())
    if len(compact) >= 6:
        return f"…{compact[-4:]}"
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
    if isinstance(msg, common_pb2.NetworkToken):
        if msg.number:
            msg.number = _mask_number(msg.number)
        if msg.cryptogram:
            msg.cryptogram = REDACTED
        return
    if isinstance(msg, common_pb2.SepaDebit):
        if msg.iban:
            msg.iban = _mask_iban(msg.iban)
        return
    if isinstance(msg, common_pb2.AchDebit):
        if msg.account_number:
            msg.account_number = _mask_account_number(msg.account_number)
        return
    if isinstance(msg, (common_pb2.ApplePay, common_pb2.GooglePay)):
        # Only when the token is the oneof's arm: assigning it would clear ``decrypted``.
        if msg.WhichOneof("data") == "payment_token" and msg.payment_token:
            msg.payment_token = REDACTED
        # falls through: ``decrypted`` is a NetworkToken
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
    """Return a copy of ``message`` with its secret fields masked wherever they are nested: card
    and network token ``number`` (first6…last4), card ``cvc``, network token ``cryptogram``,
    Apple Pay / Google Pay ``payment_token`` ([REDACTED]), SEPA ``iban`` (``NL91…4300``) and ACH
    ``account_number`` (``…6789``). The original is left untouched; use the copy for ``repr``,
    logging and error reports."""
    copy = type(message)()
    copy.CopyFrom(message)
    _walk(copy)
    return copy


def redacted_text(message: Message) -> str:
    """One-line text form of :func:`redact` ``(message)``, for log lines."""
    return f"{message.DESCRIPTOR.name}{{{text_format.MessageToString(redact(message), as_one_line=True)}}}"


_SECRET_FIELDS: dict[str, tuple[str, ...]] = {
    common_pb2.Card.DESCRIPTOR.full_name: ("number", "cvc"),
    common_pb2.NetworkToken.DESCRIPTOR.full_name: ("number", "cryptogram"),
    common_pb2.SepaDebit.DESCRIPTOR.full_name: ("iban",),
    common_pb2.AchDebit.DESCRIPTOR.full_name: ("account_number",),
    common_pb2.ApplePay.DESCRIPTOR.full_name: ("payment_token",),
    common_pb2.GooglePay.DESCRIPTOR.full_name: ("payment_token",),
}


def secrets_of(message: Message) -> list[str]:
    """The non-empty values of ``message``'s secret fields, wherever nested (the same fields
    :func:`redact` masks), to scrub from texts such as error messages."""
    found: list[str] = []

    def visit(msg: Message) -> None:
        for fd, value in msg.ListFields():
            if fd.message_type is None:
                if fd.name in _SECRET_FIELDS.get(msg.DESCRIPTOR.full_name, ()) and value:
                    found.append(value)
                continue
            if fd.message_type.GetOptions().map_entry:
                if fd.message_type.fields_by_name["value"].message_type is not None:
                    for v in value.values():
                        visit(v)
                continue
            if _is_repeated(fd):
                for item in value:
                    visit(item)
            else:
                visit(value)

    visit(message)
    return found
