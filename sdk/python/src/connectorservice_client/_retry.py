"""Retries of errors the service marks retryable, with one idempotency key for every attempt."""
from __future__ import annotations

import asyncio
import random
import time
import uuid
from dataclasses import dataclass
from typing import Awaitable, Callable, TypeVar

from ._errors import ConnectorServiceError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """When and how often to retry.

    Only errors whose ``ErrorInfo.metadata.retryable`` is ``"true"`` are retried
    (:attr:`ConnectorServiceError.retryable`); everything else is raised at once. The delay
    before attempt *n+1* is ``initial_backoff * multiplier**(n-1)`` (with ±``jitter``), capped
    at ``max_backoff``, and never less than the server's ``RetryInfo.retry_delay``.
    """

    max_attempts: int = 3
    initial_backoff: float = 0.2
    max_backoff: float = 5.0
    multiplier: float = 2.0
    jitter: float = 0.2  # fraction of the delay, each way

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")

    def should_retry(self, err: ConnectorServiceError, attempt: int) -> bool:
        return err.retryable and attempt < self.max_attempts

    def delay(self, err: ConnectorServiceError, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        base = min(self.max_backoff, self.initial_backoff * self.multiplier ** (attempt - 1))
        if self.jitter:
            base *= 1 + random.uniform(-self.jitter, self.jitter)
        if err.retry_delay is not None:
            base = max(base, err.retry_delay)
        return max(0.0, base)


NO_RETRY = RetryPolicy(max_attempts=1)


def new_idempotency_key() -> str:
    return str(uuid.uuid4())


def with_retry(
    call: Callable[[str], T],
    policy: RetryPolicy | None = None,
    *,
    idempotency_key: str | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run ``call(idempotency_key)`` until it succeeds, raises a non-retryable error, or the
    policy's attempts are spent. The key (``uuid4`` unless given) is the same on every attempt,
    so the service and the processor see one operation::

        payment = with_retry(lambda key: client.capture(req, idempotency_key=key))
    """
    policy = policy or RetryPolicy()
    key = idempotency_key or new_idempotency_key()
    attempt = 1
    while True:
        try:
            return call(key)
        except ConnectorServiceError as err:
            err.attempts = attempt
            if not policy.should_retry(err, attempt):
                raise
            sleep(policy.delay(err, attempt))
            attempt += 1


async def with_retry_async(
    call: Callable[[str], Awaitable[T]],
    policy: RetryPolicy | None = None,
    *,
    idempotency_key: str | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> T:
    """The asyncio form of :func:`with_retry`: ``call(key)`` returns an awaitable."""
    policy = policy or RetryPolicy()
    key = idempotency_key or new_idempotency_key()
    attempt = 1
    while True:
        try:
            return await call(key)
        except ConnectorServiceError as err:
            err.attempts = attempt
            if not policy.should_retry(err, attempt):
                raise
            await sleep(policy.delay(err, attempt))
            attempt += 1
