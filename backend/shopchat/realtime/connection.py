"""One WebSocket: an ordered outbox drained by a writer task, so fan-out never awaits a peer.

The writer task exists only while there is something to send: an idle socket (most of them,
most of the time) holds no task and no queue, which is most of what a socket costs us beyond
Sanic's own (see docs/performance.md)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from ..metrics import open_sockets
from .close_codes import Close
from .protocol import encode
from .sanic_compat import send_now

log = logging.getLogger("shopchat.realtime")

# Frames queued for one socket before we give up on a client that does not read.
OUTBOX_LIMIT = 1000


class Socket(Protocol):
    async def send(self, data: str) -> None: ...

    async def close(self, code: int = 1000, reason: str = "") -> None: ...


class Connection:
    # Slots and an outbox made only when frames wait: thousands of these sit idle.
    __slots__ = (
        "_dropped", "_held", "_outbox", "_started", "_writer", "channels", "id", "role", "socket"
    )  # fmt: skip

    def __init__(self, socket: Socket, role: str) -> None:
        self.id = secrets.token_hex(8)
        self.role = role
        self.socket = socket
        self.channels: tuple[str, ...] = ()  # two or three, rarely changed: a tuple is 1/4 of a set
        self._outbox: deque[str] | None = None
        self._held: list[str] | None = None
        self._writer: asyncio.Task[None] | None = None
        self._started = False
        self._dropped = False

    def start(self) -> None:
        open_sockets(self.role).inc()
        log.info("socket opened", extra={"connection": self.id, "role": self.role})
        self._started = True
        self._wake_writer()

    async def stop(self) -> None:
        if not self._started:
            return
        self._started = False
        open_sockets(self.role).dec()
        log.info("socket closed", extra={"connection": self.id, "role": self.role})
        self._outbox = None
        if self._writer is not None:
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._writer

    async def close(self, code: int, reason: str) -> None:
        with contextlib.suppress(Exception):
            await self.socket.close(code, reason)

    def send(self, frame: dict[str, Any]) -> None:
        """Queue a direct reply (welcome, ack, error): it is never held back."""
        self._put(encode(frame))

    def deliver(self, text: str) -> None:
        """Queue an encoded fan-out frame; held while the welcome is being prepared."""
        if self._held is not None:
            self._held.append(text)
        else:
            self._put(text)

    def hold(self) -> None:
        self._held = []

    def release(self, keep: Callable[[dict[str, Any]], bool]) -> None:
        """Send what arrived while held, minus what the welcome already covered."""
        held, self._held = self._held or [], None
        for text in held:
            if keep(json.loads(text)):
                self._put(text)

    def _put(self, text: str) -> None:
        if self._dropped:
            return
        if self._outbox is not None and len(self._outbox) >= OUTBOX_LIMIT:
            self._dropped = True  # close once, and stop queueing for a client that is gone
            self._outbox = None
            log.info("slow client disconnected", extra={"connection": self.id})
            asyncio.get_running_loop().create_task(
                self.close(Close.SLOW_CLIENT, "client is not reading its messages")
            )
            return
        writable_now = self._started and not self._outbox and self._idle_writer()
        if writable_now and send_now(self.socket, text):
            return
        if self._outbox is None:
            self._outbox = deque()
        self._outbox.append(text)
        self._wake_writer()

    def _idle_writer(self) -> bool:
        return self._writer is None or self._writer.done()

    def _wake_writer(self) -> None:
        if self._started and self._outbox and self._idle_writer():
            self._writer = asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        try:
            while self._outbox:
                await self.socket.send(self._outbox.popleft())
        except Exception:  # the socket is gone; its handler notices and cleans up
            self._dropped = True
        self._outbox = None
