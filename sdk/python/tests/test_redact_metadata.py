"""Redaction of secrets, and the metadata the client sends."""
from __future__ import annotations

import logging

import grpc
import pytest

from connectorservice_client import Client, ConnectorServiceError, redact, redacted_text, types as cs
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
