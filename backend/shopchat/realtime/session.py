"""The shape every socket shares: hello, then a loop of frames dispatched by type."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

from websockets.exceptions import ConnectionClosed

from ..metrics import ERRORS
from ..services.errors import ServiceError
from .close_codes import Close
from .connection import Connection
from .protocol import Frame, ProtocolError, decode, parse, validate

log = logging.getLogger("shopchat.realtime")

S = TypeVar("S")
Handler = Callable[[S, Any], Awaitable[None]]
HelloT = TypeVar("HelloT", bound=Frame)


class WebSocket(Protocol):
    async def recv(self, timeout: float | None = None) -> str | bytes | None: ...

    async def send(self, data: str) -> None: ...

    async def close(self, code: int = 1000, reason: str = "") -> None: ...


class Refused(Exception):
    """Ends a socket before or at hello, with a 44xx close code."""

    def __init__(self, code: int, reason: str, error: ProtocolError | None = None) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.error = error  # sent as an error frame before the close, when there is one


async def receive_hello(ws: WebSocket, model: type[HelloT], wait_seconds: float) -> HelloT:
    raw = await ws.recv(timeout=wait_seconds)
    if raw is None:
        raise Refused(Close.HELLO_TIMEOUT, "no hello received in time")
    try:
        return validate(decode(raw), model)  # type: ignore[return-value]
    except ProtocolError as error:
        reason = f"the first frame must be hello: {error.message}"
        raise Refused(Close.UNAUTHORIZED, reason[:120]) from None


async def serve_frames(
    ws: WebSocket,
    connection: Connection,
    session: S,
    table: dict[str, type[Frame]],
    handlers: dict[str, Handler[S]],
) -> None:
    """Read frames until the socket closes; a bad frame gets an error frame, never a crash."""
    while True:
        try:
            raw = await ws.recv()
        except ConnectionClosed:
            return
        if raw is None:
            return
        frame: Frame | None = None
        try:
            frame = parse(raw, table)
            await handlers[frame.type](session, frame)
        except ProtocolError as error:
            _send_error(connection, error)
        except ServiceError as error:
            client_msg_id = getattr(frame, "client_msg_id", None)
            _send_error(connection, ProtocolError(error.code, error.message, client_msg_id))
        except ConnectionClosed:
            return
        except Exception:
            log.exception("frame handler failed", extra={"connection": connection.id})
            _send_error(connection, ProtocolError("internal", "the server could not do that"))


def _send_error(connection: Connection, error: ProtocolError) -> None:
    ERRORS.labels(error.code).inc()
    connection.send(error.frame())
