"""Redaction of secrets, and the metadata the client sends."""
from __future__ import annotations

import logging

import grpc
import pytest

from connectorservice_client import (
    Client, ConnectorServiceError, redact, redacted_text, secrets_of, types as cs,
)
from fakes import rpc_status

PAN = "4111111111111111"
CVC = "737"
APPLE = '{"data":"apple-secret-token-xyz"}'
GOOGLE = '{"signature":"google-secret-token-abc"}'


def card_request() -> cs.AuthorizeRequest:
    return cs.AuthorizeRequest(
        connector="adyen", merchant_reference="r1",
        amount=cs.Money(minor_amount=1000, currency_code="EUR"),
        payment_method=cs.PaymentMethod(card=cs.Card(number=PAN, cvc=CVC, expiry_month=3,
                                                     expiry_year=2030, holder_name="APPROVED")),
    )


def test_redact_card_returns_masked_copy():
    req = card_request()
    red = redact(req)
    assert red.payment_method.card.number == "411111…1111"
    assert red.payment_method.card.cvc == "[REDACTED]"
    assert red.payment_method.card.holder_name == "APPROVED"
    assert red.amount.minor_amount == 1000
    assert req.payment_method.card.number == PAN and req.payment_method.card.cvc == CVC
    text = redacted_text(req)
    assert PAN not in text and CVC not in text.replace("2030", "")


@pytest.mark.parametrize("arm,token", [("apple_pay", APPLE), ("google_pay", GOOGLE)])
def test_redact_wallet_tokens(arm, token):
    pm = cs.PaymentMethod(**{arm: {"payment_token": token}})
    req = cs.SetupMandateRequest(connector="stripe", payment_method=pm)
    red = redact(req)
    assert getattr(red.payment_method, arm).payment_token == "[REDACTED]"
    assert "secret-token" not in str(red) and "secret-token" in str(req)


def test_redact_leaves_other_messages_alone():
    ev = cs.Event(event_id="e1", amount=cs.Money(minor_amount=5, currency_code="EUR"))
    assert redact(ev) == ev


def test_logs_and_errors_never_carry_card_data(fake, caplog):
    # A server (or processor text) that echoes the card number in its message.
    fake.script.replies["Authorize"] = [rpc_status(
        grpc.StatusCode.INVALID_ARGUMENT, f"card {PAN} refused", reason="PROCESSOR_REJECTED",
        metadata={"retryable": "false", "processorMessage": f"bad card {PAN}"})]
    caplog.set_level(logging.DEBUG, logger="connectorservice_client")
    with Client(fake.address, api_key="sk-secret-api-key", merchant_account="m") as client:
        with pytest.raises(ConnectorServiceError) as ei:
            client.authorize(card_request())
    err = ei.value
    for text in (str(err), repr(err), err.message, str(err.metadata), caplog.text):
        assert PAN not in text
        assert "sk-secret-api-key" not in text
    assert "411111…1111" in err.message
    assert "authorize attempt 1" in caplog.text  # the request was logged, redacted
    assert 'cvc: "737"' not in caplog.text
    # the wire request itself is not redacted
    assert fake.script.calls("Authorize")[0].request.payment_method.card.number == PAN


def test_metadata_api_key_account_request_id(fake):
    with Client(fake.address, api_key="k1", merchant_account="adyen_demo") as client:
        client.authorize(card_request(), request_id="rid-1")
        client.authorize(card_request(), merchant_account="other")
    a, b = fake.script.calls("Authorize")
    assert a.metadata["authorization"] == "Bearer k1"
    assert a.metadata["x-merchant-account"] == "adyen_demo"
    assert a.metadata["x-request-id"] == "rid-1"
    assert b.metadata["x-merchant-account"] == "other"
    assert b.metadata["x-request-id"].startswith("py-")


