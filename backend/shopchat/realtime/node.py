"""The node (centrifuge's Node): what a running process holds, kept on app.ctx.runtime.

It owns this process's hub, the broker that carries publications between processes, and
presence; every socket handler and REST route reaches them through it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from ..config import Settings
from ..limits import SocketLimits, WindowCounter
from .broker import Broker, create_broker
from .close_codes import Close
from .hub import Hub
from .presence import Presence, create_presence

log = logging.getLogger("shopchat.realtime")


@dataclass
class Runtime:
    settings: Settings
    hub: Hub
    broker: Broker
    presence: Presence
    socket_limits: SocketLimits
    sockets_per_ip: WindowCounter
    visitors_per_ip: WindowCounter
    _cleanups: set[asyncio.Task[None]] = field(default_factory=set, init=False)

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        hub = Hub()
        broker = create_broker(
            settings.broker_url,
            hub.deliver,
            prefix=settings.namespace,
            # After a broker outage some publications were lost: every client resumes.
            on_reconnect=lambda: hub.close_all(Close.SERVICE_RESTART, "reconnect and resume"),
        )
        hub.attach(broker)
        presence = create_presence(
            settings.broker_url, prefix=settings.namespace, node_ttl=settings.presence_ttl_seconds
        )
        return cls(
            settings,
            hub,
            broker,
            presence,
            socket_limits=SocketLimits(
                message_rate=settings.limit_message_per_second,
                message_burst=settings.limit_message_burst,
                typing_rate=settings.limit_typing_per_second,
                typing_burst=settings.limit_typing_burst,
            ),
            sockets_per_ip=WindowCounter(settings.limit_sockets_per_ip_minute, 60),
            visitors_per_ip=WindowCounter(settings.limit_visitors_per_ip_hour, 3600),
        )

    async def start(self) -> None:
        await self.broker.connect()
        await self.presence.start()

    async def finish(self, cleanup: Coroutine[Any, Any, None]) -> None:
        """Run a socket's cleanup to its end even if the socket's handler is cancelled.

        Sanic cancels the handler when the peer's TCP connection goes, which is during the
        cleanup of most closes; a cleanup cut short at a Redis round trip left the shopper
        online and the socket in the hub for good (seen in bench/run.py's node scenario)."""
        task = asyncio.get_running_loop().create_task(cleanup)
        self._cleanups.add(task)
        task.add_done_callback(self._cleanup_done)
        with contextlib.suppress(Exception):  # a failure is logged once, by _cleanup_done
            await asyncio.shield(task)

    def _cleanup_done(self, task: asyncio.Task[None]) -> None:
        self._cleanups.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("socket cleanup failed", exc_info=task.exception())

    async def stop(self) -> None:
        if self._cleanups:  # let the last sockets' cleanups reach Redis before it closes
            await asyncio.wait(self._cleanups, timeout=5)
        await self.presence.stop()
        await self.broker.close()
