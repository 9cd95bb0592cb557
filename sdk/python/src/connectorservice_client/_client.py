"""The synchronous client: one method per RPC of Connector Service."""
from __future__ import annotations

import time
from typing import Any, Awaitable, Callable, Mapping, Sequence

import grpc

from google.protobuf.message import Message

from connectorservice.v1.dispute_pb2 import (
    AcceptDisputeRequest,
    DefendDisputeRequest,
    Dispute,
    GetDisputeRequest,
    SubmitEvidenceRequest,
)
from connectorservice.v1.event_pb2 import HandleWebhookResponse
from connectorservice.v1.payment_pb2 import (
    AuthorizeRequest,
    CaptureRequest,
    CompleteAuthorizeRequest,
    GetPaymentRequest,
    Payment,
    Refund,
    RefundRequest,
    SetupMandateRequest,
    SetupMandateResponse,
    VoidRequest,
)
from connectorservice.v1.recurring_pb2 import (
    RecurringChargeRequest,
    RevokeMandateRequest,
    RevokeMandateResponse,
)
from connectorservice.v1.refund_pb2 import GetRefundRequest

from ._core import (
    DEFAULT_TIMEOUT,
    RPCS,
    STUBS,
    TLS,
    ClientConfig,
    Metadata,
    RpcSpec,
    log_call,
    logger,
    webhook_request,
)
from ._errors import ConnectorServiceError
from ._redact import secrets_of
from ._retry import NO_RETRY, RetryPolicy


