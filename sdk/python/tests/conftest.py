"""Fixtures: an in-process fake service for unit tests; the real stack for integration tests.

The stack (processor-sim + connector-service, sdk/testing/stack.sh) starts once per session.
Binaries come from $CS_BUILD_DIR. To use a stack that is already running, set CS_STACK_ENV to its
env file. CS_SKIP_INTEGRATION=1 skips the integration tests; otherwise a stack that cannot start
is an error, not a skip.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from fakes import FakeServer

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples"
sys.path.insert(0, str(EXAMPLES))

# The examples start their stack with the same code (examples/_common.py, around stack.sh).
from _common import read_env, start_stack, stop_stack  # noqa: E402


@pytest.fixture
def fake() -> Iterator[FakeServer]:
    server = FakeServer()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def stack(request: pytest.FixtureRequest) -> Iterator[dict[str, str]]:
    if os.environ.get("CS_SKIP_INTEGRATION") == "1":
        pytest.skip("CS_SKIP_INTEGRATION=1")
    if os.environ.get("CS_STACK_ENV"):
        yield read_env(Path(os.environ["CS_STACK_ENV"]))
        return
    d = Path(tempfile.mkdtemp(prefix="cs-sdk-python-"))
    try:
        env = start_stack(d)
    except RuntimeError as e:  # the logs stay in d
        pytest.fail(str(e), pytrace=False)
    try:
        yield env
    finally:
        stop_stack(d)
        if request.session.testsfailed or os.environ.get("CS_KEEP_STACK_LOGS") == "1":
            print(f"\nstack logs kept in {d}")
        else:
            shutil.rmtree(d, ignore_errors=True)
