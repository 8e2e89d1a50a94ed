"""In-process presence: correct when one process serves everything."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .base import Presence, change_count


class MemoryPresence(Presence):
    """Counts sockets of this process; correct when one process serves everything."""

    def __init__(self) -> None:
        self._counts: Counter[str] = Counter()

    async def update(self, changes: Sequence[tuple[str, int]]) -> list[int]:
        return [change_count(self._counts, key, delta) for key, delta in changes]
