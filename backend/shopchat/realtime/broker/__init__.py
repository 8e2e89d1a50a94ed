"""Fan-out between processes: one Broker interface, the backend chosen by URL scheme."""

from __future__ import annotations

from urllib.parse import urlsplit

from .base import Broker, MessageHandler


def create_broker(url: str, on_message: MessageHandler) -> Broker:
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        from .memory import MemoryBroker

        return MemoryBroker(on_message)
    raise ValueError(f"no broker for URL scheme {scheme!r}")


__all__ = ["Broker", "MessageHandler", "create_broker"]
