"""What the examples share: where the stack is, the simulator's control API, and per-processor
test data, so that every example switches processors with one argument (``--connector``).

Where the examples find Connector Service, first match wins:

1. ``--target HOST:PORT`` or ``CS_GRPC_ADDRESS`` — a service that is already running. The examples
   that visit simulator pages (3DS) also read ``CS_SIM_URL`` and ``CS_SIM_CA``; the merchant
   accounts default to ``adyen_demo`` / ``stripe_demo`` (``CS_ADYEN_ACCOUNT``, ``CS_STRIPE_ACCOUNT``).
2. ``CS_STACK_ENV=DIR/env`` — the env file ``sdk/testing/stack.sh start DIR`` wrote.
3. Otherwise the example starts its own stack — processor-sim and connector-service from
   ``$CS_BUILD_DIR`` (default ``build/default`` in the repository) with ``sdk/testing/stack.sh``
   (the SDK's test fixture uses the same functions) — and stops it when it ends.

Standard library only (besides the SDK).
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Iterator

from connectorservice_client import types as cs

REPO = Path(__file__).resolve().parents[3]
STACK_SH = REPO / "sdk" / "testing" / "stack.sh"
STACK_TOML = REPO / "sdk" / "testing" / "stack.toml"
RETURN_URL = "https://shop.example/return"
CONNECTORS = ("adyen", "stripe")
DEFAULT_ACCOUNTS = {"CS_ADYEN_ACCOUNT": "adyen_demo", "CS_STRIPE_ACCOUNT": "stripe_demo"}
# The simulator's default webhook secrets (stack.sh passes the same ones to the service).
ADYEN_HMAC_KEY = "44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056"
STRIPE_WEBHOOK_SECRET = "whsec_processor_sim_stripe_0123456789abcdef"

# ---- per-processor test data (sim/README.md: "Adyen test values", "Stripe test cards") ---------

# Adyen: the outcome is chosen by the holder name; Stripe: by the card number.
_CARDS = {
    "adyen": {
        "ok": ("4111111111111111", "APPROVED"),
        "decline": ("4111111111111111", "NOT_ENOUGH_BALANCE"),
        "3ds": ("4111111111111111", "3DS_CHALLENGE"),
        "3ds-fail": ("4111111111111111", "3DS_FAIL"),
    },
    "stripe": {
        "ok": ("4242424242424242", "Jenny Rosen"),
        "decline": ("4000000000009995", "Jenny Rosen"),  # insufficient_funds
        "3ds": ("4000000000003220", "Jenny Rosen"),      # requires_action
        "3ds-fail": ("4000000000003220", "Jenny Rosen"),  # the shopper fails the challenge
    },
}


def card(connector: str, kind: str = "ok") -> cs.PaymentMethod:
    """A public test card (never a real one) that makes ``connector``'s simulator answer ``kind``."""
    number, holder = _CARDS[connector][kind]
    return cs.PaymentMethod(card=cs.Card(number=number, expiry_month=3, expiry_year=2030,
                                         cvc="737", holder_name=holder))


def eur(minor: int) -> cs.Money:
    return cs.Money(minor_amount=minor, currency_code="EUR")


def money(m: cs.Money) -> str:
    return f"{m.minor_amount / 100:.2f} {m.currency_code}"


def reference(prefix: str) -> str:
    return f"py-{prefix}-{int(time.time() * 1000) % 10**10}-{os.getpid()}"


# ---- command line -------------------------------------------------------------------------------