def test_call_credentials_become_x_auth(fake):
    creds = {"api_key": "sim_adyen_api_key", "merchant_account": "DemoMerchantECOM"}
    with Client(fake.address, credentials=creds) as client:
        client.authorize(card_request())
    md = fake.script.calls("Authorize")[0].metadata
    assert md["x-auth-api-key"] == "sim_adyen_api_key"
    assert md["x-auth-merchant-account"] == "DemoMerchantECOM"
    assert "x-merchant-account" not in md and "authorization" not in md


def test_webhook_secret_goes_in_metadata_not_the_request(fake):
    with Client(fake.address) as client:
        res = client.handle_webhook("adyen", {"Content-Type": "application/json"}, b'{"a":1}',
                                    secret="00AA")
    assert res.acknowledgement == "[accepted]"
    seen = fake.script.calls("HandleWebhook")[0]
    assert seen.metadata["x-webhook-secret"] == "00AA"
    assert seen.request.body == b'{"a":1}' and seen.request.connector == "adyen"
    assert dict(seen.request.headers) == {"Content-Type": "application/json"}
    assert "00AA" not in str(seen.request)


def test_bad_arguments():
    client = Client("127.0.0.1:1")
    with pytest.raises(TypeError):
        client.authorize(cs.CaptureRequest())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        client.authorize(card_request(), connector="x")
    with pytest.raises(ValueError):
        client.authorize(card_request(), request_id="has space")
    assert "k1" not in repr(Client("127.0.0.1:1", api_key="k1"))
    client.close()


# ---- payment methods beyond cards ------------------------------------------------------------

DPAN = "4895370012003478"
CRYPTOGRAM = "AgAAAAAAAIR8CQrXcIhbQAAAAAA="
IBAN = "NL91ABNA0417164300"
ACCOUNT = "000123456789"


def network_token() -> cs.NetworkToken:
    return cs.NetworkToken(number=DPAN, expiry_month=12, expiry_year=2030, cryptogram=CRYPTOGRAM,
                           eci="05", holder_name="J. Doe")


def authorize_with(**method) -> cs.AuthorizeRequest:
    return cs.AuthorizeRequest(connector="adyen", merchant_reference="r2",
                               amount=cs.Money(minor_amount=1000, currency_code="EUR"),
                               payment_method=cs.PaymentMethod(**method))


def test_redact_network_token():
    req = authorize_with(network_token=network_token())
    nt = redact(req).payment_method.network_token
    assert (nt.number, nt.cryptogram) == ("489537…3478", "[REDACTED]")
    assert (nt.eci, nt.holder_name, nt.expiry_year) == ("05", "J. Doe", 2030)
    assert req.payment_method.network_token.number == DPAN
    assert req.payment_method.network_token.cryptogram == CRYPTOGRAM
    assert secrets_of(req) == [DPAN, CRYPTOGRAM]
    text = redacted_text(req)
    assert DPAN not in text and CRYPTOGRAM not in text and "489537…3478" in text


@pytest.mark.parametrize("arm", ["apple_pay", "google_pay"])
def test_redact_decrypted_wallet_token(arm):
    wallet = {"decrypted": network_token()}
    if arm == "apple_pay":
        wallet.update(network="Visa", display_name="Visa 0326", transaction_identifier="tx-1")
    req = authorize_with(**{arm: wallet})
    red = redact(req)
    got = getattr(red.payment_method, arm)
    assert got.WhichOneof("data") == "decrypted"  # masking the token arm must not switch the oneof
    assert (got.decrypted.number, got.decrypted.cryptogram) == ("489537…3478", "[REDACTED]")
    if arm == "apple_pay":
        assert (got.network, got.display_name, got.transaction_identifier) == ("Visa", "Visa 0326", "tx-1")
    orig = getattr(req.payment_method, arm)
    assert (orig.decrypted.number, orig.decrypted.cryptogram) == (DPAN, CRYPTOGRAM)
    assert secrets_of(req) == [DPAN, CRYPTOGRAM]
    assert DPAN not in str(red) and CRYPTOGRAM not in redacted_text(req)
    # the encrypted token arm is still masked, and stays the oneof's arm
    tok = redact(authorize_with(**{arm: {"payment_token": APPLE}}))
    assert getattr(tok.payment_method, arm).WhichOneof("data") == "payment_token"
    assert getattr(tok.payment_method, arm).payment_token == "[REDACTED]"


