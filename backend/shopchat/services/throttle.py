"""Login throttling: too many failures for an account or an IP inside a window locks it.

While locked, every login for that account or IP is refused with the seconds to wait, even
with the right password. The store sits behind a small interface so a shared one (Redis) can
replace the in-process one when several processes serve logins.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol


class FailureStore(Protocol):
    async def failures(self, key: str, window: float) -> list[float]:
        """The failure times of key still inside the window, oldest first."""
        ...

    async def add(self, key: str, window: float) -> None: ...

    async def clear(self, key: str) -> None: ...


class MemoryFailureStore:
    """Failure times per key in this process; old entries are dropped as keys are touched."""

    MAX_KEYS = 100_000

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._times: dict[str, deque[float]] = {}

    def _prune(self, key: str, window: float) -> deque[float] | None:
        times = self._times.get(key)
        if times is None:
            return None
        horizon = self._clock() - window
        while times and times[0] <= horizon:
            times.popleft()
        if not times:
            del self._times[key]
            return None
        return times

    async def failures(self, key: str, window: float) -> list[float]:
        times = self._prune(key, window)
        return list(times) if times else []

    async def add(self, key: str, window: float) -> None:
        if len(self._times) >= self.MAX_KEYS:  # a flood of distinct keys: forget the oldest
            self._times.pop(next(iter(self._times)))
        times = self._prune(key, window)
        if times is None:
            times = self._times[key] = deque(maxlen=1000)
        times.append(self._clock())

    async def clear(self, key: str) -> None:
        self._times.pop(key, None)

    def now(self) -> float:
        return self._clock()


class LoginThrottle:
    def __init__(
        self,
        *,
        account_limit: int,
        ip_limit: int,
        window_seconds: float,
        store: MemoryFailureStore | None = None,
    ) -> None:
        self.account_limit = account_limit
        self.ip_limit = ip_limit
        self.window = window_seconds
        self.store = store or MemoryFailureStore()

    @staticmethod
    def account_key(email: str) -> str:
        return "account:" + email.strip().lower()

    @staticmethod
    def ip_key(ip: str) -> str:
        return "ip:" + (ip or "unknown")

    async def _wait(self, key: str, limit: int) -> int:
        times = await self.store.failures(key, self.window)
        if len(times) < limit:
            return 0
        # Locked until enough failures leave the window to bring the count under the limit.
        unlock_at = times[len(times) - limit] + self.window
        return max(1, math.ceil(unlock_at - self.store.now()))

    async def retry_after(self, *, email: str, ip: str) -> int:
        """Seconds to wait before this login may be tried; 0 when it may be tried now."""
        return max(
            await self._wait(self.account_key(email), self.account_limit),
            await self._wait(self.ip_key(ip), self.ip_limit),
        )

    async def failed(self, *, email: str, ip: str) -> None:
        await self.store.add(self.account_key(email), self.window)
        await self.store.add(self.ip_key(ip), self.window)

    async def succeeded(self, *, email: str) -> None:
        await self.store.clear(self.account_key(email))
