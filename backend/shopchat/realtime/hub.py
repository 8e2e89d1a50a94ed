"""This process's sockets by channel. Publications arrive only through the broker."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from ..metrics import FANOUT_LATENCY
from .broker import Broker
from .connection import Connection
from .protocol import encode

# A publication is "<connection id to skip> <publish time>\n<frame JSON>": the frame is encoded
# once by the publisher and the same text goes to every subscriber (JSON holds no raw newline).
_NOBODY = "-"


class Hub:
    def __init__(self) -> None:
        self._members: dict[str, set[Connection]] = defaultdict(set)
        self._broker: Broker | None = None

    def attach(self, broker: Broker) -> None:
        self._broker = broker

    @property
    def broker(self) -> Broker:
        assert self._broker is not None, "hub used before a broker was attached"
        return self._broker

    async def join(self, connection: Connection, channel: str) -> None:
        members = self._members[channel]
        if not members:
            await self.broker.subscribe(channel)
        members.add(connection)
        if channel not in connection.channels:
            connection.channels += (channel,)

    async def leave_all(self, connection: Connection) -> None:
        for channel in connection.channels:
            members = self._members.get(channel)
            if members is None:
                continue
            members.discard(connection)
            if not members:
                del self._members[channel]
                await self.broker.unsubscribe(channel)
        connection.channels = ()

    async def publish(
        self, channel: str, frame: dict[str, Any], *, skip: Connection | None = None
    ) -> None:
        skip_id = skip.id if skip else _NOBODY
        await self.broker.publish(channel, f"{skip_id} {time.time():.6f}\n{encode(frame)}")

    def deliver(self, channel: str, payload: str) -> None:
        """The broker's callback: hand one publication to every local member."""
        header, _, text = payload.partition("\n")
        skip_id, _, published = header.partition(" ")
        if published:
            FANOUT_LATENCY.observe(max(0.0, time.time() - float(published)))
        for connection in self._members.get(channel, ()):
            if connection.id != skip_id:
                connection.deliver(text)

    def connections(self) -> set[Connection]:
        return {connection for members in self._members.values() for connection in members}

    async def close_all(self, code: int, reason: str) -> None:
        """Close every local socket, e.g. 1012 so that clients reconnect and resume."""
        for connection in self.connections():
            await connection.close(code, reason)