@pytest.mark.parametrize("iban,masked", [
    (IBAN, "NL91…4300"),
    ("nl91 abna 0417 1643 00", "NL91…4300"),
    ("NO9386011117947", "NO93…7947"),  # the shortest IBAN, 15 characters
    ("NL91ABNA04", "[REDACTED]"),
])
def test_redact_sepa_iban(iban, masked):
    req = authorize_with(sepa_debit=cs.SepaDebit(iban=iban, account_holder_name="J. Doe"))
    red = redact(req).payment_method.sepa_debit
    assert (red.iban, red.account_holder_name) == (masked, "J. Doe")
    assert req.payment_method.sepa_debit.iban == iban
    assert secrets_of(req) == [iban]


@pytest.mark.parametrize("number,masked", [
    (ACCOUNT, "…6789"), ("123456", "…3456"), ("12345", "[REDACTED]")])
def test_redact_ach_account_number(number, masked):
    req = authorize_with(ach_debit=cs.AchDebit(
        account_number=number, routing_number="110000000",
        account_type=cs.BANK_ACCOUNT_TYPE_SAVINGS, account_holder_name="J. Doe"))
    red = redact(req).payment_method.ach_debit
    assert (red.account_number, red.routing_number) == (masked, "110000000")
    assert red.account_type == cs.BANK_ACCOUNT_TYPE_SAVINGS
    assert req.payment_method.ach_debit.account_number == number
    assert secrets_of(req) == [number]


def test_redact_leaves_methods_without_secrets_and_order_details_alone():
    for method in ({"ideal": cs.Ideal(bank="ABNANL2A")}, {"bancontact": cs.Bancontact()},
                   {"klarna": cs.Klarna()}, {"upi_intent": cs.UpiIntent()}):
        req = authorize_with(**method)
        req.order.locale = "nl-NL"
        req.order.line_items.add(name="Shoe", quantity=1, unit_amount=1000)
        req.order.billing_address.country = "NL"
        req.customer.user_agent = "Mozilla/5.0"
        assert redact(req) == req and secrets_of(req) == []


def test_errors_never_carry_bank_or_token_secrets(fake):
    # A server echoing the IBAN and the cryptogram in its error texts.
    fake.script.replies["Authorize"] = [rpc_status(
        grpc.StatusCode.INVALID_ARGUMENT, f"iban {IBAN} refused", reason="PROCESSOR_REJECTED",
        metadata={"retryable": "false", "processorMessage": f"bad cryptogram {CRYPTOGRAM}"})]
    with Client(fake.address, merchant_account="m") as client:
        with pytest.raises(ConnectorServiceError) as ei:
            client.authorize(authorize_with(sepa_debit=cs.SepaDebit(iban=IBAN, account_holder_name="J")))
    err = ei.value
    for text in (str(err), repr(err), str(err.metadata)):
        assert IBAN not in text
    assert err.message == "iban [REDACTED] refused"
    assert err.processor_message == f"bad cryptogram {CRYPTOGRAM}"  # not this request's secret

    fake.script.replies["Authorize"] = [rpc_status(
        grpc.StatusCode.INVALID_ARGUMENT, f"token {DPAN}", reason="PROCESSOR_REJECTED",
        metadata={"retryable": "false", "processorMessage": f"bad cryptogram {CRYPTOGRAM}"})]
    with Client(fake.address, merchant_account="m") as client:
        with pytest.raises(ConnectorServiceError) as ei:
            client.authorize(authorize_with(apple_pay={"decrypted": network_token()}))
    err = ei.value
    assert err.processor_message == "bad cryptogram [REDACTED]"
    assert err.message == "token 489537…3478"