class Client:
    """The synchronous client: one method per RPC of Connector Service.

    Every RPC method takes its request message, or the request's fields as keywords
    (``client.get_payment(connector="stripe", connector_payment_id="pi_…")``), plus:
    ``timeout`` (seconds), ``merchant_account``, ``idempotency_key`` (mutating calls),
    ``request_id`` (sent as ``x-request-id``), ``retry`` (a :class:`RetryPolicy`) and
    ``metadata`` (extra gRPC metadata). Failures raise :class:`ConnectorServiceError`.

    Args:
        address: ``host:port`` of the gRPC port.
        tls: ``False`` for plaintext, ``True`` for TLS with the system roots, or a
            ``grpc.ChannelCredentials`` (e.g. ``grpc.ssl_channel_credentials(root, key, chain)``
            for mutual TLS).
        api_key: sent as ``authorization: Bearer <api_key>`` when the service requires keys.
        merchant_account: default ``x-merchant-account`` (a merchant account of the service's
            config); a call's ``merchant_account=`` overrides it.
        credentials: per-call processor credentials instead of a merchant account, e.g.
            ``{"api_key": "…", "merchant_account": "…"}`` → ``x-auth-api-key``,
            ``x-auth-merchant-account``. Ignored by the service when a merchant account is sent.
        default_timeout: seconds per attempt when a call gives no ``timeout=`` (``None``: the
            service's own default deadline).
        retry: a :class:`RetryPolicy` for every call (default: no retries); a call's ``retry=``
            overrides it. Only errors the service marks retryable are retried, with the same
            idempotency key.
        auto_idempotency: give mutating calls without a key a ``uuid4`` key (once per logical
            call, reused by its retries). ``False`` leaves the key empty, so the service derives
            one from the request (docs/api.md §5).
        channel_options: gRPC channel arguments.
        channel: an existing channel to use instead (the client then does not own it).
    """

    def __init__(
        self,
        address: str,
        *,
        tls: TLS = False,
        api_key: str | None = None,
        merchant_account: str | None = None,
        credentials: Mapping[str, str] | None = None,
        default_timeout: float | None = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        auto_idempotency: bool = True,
        channel_options: Sequence[tuple[str, Any]] | None = None,
        channel: grpc.Channel | None = None,
    ) -> None:
        self.address = address
        self._cfg = ClientConfig(
            api_key=api_key,
            merchant_account=merchant_account,
            credentials=credentials,
            default_timeout=default_timeout,
            retry=retry,
            auto_idempotency=auto_idempotency,
        )
        self._owns_channel = channel is None
        if channel is not None:
            self._channel = channel
        elif tls is False or tls is None:
            self._channel = grpc.insecure_channel(address, options=channel_options)
        else:
            creds = grpc.ssl_channel_credentials() if tls is True else tls
            self._channel = grpc.secure_channel(address, creds, options=channel_options)
        # the generated *_pb2_grpc stubs are untyped
        self._stubs: dict[str, Any] = {
            attr: stub(self._channel)  # type: ignore[no-untyped-call]
            for attr, stub in STUBS.items()
        }
        self._sleep: Callable[[float], None] = time.sleep

    def __repr__(self) -> str:
        return f"Client(address={self.address!r}, merchant_account={self._cfg.merchant_account!r})"

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_channel:
            self._channel.close()

    @property
    def channel(self) -> grpc.Channel:
        return self._channel

    def _unary(
        self,
        spec: RpcSpec,
        request: Message | None,
        fields: Mapping[str, Any],
        *,
        timeout: float | None,
        merchant_account: str | None,
        idempotency_key: str | None,
        request_id: str | None,
        retry: RetryPolicy | None,
        metadata: Metadata | None,
        webhook_secret: str | None = None,
    ) -> Any:
        req, key, rid = self._cfg.prepare(
            spec, request, fields, idempotency_key=idempotency_key, request_id=request_id
        )
        md = self._cfg.metadata(
            spec,
            merchant_account=merchant_account,
            request_id=rid,
            webhook_secret=webhook_secret,
            extra=metadata,
        )
        policy = retry or self._cfg.retry or NO_RETRY
        call = getattr(self._stubs[spec.service], spec.method)
        attempt = 1
        while True:
            log_call(spec, req, md, attempt)
            try:
                return call(req, timeout=self._cfg.timeout(timeout), metadata=md)
            except grpc.RpcError as e:
                err = ConnectorServiceError.from_rpc_error(
                    e, request_id=rid, idempotency_key=key, secrets=secrets_of(req)
                )
            err.attempts = attempt
            if not policy.should_retry(err, attempt):
                logger.info("%s failed after %d attempt(s): %s", spec.name, attempt, err)
                raise err
            delay = policy.delay(err, attempt)
            logger.info(
                "%s attempt %d failed (%s); retrying in %.2fs with the same idempotency key",
                spec.name, attempt, err, delay,
            )
            self._sleep(delay)
            attempt += 1

    def authorize(
        self,
        request: AuthorizeRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Payment:
        """Authorize a payment (a sale unless ``capture_method=CAPTURE_METHOD_MANUAL``)."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["authorize"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def capture(
        self,
        request: CaptureRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Payment:
        """Capture an authorized payment, fully or partially."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["capture"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def void(
        self,
        request: VoidRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Payment:
        """Cancel an authorization before capture."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["void"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def get_payment(
        self,
        request: GetPaymentRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Payment:
        """Read a payment's current state from the processor."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["get_payment"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=None, request_id=request_id, retry=retry, metadata=metadata,
        )

    def refund(
        self,
        request: RefundRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Refund:
        """Refund a captured payment, fully or partially."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["refund"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def get_refund(
        self,
        request: GetRefundRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Refund:
        """Read a refund's current state from the processor."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["get_refund"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=None, request_id=request_id, retry=retry, metadata=metadata,
        )

    def setup_mandate(
        self,
        request: SetupMandateRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> SetupMandateResponse:
        """Store a payment method for later merchant-initiated charges."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["setup_mandate"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def complete_authorize(
        self,
        request: CompleteAuthorizeRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Payment:
        """Finish a payment after the shopper came back from a redirect or 3DS."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["complete_authorize"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def recurring_charge(
        self,
        request: RecurringChargeRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Payment:
        """A merchant-initiated charge with a stored mandate."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["recurring_charge"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def revoke_mandate(
        self,
        request: RevokeMandateRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> RevokeMandateResponse:
        """Delete a stored mandate at the processor."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["revoke_mandate"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def accept_dispute(
        self,
        request: AcceptDisputeRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Dispute:
        """Accept a dispute (concede it)."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["accept_dispute"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def submit_evidence(
        self,
        request: SubmitEvidenceRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Dispute:
        """Submit (or, with ``save_as_draft``, stage) dispute evidence."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["submit_evidence"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def defend_dispute(
        self,
        request: DefendDisputeRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        idempotency_key: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Dispute:
        """Defend a dispute with a processor reason code."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["defend_dispute"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=idempotency_key, request_id=request_id, retry=retry, metadata=metadata,
        )

    def get_dispute(
        self,
        request: GetDisputeRequest | None = None,
        /,
        *,
        timeout: float | None = None,
        merchant_account: str | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
        **fields: Any,
    ) -> Dispute:
        """Read a dispute's current state from the processor."""
        return self._unary(  # type: ignore[no-any-return]
            RPCS["get_dispute"], request, fields, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=None, request_id=request_id, retry=retry, metadata=metadata,
        )

    def handle_webhook(
        self,
        connector: str,
        headers: Mapping[str, str] | Sequence[tuple[str, str]] | None,
        body: bytes | str,
        merchant_account: str | None = None,
        secret: str | None = None,
        *,
        timeout: float | None = None,
        request_id: str | None = None,
        retry: RetryPolicy | None = None,
        metadata: Metadata | None = None,
    ) -> HandleWebhookResponse:
        """Verify a webhook a processor sent you and turn it into unified events.

        ``headers`` and ``body`` as received (the body byte for byte: signatures cover it).
        The secret (Adyen HMAC key in hex, Stripe ``whsec_…``) goes in ``x-webhook-secret``
        metadata, never in the request; without one, the ``merchant_account``'s configured
        secret is used. Returns ``HandleWebhookResponse`` (``events``, ``acknowledgement`` to
        answer the processor). A bad signature raises :class:`ConnectorServiceError` with
        ``code=UNAUTHENTICATED``, ``reason="BAD_SIGNATURE"``.
        """
        req = webhook_request(connector, headers, body)
        return self._unary(  # type: ignore[no-any-return]
            RPCS["handle_webhook"], req, {}, timeout=timeout, merchant_account=merchant_account,
            idempotency_key=None, request_id=request_id, retry=retry, metadata=metadata,
            webhook_secret=secret,
        )
