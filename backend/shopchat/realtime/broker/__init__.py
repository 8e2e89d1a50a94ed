"""Fan-out between processes: one Broker interface, the backend chosen by URL scheme."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from .base import Broker, MessageHandler


def create_broker(
    url: str,
    on_message: MessageHandler,
    *,
    prefix: str = "",
    on_reconnect: Callable[[], Awaitable[None]] | None = None,
) -> Broker:
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        from .memory import MemoryBroker

        return MemoryBroker(on_message)
    if scheme in ("redis", "rediss"):
        from .redis import RedisBroker

        return RedisBroker(url, prefix, on_message, on_reconnect)
    raise ValueError(f"no broker for URL scheme {scheme!r}")


__all__ = ["Broker", "MessageHandler", "create_broker"]
