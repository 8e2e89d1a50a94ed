"""Who is online: socket counts per key, in-process or shared through Redis with expiry."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
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

    async def update(self, changes: Sequence[tuple[str, int]]) -> list[int]:
        """Add each delta (+1, -1, or 0 to only read) to its key, in order; return each key's
        total across all processes afterwards. One round trip however many keys: a shopper's
        connect touches three."""
        ...

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

    async def update(self, changes: Sequence[tuple[str, int]]) -> list[int]:
        return [self._change(key, delta) for key, delta in changes]

    def _change(self, key: str, delta: int) -> int:
        if delta:
            self._counts[key] += delta
            if self._counts[key] <= 0:
                del self._counts[key]
        return self._counts.get(key, 0)

    async def add(self, key: str) -> int:
        return self._change(key, 1)

    async def remove(self, key: str) -> int:
        return self._change(key, -1)

    async def count(self, key: str) -> int:
        return self._counts.get(key, 0)
