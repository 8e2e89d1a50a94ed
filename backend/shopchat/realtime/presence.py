"""Who is online: socket counts per key, in-process or shared through Redis with expiry."""

from __future__ import annotations

import logging
from collections import Counter
from typing import Protocol

log = logging.getLogger("shopchat.presence")


def agents_key(shop_id: int) -> str:
    return f"agents:{shop_id}"


def visitor_key(visitor_id: int) -> str:
    return f"visitor:{visitor_id}"


def shop_visitors_key(shop_id: int) -> str:
    return f"visitors:{shop_id}"


class Presence(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def add(self, key: str) -> int:
        """Count one more socket under key; return the total across all processes."""
        ...

    async def remove(self, key: str) -> int: ...

    async def count(self, key: str) -> int: ...


class MemoryPresence:
    """Counts sockets of this process; correct when one process serves everything."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def add(self, key: str) -> int:
        self._counts[key] += 1
        return self._counts[key]

    async def remove(self, key: str) -> int:
        self._counts[key] -= 1
        if self._counts[key] <= 0:
            del self._counts[key]
            return 0
        return self._counts[key]

    async def count(self, key: str) -> int:
        return self._counts.get(key, 0)


# A presence key is a hash {node id: sockets of that node}. A node counts only while its
# heartbeat key lives, so a crashed process stops counting within node_ttl seconds.