def parser(doc: str | None) -> argparse.ArgumentParser:
    """The options every example takes."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--connector", default="adyen", choices=CONNECTORS,
                   help="the processor (default adyen); nothing else changes")
    p.add_argument("--target", default=os.environ.get("CS_GRPC_ADDRESS"),
                   help="connector-service gRPC address (default $CS_GRPC_ADDRESS; "
                        "none: start a stack with sdk/testing/stack.sh)")
    p.add_argument("--merchant-account", default=None,
                   help="default: the stack's account for --connector (adyen_demo, stripe_demo)")
    p.add_argument("--api-key", default=os.environ.get("CS_API_KEY"))
    return p


def account(args: argparse.Namespace, env: dict[str, str]) -> str:
    if args.merchant_account:
        return str(args.merchant_account)
    var = f"CS_{args.connector.upper()}_ACCOUNT"
    return env.get(var) or DEFAULT_ACCOUNTS[var]


# ---- the stack ----------------------------------------------------------------------------------


def read_env(path: Path) -> dict[str, str]:
    """An env file as stack.sh writes it (KEY=value lines)."""
    env: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            k, v = line.split("=", 1)
            env[k.strip()] = " ".join(shlex.split(v)) if v.strip() else ""
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_stack(state_dir: Path, *, webhook_urls: dict[str, str] | None = None) -> dict[str, str]:
    """Start processor-sim and connector-service (stack.toml) and return what stack.sh writes to
    ``DIR/env``. Raises RuntimeError (with the logs) when they do not start.

    ``webhook_urls`` (``{"adyen": url, "stripe": url}``) makes the simulator POST its webhooks to
    those receivers instead of the service's HTTP port; stack.sh has no option for that, so this
    case starts the two binaries the way stack.sh does.
    """
    if not webhook_urls:
        proc = subprocess.run([str(STACK_SH), "start", str(state_dir)], capture_output=True,
                              text=True, timeout=60)
        if proc.returncode != 0:
            stop_stack(state_dir)
            raise RuntimeError(f"stack.sh start failed (CS_BUILD_DIR="
                               f"{os.environ.get('CS_BUILD_DIR')!r}):\n{proc.stdout}\n{proc.stderr}")
        return read_env(state_dir / "env")
    return _start_with_webhooks(state_dir, webhook_urls)


def _start_with_webhooks(d: Path, webhook_urls: dict[str, str]) -> dict[str, str]:
    bin_dir = Path(os.environ.get("CS_BUILD_DIR") or REPO / "build" / "default")
    sim_bin, svc_bin = bin_dir / "sim" / "processor-sim", bin_dir / "service" / "connector-service"
    for b in (sim_bin, svc_bin):
        if not os.access(b, os.X_OK):
            raise RuntimeError(f"{b} is missing: build first (scripts/build.sh), or set CS_BUILD_DIR")
    d.mkdir(parents=True, exist_ok=True)
    (d / "port").unlink(missing_ok=True)
    hooks = [a for c, url in webhook_urls.items() for a in (f"--{c}-webhook-url", url)]
    with open(d / "sim.log", "wb") as log:
        sim = subprocess.Popen([str(sim_bin), "--state-dir", str(d), *hooks], stdout=log, stderr=log)
    (d / "sim.pid").write_text(str(sim.pid))
    for _ in range(100):
        if (d / "port").is_file() and (d / "port").read_text().strip():
            break
        time.sleep(0.1)
    else:
        stop_stack(d)
        raise RuntimeError("the simulator did not start:\n" + (d / "sim.log").read_text())
    sim_url = f"https://127.0.0.1:{(d / 'port').read_text().strip()}"
    grpc_port, http_port = free_port(), free_port()
    env = dict(os.environ,
               CS_SERVER__GRPC_ADDRESS=f"127.0.0.1:{grpc_port}",
               CS_SERVER__HTTP_ADDRESS=f"127.0.0.1:{http_port}",
               CS_TLS__CA_FILE=str(d / "ca.pem"),
               CS_CONNECTORS__ADYEN__BASE_URLS__DEFAULT=f"{sim_url}/adyen/v71",
               CS_CONNECTORS__ADYEN__BASE_URLS__DISPUTES=f"{sim_url}/adyen/ca/services/DisputeService/v30",
               CS_CONNECTORS__STRIPE__BASE_URLS__DEFAULT=f"{sim_url}/stripe")
    with open(d / "service.log", "wb") as log:
        svc = subprocess.Popen([str(svc_bin), "serve", "--config", str(STACK_TOML)],
                               stdout=log, stderr=log, env=env)
    (d / "service.pid").write_text(str(svc.pid))
    for _ in range(150):
        if b"serving gRPC" in (d / "service.log").read_bytes() or svc.poll() is not None:
            break
        time.sleep(0.1)
    if b"serving gRPC" not in (d / "service.log").read_bytes():
        stop_stack(d)
        raise RuntimeError("the service did not start:\n" + (d / "service.log").read_text())
    values = {
        "CS_GRPC_ADDRESS": f"127.0.0.1:{grpc_port}", "CS_HTTP_ADDRESS": f"127.0.0.1:{http_port}",
        "CS_SIM_URL": sim_url, "CS_SIM_CA": str(d / "ca.pem"), **DEFAULT_ACCOUNTS,
        "CS_ADYEN_HMAC_KEY": ADYEN_HMAC_KEY, "CS_STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
    }
    (d / "env").write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    return values


def stop_stack(state_dir: Path) -> None:
    """SIGTERM both processes (stack.sh stop); the logs stay in ``state_dir``."""
    subprocess.run([str(STACK_SH), "stop", str(state_dir)], capture_output=True, timeout=30)


@contextlib.contextmanager
def stack(target: str | None = None, *,
          webhook_urls: dict[str, str] | None = None) -> Iterator[dict[str, str]]:
    """The stack to talk to (see the module's docstring): an env dict with at least
    ``CS_GRPC_ADDRESS``. Starts (and at exit stops) one when none is given."""
    if target or os.environ.get("CS_GRPC_ADDRESS"):
        env = {**DEFAULT_ACCOUNTS, **{k: v for k, v in os.environ.items() if k.startswith("CS_")}}
        env["CS_GRPC_ADDRESS"] = target or os.environ["CS_GRPC_ADDRESS"]
        yield env
        return
    if os.environ.get("CS_STACK_ENV") and not webhook_urls:
        yield {**DEFAULT_ACCOUNTS, **read_env(Path(os.environ["CS_STACK_ENV"]))}
        return
    d = Path(tempfile.mkdtemp(prefix="cs-example-"))
    print(f"(starting processor-sim and connector-service in {d})", file=sys.stderr, flush=True)
    try:
        env = start_stack(d, webhook_urls=webhook_urls)
    except RuntimeError as e:
        sys.exit(f"could not start the stack: {e}")
    ok = False
    try:
        yield env
        ok = True
    finally:
        stop_stack(d)
        if ok:
            shutil.rmtree(d, ignore_errors=True)
        else:
            print(f"(stack logs kept in {d})", file=sys.stderr)


# ---- the simulator over HTTPS (its CA only) -----------------------------------------------------


def sim_tls(env: dict[str, str]) -> ssl.SSLContext:
    """TLS that trusts only the simulator's CA (``CS_SIM_CA``), verification on."""
    ca = env.get("CS_SIM_CA")
    if not ca:
        raise SystemExit("CS_SIM_CA is not set: the simulator's CA (DIR/ca.pem) is needed")
    return ssl.create_default_context(cafile=ca)


def sim_control(env: dict[str, str], method: str, path: str, body: Any = None) -> Any:
    """Call the simulator's control API (``/_sim/...``); answers the decoded JSON."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(env["CS_SIM_URL"] + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, context=sim_tls(env), timeout=10) as r:
        return json.loads(r.read() or b"null")


def split_url(url: str) -> tuple[str, int, str]:
    u = urllib.parse.urlsplit(url)
    return u.hostname or "", u.port or 443, (u.path or "/") + (f"?{u.query}" if u.query else "")
