"""A fix for sanic 25.12's WebSocket frame assembler, applied once at import.

A text frame that is not valid UTF-8 makes the assembler raise inside a background task:
the frame is dropped silently and a traceback is logged. RFC 6455 §8.1 says to fail the
connection with 1007; this does exactly that. Remove when Sanic handles it (pinned version).
"""

from __future__ import annotations

from typing import Any

from sanic.server.websockets.frame import WebsocketFrameAssembler

CLOSE_INVALID_PAYLOAD = 1007
_original_put = WebsocketFrameAssembler.put


async def _put_or_fail(self: WebsocketFrameAssembler, frame: Any) -> None:
    try:
        await _original_put(self, frame)
    except UnicodeDecodeError:
        self.decoder = None
        self.protocol.fail_connection(CLOSE_INVALID_PAYLOAD, "text frame is not valid UTF-8")


def install() -> None:
    if WebsocketFrameAssembler.put is _original_put:
        WebsocketFrameAssembler.put = _put_or_fail  # type: ignore[method-assign]
