"""An in-process gRPC server that plays Connector Service for unit tests: it records what the
client sent and answers from a script (a reply message, or a google.rpc.Status)."""
from __future__ import annotations

import threading
from concurrent import futures
from dataclasses import dataclass, field
from typing import Any, Callable

import grpc
from google.protobuf import duration_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from connectorservice.v1 import event_pb2, event_pb2_grpc, payment_pb2, payment_pb2_grpc

DETAILS_KEY = "grpc-status-details-bin"


def rpc_status(
    code: grpc.StatusCode,
    message: str,
    *,
    reason: str,
    metadata: dict[str, str] | None = None,
    field: str | None = None,
    retry_delay: float | None = None,
    domain: str = "connectorservice.v1",
) -> status_pb2.Status:
    """A google.rpc.Status shaped like the service's api/errors.cpp builds it."""
    st = status_pb2.Status(code=code.value[0], message=message)
    info = error_details_pb2.ErrorInfo(reason=reason, domain=domain)
    info.metadata.update(metadata or {})
    if field:
        info.metadata["field"] = field
    st.details.add().Pack(info)
    if field:
        bad = error_details_pb2.BadRequest()
        bad.field_violations.add(field=field, description=message)
        st.details.add().Pack(bad)
    if retry_delay is not None:
        d = duration_pb2.Duration(seconds=int(retry_delay), nanos=int((retry_delay % 1) * 1e9))
        st.details.add().Pack(error_details_pb2.RetryInfo(retry_delay=d))
    return st


@dataclass
class Seen:
    method: str
    request: Any
    metadata: dict[str, str]


@dataclass
class Script:
    """Answers per method: a list consumed in order; the last one repeats."""

    replies: dict[str, list[Any]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, method: str, request: Any, context: grpc.ServicerContext, default: Callable[[], Any]) -> Any:
        md = {k: v for k, v in context.invocation_metadata()}
        with self.lock:
            self.seen.append(Seen(method, request, md))
            queue = self.replies.get(method, [])
            reply = queue.pop(0) if len(queue) > 1 else (queue[0] if queue else None)
        if "x-request-id" in md:
            context.send_initial_metadata((("x-request-id", md["x-request-id"]),))
        if isinstance(reply, status_pb2.Status):
            context.set_trailing_metadata(((DETAILS_KEY, reply.SerializeToString()),))
            code = next(c for c in grpc.StatusCode if c.value[0] == reply.code)
            context.abort(code, reply.message)
        if reply is None:
            return default()
        return reply

    def calls(self, method: str) -> list[Seen]:
        return [s for s in self.seen if s.method == method]


class FakePayments(payment_pb2_grpc.PaymentServiceServicer):
    def __init__(self, script: Script) -> None:
        self.s = script

    def Authorize(self, request, context):  # noqa: N802
        return self.s.answer("Authorize", request, context, lambda: payment_pb2.Payment(
            status=6, connector_payment_id="PSP1", merchant_reference=request.merchant_reference))

    def Capture(self, request, context):  # noqa: N802
        return self.s.answer("Capture", request, context, lambda: payment_pb2.Payment(status=10))

    def Get(self, request, context):  # noqa: N802
        return self.s.answer("Get", request, context, lambda: payment_pb2.Payment(status=8))


class FakeEvents(event_pb2_grpc.EventServiceServicer):
    def __init__(self, script: Script) -> None:
        self.s = script

    def HandleWebhook(self, request, context):  # noqa: N802
        return self.s.answer("HandleWebhook", request, context,
                             lambda: event_pb2.HandleWebhookResponse(acknowledgement="[accepted]"))


class FakeServer:
    def __init__(self) -> None:
        self.script = Script()
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        payment_pb2_grpc.add_PaymentServiceServicer_to_server(FakePayments(self.script), self.server)
        event_pb2_grpc.add_EventServiceServicer_to_server(FakeEvents(self.script), self.server)
        port = self.server.add_insecure_port("127.0.0.1:0")
        self.address = f"127.0.0.1:{port}"
        self.server.start()

    def stop(self) -> None:
        self.server.stop(grace=None)
