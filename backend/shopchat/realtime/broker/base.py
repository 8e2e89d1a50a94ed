"""The broker carries publications between processes; the hub fans them out locally."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

# Called with (channel, payload) for every publication on a channel this process subscribed to.
MessageHandler = Callable[[str, str], None]


class Broker(Protocol):
    async def connect(self) -> None: ...

    async def close(self) -> None: ...

    async def publish(self, channel: str, payload: str) -> None: ...

    async def subscribe(self, channel: str) -> None: ...

    async def unsubscribe(self, channel: str) -> None: ...

    @property
    def healthy(self) -> bool: ...
