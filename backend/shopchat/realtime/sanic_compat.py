"""Where shopchat reaches into sanic 25.12's WebSocket internals (pinned version).

A fix for the frame assembler, applied once at start-up:
A text frame that is not valid UTF-8 makes the assembler raise inside a background task:
the frame is dropped silently and a traceback is logged. RFC 6455 §8.1 says to fail the
connection with 1007; this does exactly that. Remove when Sanic handles it (pinned version).
"""

from __future__ import annotations

from typing import Any

from sanic.server.websockets.frame import WebsocketFrameAssembler
from websockets.protocol import State

from .close_codes import Close

_original_put = WebsocketFrameAssembler.put


async def _put_or_fail(self: WebsocketFrameAssembler, frame: Any) -> None:
    try:
        await _original_put(self, frame)
    except UnicodeDecodeError:
        self.decoder = None
        self.protocol.fail_connection(Close.INVALID_PAYLOAD, "text frame is not valid UTF-8")


def install() -> None:
    if WebsocketFrameAssembler.put is _original_put:
        WebsocketFrameAssembler.put = _put_or_fail  # type: ignore[method-assign]


def send_now(ws: Any, text: str) -> bool:
    """Write a text frame straight to the transport when nothing can be in its way; False
    when the caller must take the async path (Sanic's send, with its lock and drain).

    Fan-out to a thousand sockets through `await ws.send()` costs a task and several loop
    turns per socket (py-spy, push to all: task creation and Sanic's send on top); the
    websockets library's own broadcast() writes synchronously the same way. Frames stay
    whole and in order: this only runs when no async send holds the socket, and it leaves
    the socket to the async path as soon as the transport pushes back."""
    io = getattr(ws, "io_proto", None)
    if (
        io is None
        or ws.conn_mutex.locked()
        or ws.ws_proto.state is not State.OPEN
        or not io._can_write.is_set()
        or io.transport is None
        or io.transport.is_closing()
    ):
        return False
    ws.ws_proto.send_text(text.encode())
    for data in ws.ws_proto.data_to_send():
        if data:
            io.transport.write(data)
    return True
