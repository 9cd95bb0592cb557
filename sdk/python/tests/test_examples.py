"""The examples run end to end, as the README says to run them (subprocesses): the relay receiver
(no stack needed); checkout, subscription, 3DS and the webhook receiver against the session's
stack (``--target``), for each processor; and the webhook receiver's one-command demo, which starts
its own stack with the simulator's webhooks pointed at it."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from connectorservice_client import sign_relay
from test_integration import WRONG_HMAC_KEY, adyen_notification

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
KEY = "example-sink-signing-key"
RELAY = (b'{"connector":"adyen","merchantAccount":"adyen_demo","events":[{"type":"EVENT_TYPE_PAYMENT",'
         b'"eventId":"E1","connectorPaymentId":"PSP1","merchantReference":"order-9",'
         b'"amount":{"minorAmount":"1000","currencyCode":"EUR"},"paymentStatus":"PAYMENT_STATUS_CHARGED"}]}')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port: int, body: bytes, signature: str | None) -> int:
    req = urllib.request.Request(f"http://127.0.0.1:{port}/", data=body, method="POST")
    if signature is not None:
        req.add_header("X-Connector-Signature", signature)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_relay_receiver_example():
    port = free_port()
    env = dict(os.environ, CS_SINK_SIGNING_KEY=KEY)
    proc = subprocess.Popen([sys.executable, str(EXAMPLES / "relay_receiver.py"), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        assert post(port, RELAY, sign_relay(RELAY, KEY)) == 200
        assert post(port, RELAY, sign_relay(RELAY, "not-the-key")) == 401
        assert post(port, RELAY, None) == 401
        stale = sign_relay(RELAY, KEY, timestamp=int(time.time()) - 3600)
        assert post(port, RELAY, stale) == 401
        assert post(port, b"[]", sign_relay(b"[]", KEY)) == 400
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=5)
    assert "EVENT_TYPE_PAYMENT PAYMENT_STATUS_CHARGED payment=PSP1 ref=order-9 amount=1000 EUR" in out
    assert out.count("PSP1") == 1  # only the verified delivery was acted on


def run_example(stack: dict[str, str], script: str, *args: str, timeout: float = 60) -> list[str]:
    env = dict(os.environ, **stack)  # CS_SIM_URL, CS_SIM_CA for the 3DS page
    proc = subprocess.run([sys.executable, str(EXAMPLES / script), "--target",
                           stack["CS_GRPC_ADDRESS"], *args],
                          env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout.splitlines()


@pytest.mark.integration
@pytest.mark.parametrize("script,connector,aio", [("checkout.py", "adyen", False),
                                                  ("checkout.py", "stripe", True),
                                                  ("payment_lifecycle.py", "stripe", False)])
def test_checkout_example(stack, script, connector, aio):
    lines = run_example(stack, script, "--connector", connector, *(["--aio"] if aio else []))
    assert len(lines) == 6, lines
    assert "PAYMENT_STATUS_AUTHORIZED" in lines[0]
    if connector == "adyen":
        assert "PAYMENT_STATUS_CAPTURE_PENDING" in lines[1]
        assert "REFUND_STATUS_PENDING" in lines[2]
        assert "FAILED_PRECONDITION/NOT_SUPPORTED_BY_PROCESSOR" in lines[3]  # refund status
        assert "FAILED_PRECONDITION/NOT_SUPPORTED_BY_PROCESSOR" in lines[4]  # get payment
    else:
        assert "PAYMENT_STATUS_PARTIALLY_CHARGED" in lines[1] and "captured=15.00 EUR" in lines[1]
        refund_id = lines[2].split("refund=")[1].split()[0]
        assert "REFUND_STATUS_SUCCESS" in lines[2] and refund_id.startswith("re_")
        assert "REFUND_STATUS_SUCCESS" in lines[3] and f"refund={refund_id} amount=5.00 EUR" in lines[3]
        assert "PAYMENT_STATUS_PARTIALLY_CHARGED" in lines[4]
    assert "PAYMENT_STATUS_FAILURE" in lines[5] and "DECLINE_CODE_INSUFFICIENT_FUNDS" in lines[5]


@pytest.mark.integration
@pytest.mark.parametrize("connector", ["adyen", "stripe"])
def test_subscription_example(stack, connector):
    lines = run_example(stack, "subscription.py", "--connector", connector)
    assert len(lines) == 4, lines
    assert "MANDATE_STATUS_ACTIVE" in lines[0]
    if connector == "stripe":
        assert "mandate=pm_" in lines[0] and "customer=cus_" in lines[0]
    assert "PAYMENT_STATUS_CHARGED" in lines[1] and "amount=12.00 EUR" in lines[1]
    assert "MANDATE_STATUS_REVOKED" in lines[2]
    assert "INVALID_ARGUMENT/PROCESSOR_REJECTED" in lines[3]  # the revoked mandate is gone


@pytest.mark.integration
@pytest.mark.parametrize("connector,fail", [("adyen", False), ("stripe", False), ("stripe", True)])
def test_three_ds_example(stack, connector, fail):
    lines = run_example(stack, "three_ds.py", "--connector", connector, *(["--fail"] if fail else []))
    assert len(lines) == 4, lines
    assert "PAYMENT_STATUS_AUTHENTICATION_PENDING" in lines[0]
    assert f"HTTP_METHOD_GET {stack['CS_SIM_URL']}/" in lines[1]
    assert ("redirectResult" if connector == "adyen" else "redirect_status") in lines[2]
    if fail:
        assert "PAYMENT_STATUS_FAILURE" in lines[3] and "payment_intent_authentication_failure" in lines[3]
    else:
        assert "PAYMENT_STATUS_AUTHORIZED" in lines[3]


def post_webhook(port: int, path: str, body: bytes) -> tuple[int, str]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.mark.integration
def test_webhook_receiver_example_serving(stack):
    """Against a running service the receiver only serves: the test plays Adyen."""
    port = free_port()
    env = dict(os.environ, **stack)
    proc = subprocess.Popen([sys.executable, str(EXAMPLES / "webhook_receiver.py"), "--target",
                             stack["CS_GRPC_ADDRESS"], "--connector", "adyen", "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        body = adyen_notification(stack["CS_ADYEN_HMAC_KEY"])
        assert post_webhook(port, "/webhooks/adyen", body) == (200, "[accepted]")
        assert post_webhook(port, "/webhooks/adyen", body) == (200, "[accepted]")  # redelivered
        forged = adyen_notification(WRONG_HMAC_KEY)
        assert post_webhook(port, "/webhooks/adyen", forged)[0] == 401
        assert post_webhook(port, "/webhooks/adyen", b"{}")[0] == 400
        assert post_webhook(port, "/webhooks/nope", body)[0] == 404
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert proc.returncode == 0, out  # SIGTERM: a clean stop
    assert ("adyen: EVENT_TYPE_PAYMENT PAYMENT_STATUS_AUTHORIZED (AUTHORISATION) "
            "payment=PYWHPAYMENT00001 ref=py-wh-order amount=1000 EUR") in out, out
    assert "adyen: EVENT_TYPE_REFUND REFUND_STATUS_SUCCESS (REFUND) payment=PYWHPAYMENT00001" in out
    assert out.count("PYWHPAYMENT00001:AUTHORISATION:true") == 1, out  # de-duplicated
    assert "refused UNAUTHENTICATED/BAD_SIGNATURE" in out


@pytest.mark.integration
def test_webhook_receiver_example_one_command(stack):
    """No CS_GRPC_ADDRESS: the example starts its own stack whose simulator POSTs to it."""
    bin_dir = Path(os.environ.get("CS_BUILD_DIR") or "")
    if not (bin_dir / "sim" / "processor-sim").exists():
        pytest.skip("CS_BUILD_DIR has no processor-sim: the example cannot start its own stack")
    env = {k: v for k, v in os.environ.items() if k not in ("CS_GRPC_ADDRESS", "CS_STACK_ENV")}
    proc = subprocess.run([sys.executable, str(EXAMPLES / "webhook_receiver.py"),
                           "--connector", "stripe"], env=env, capture_output=True, text=True,
                          timeout=60)
    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "stripe: EVENT_TYPE_PAYMENT PAYMENT_STATUS_CHARGED (payment_intent.succeeded)" in out, out
    assert "stripe: EVENT_TYPE_REFUND REFUND_STATUS_SUCCESS" in out, out
    assert "demo: received the payment and refund webhooks" in out
