"""Revoked sessions close their open agent sockets (4401), in whichever process holds them.

Every agent socket joins its agent's channel `agent:{id}` with a small watcher; a logout,
password change, password reset or deactivation publishes `{"type": "revoke", "sessions":
[ids]}` there through the broker, and the watcher of a listed session closes its socket.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets

from ..services.sessions import Revocation
from .channels import agent_channel
from .close_codes import Close
from .node import Runtime
from .session import WebSocket


class RevocationWatch:
    """Hub member (duck-typed like a Connection) that closes one socket when revoked."""

    def __init__(self, ws: WebSocket, session_id: int) -> None:
        self.id = "watch-" + secrets.token_hex(8)
        self.channels: tuple[str, ...] = ()
        self._ws = ws
        self._session_id = session_id
        self._closing: asyncio.Task[None] | None = None

    def deliver(self, text: str) -> None:
        try:
            frame = json.loads(text)
        except ValueError:
            return
        if frame.get("type") != "revoke" or self._session_id not in frame.get("sessions", []):
            return
        if self._closing is None:
            self._closing = asyncio.get_running_loop().create_task(self._close())

    async def close(self, code: int = 1000, reason: str = "") -> None:
        """Hub.close_all closes every member: the socket's own Connection closes it."""
        return None

    async def _close(self) -> None:
        with contextlib.suppress(Exception):
            await self._ws.close(Close.UNAUTHORIZED, "session revoked")


async def publish(runtime: Runtime, revocation: Revocation | None) -> None:
    if revocation is None or not revocation.session_ids:
        return
    await runtime.hub.publish(
        agent_channel(revocation.agent_id),
        {"type": "revoke", "sessions": revocation.session_ids},
    )
