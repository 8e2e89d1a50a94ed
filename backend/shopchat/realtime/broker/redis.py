"""Redis pub/sub broker: one SUBSCRIBE per channel per process, survives Redis outages.

While Redis is unreachable the process keeps serving what it can (sockets, storage) and
reports unhealthy; it reconnects with backoff and resubscribes, then calls on_reconnect so
that the node closes its sockets with 1012 and every client resumes from its last seq.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from ...redis_client import redis_client
from .base import MessageHandler

log = logging.getLogger("shopchat.broker")

BACKOFF_FIRST = 0.2
BACKOFF_MAX = 5.0


class RedisBroker:
    def __init__(
        self,
        url: str,
        prefix: str,
        on_message: MessageHandler,
        on_reconnect: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        # Publishing gets a timeout so a hung Redis cannot stall a handler; the subscriber
        # connection waits for messages indefinitely, so it gets none.
        self._redis = redis_client(url)
        self._subscriber = redis_client(url, socket_timeout=None, health_check_interval=10)
        self._prefix = prefix
        self._on_message = on_message
        self._on_reconnect = on_reconnect
        self._channels: set[str] = set()
        self._pubsub: PubSub | None = None
        self._pump: asyncio.Task[None] | None = None
        self._healthy = False
        self._connected_once = False

    @property
    def healthy(self) -> bool:
        return self._healthy

    async def connect(self) -> None:
        self._pump = asyncio.create_task(self._run(), name="redis-broker")

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.aclose()
        for client in (self._redis, self._subscriber):
            with contextlib.suppress(RedisError, OSError):
                await client.aclose()

    async def publish(self, channel: str, payload: str) -> None:
        try:
            await self._redis.publish(self._prefix + channel, payload)
        except (RedisError, OSError) as error:
            # The message is committed; if Redis is down the subscriber notices too, and the
            # reconnect's 1012 makes every client resume and fetch what fan-out missed.
            log.warning("redis publish failed: %s", error)

    async def subscribe(self, channel: str) -> None:
        self._channels.add(channel)  # (re)subscribed by the pump whenever it (re)connects
        if self._pubsub is not None and self._healthy:
            try:
                await self._pubsub.subscribe(self._prefix + channel)
            except (RedisError, OSError) as error:
                log.warning("redis subscribe failed: %s", error)

    async def unsubscribe(self, channel: str) -> None:
        self._channels.discard(channel)
        if self._pubsub is not None and self._healthy:
            try:
                await self._pubsub.unsubscribe(self._prefix + channel)
            except (RedisError, OSError) as error:
                log.warning("redis unsubscribe failed: %s", error)

    async def _run(self) -> None:
        """The pump: listen while Redis answers; otherwise retry with doubling delays."""
        delay = BACKOFF_FIRST
        while True:
            try:
                await self._listen()
            except (RedisError, OSError) as error:
                if self._healthy:
                    log.warning("redis broker unavailable: %s", error)
                    delay = BACKOFF_FIRST  # it was up: start the backoff over
                self._healthy = False
            await asyncio.sleep(delay)
            delay = min(delay * 2, BACKOFF_MAX)

    async def _listen(self) -> None:
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.aclose()
        self._pubsub = self._subscriber.pubsub()
        # A subscription is needed before listening; this one also proves the link works.
        await self._pubsub.subscribe(self._prefix + "_node", *self._prefixed(self._channels))
        reconnected = self._connected_once
        self._connected_once = True
        self._healthy = True
        log.info("redis broker connected", extra={"channels": len(self._channels)})
        if reconnected and self._on_reconnect is not None:
            await self._on_reconnect()
        prefix_length = len(self._prefix)
        async for message in self._pubsub.listen():
            if message["type"] == "message":
                self._on_message(message["channel"][prefix_length:], message["data"])

    def _prefixed(self, channels: set[str]) -> list[str]:
        return [self._prefix + channel for channel in channels]
