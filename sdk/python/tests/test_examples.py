"""The examples run: the relay receiver (no stack needed) and the payment lifecycle (stack)."""
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


@pytest.mark.integration
@pytest.mark.parametrize("connector,aio", [("adyen", False), ("stripe", True)])
def test_payment_lifecycle_example(stack, connector, aio):
    account = stack["CS_ADYEN_ACCOUNT"] if connector == "adyen" else stack["CS_STRIPE_ACCOUNT"]
    cmd = [sys.executable, str(EXAMPLES / "payment_lifecycle.py"), "--target",
           stack["CS_GRPC_ADDRESS"], "--merchant-account", account, "--connector", connector]
    out = subprocess.run(cmd + (["--aio"] if aio else []), capture_output=True, text=True,
                         timeout=60, check=True).stdout
    lines = out.splitlines()
    assert len(lines) == 5, out
    assert "PAYMENT_STATUS_AUTHORIZED" in lines[0]
    if connector == "adyen":
        assert "PAYMENT_STATUS_CAPTURE_PENDING" in lines[1]
        assert "REFUND_STATUS_PENDING" in lines[2]
        assert "FAILED_PRECONDITION/NOT_SUPPORTED_BY_PROCESSOR" in lines[3]
    else:
        assert "PAYMENT_STATUS_PARTIALLY_CHARGED" in lines[1]
        assert "REFUND_STATUS_SUCCESS" in lines[2]
        assert "PAYMENT_STATUS_PARTIALLY_CHARGED" in lines[3]
    assert "PAYMENT_STATUS_FAILURE" in lines[4] and "DECLINE_CODE_INSUFFICIENT_FUNDS" in lines[4]
