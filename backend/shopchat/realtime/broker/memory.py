"""In-process broker: one process, no network. Delivery is asynchronous and in order."""

from __future__ import annotations

import asyncio

from .base import MessageHandler


class MemoryBroker:
    def __init__(self, on_message: MessageHandler) -> None:
        self._on_message = on_message
        self._channels: set[str] = set()

    async def connect(self) -> None:
        return None

    async def close(self) -> None:
        self._channels.clear()

    async def publish(self, channel: str, payload: str) -> None:
        if channel in self._channels:
            # Deliver on the next loop turn, like a network broker would: a publisher
            # never runs subscribers' code inside its own call.
            asyncio.get_running_loop().call_soon(self._deliver, channel, payload)

    def _deliver(self, channel: str, payload: str) -> None:
        if channel in self._channels:
            self._on_message(channel, payload)

    async def subscribe(self, channel: str) -> None:
        self._channels.add(channel)

    async def unsubscribe(self, channel: str) -> None:
        self._channels.discard(channel)

    @property
    def healthy(self) -> bool:
        return True
