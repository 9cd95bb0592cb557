"""Fixtures: an in-process fake service for unit tests; the real stack for integration tests.

The stack (processor-sim + connector-service, sdk/testing/stack.sh) starts once per session.
Binaries come from $CS_BUILD_DIR. To use a stack that is already running, set CS_STACK_ENV to its
env file. CS_SKIP_INTEGRATION=1 skips the integration tests; otherwise a stack that cannot start
is an error, not a skip.
"""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from fakes import FakeServer

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
STACK_SH = REPO / "sdk" / "testing" / "stack.sh"


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    server = FakeServer()
    try:
        yield server
    finally:
        server.stop()


def _read_env(path: Path) -> dict[str, str]:
    env: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            k, v = line.split("=", 1)
            env[k.strip()] = " ".join(shlex.split(v)) if v.strip() else ""
    return env


@pytest.fixture(scope="session")
def stack(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    if os.environ.get("CS_SKIP_INTEGRATION") == "1":
        pytest.skip("CS_SKIP_INTEGRATION=1")
    if os.environ.get("CS_STACK_ENV"):
        yield _read_env(Path(os.environ["CS_STACK_ENV"]))
        return
    d = Path(tempfile.mkdtemp(prefix="cs-sdk-python-"))
    proc = subprocess.run(
        [str(STACK_SH), "start", str(d)], capture_output=True, text=True, timeout=60
    )
    if proc.returncode != 0:
        subprocess.run([str(STACK_SH), "stop", str(d)], capture_output=True)
        # the logs stay in d
        pytest.fail(
            f"stack.sh start failed (CS_BUILD_DIR={os.environ.get('CS_BUILD_DIR')!r}):\n"
            f"{proc.stdout}\n{proc.stderr}",
            pytrace=False,
        )
    try:
        yield _read_env(d / "env")
    finally:
        subprocess.run([str(STACK_SH), "stop", str(d)], capture_output=True, timeout=30)
        if request.session.testsfailed or os.environ.get("CS_KEEP_STACK_LOGS") == "1":
            print(f"\nstack logs kept in {d}")
        else:
            shutil.rmtree(d, ignore_errors=True)
