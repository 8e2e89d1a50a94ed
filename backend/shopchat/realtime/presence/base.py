"""The presence interface: socket counts per key, and the keys every part counts under."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Sequence


def agents_key(shop_id: int) -> str:
    return f"agents:{shop_id}"


def visitor_key(visitor_id: int) -> str:
    return f"visitor:{visitor_id}"


def shop_visitors_key(shop_id: int) -> str:
    return f"visitors:{shop_id}"


def change_count(counts: Counter[str], key: str, delta: int) -> int:
    """Add delta to one key's count, forgetting a key that reaches zero; the count after."""
    if delta:
        counts[key] += delta
        if counts[key] <= 0:
            del counts[key]
    return counts.get(key, 0)


class Presence(ABC):
    """Socket counts per key. A backend implements `update`; the rest is built on it."""

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    @abstractmethod
    async def update(self, changes: Sequence[tuple[str, int]]) -> list[int]:
        """Add each delta (+1, -1, or 0 to only read) to its key, in order; return each key's
        total across all processes afterwards. One round trip however many keys: a shopper's
        connect touches three."""

    async def add(self, key: str) -> int:
        """Count one more socket under key; return the total across all processes."""
        return (await self.update([(key, 1)]))[0]

    async def remove(self, key: str) -> int:
        return (await self.update([(key, -1)]))[0]

    async def count(self, key: str) -> int:
        return (await self.update([(key, 0)]))[0]
