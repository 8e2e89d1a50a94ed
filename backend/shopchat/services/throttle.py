"""Login throttling: too many failures for an account or an IP inside a window locks it.

While locked, every login for that account or IP is refused with the seconds to wait, even
with the right password. The store sits behind a small interface so a shared one (Redis) can
replace the in-process one when several processes serve logins.
"""

from __future__ import annotations

import logging
import math
import secrets
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import urlsplit

log = logging.getLogger("shopchat.throttle")


class FailureStore(Protocol):
    async def failures(self, key: str, window: float) -> list[float]:
        """The failure times of key still inside the window, oldest first."""
        ...

    async def add(self, key: str, window: float) -> None: ...

    async def clear(self, key: str) -> None: ...

    def now(self) -> float: ...


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


class RedisFailureStore:
    """Failure times in Redis sorted sets, shared by every process (wall-clock seconds)."""

    def __init__(self, url: str, prefix: str, clock: Callable[[], float] = time.time) -> None:
        from ..redis_client import redis_client

        self._redis: Any = redis_client(url)
        self._prefix = prefix + "login-failures:"
        self._clock = clock

    async def failures(self, key: str, window: float) -> list[float]:
        name = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(name, "-inf", self._clock() - window)
            pipe.zrange(name, 0, -1, withscores=True)
            _, rows = await pipe.execute()
        return [score for _member, score in rows]

    async def add(self, key: str, window: float) -> None:
        name = self._prefix + key
        now = self._clock()
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zadd(name, {f"{now:.6f}-{secrets.token_hex(4)}": now})
            pipe.zremrangebyscore(name, "-inf", now - window)
            pipe.zremrangebyrank(name, 0, -1001)  # keep the newest 1,000
            pipe.expire(name, int(window) + 1)
            await pipe.execute()

    async def clear(self, key: str) -> None:
        await self._redis.delete(self._prefix + key)

    def now(self) -> float:
        return self._clock()

    async def close(self) -> None:
        await self._redis.aclose()


def create_failure_store(url: str, *, prefix: str = "") -> FailureStore:
    """Chosen by URL scheme like the broker: with Redis, every process counts the same
    failures."""
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        return MemoryFailureStore()
    if scheme in ("redis", "rediss"):
        return RedisFailureStore(url, prefix)
    raise ValueError(f"no failure store for URL scheme {scheme!r}")


class LoginThrottle:
    """Fails open: if the store cannot be reached, logins are not throttled (and it is logged)."""

    def __init__(
        self,
        *,
        account_limit: int,
        ip_limit: int,
        window_seconds: float,
        store: FailureStore | None = None,
    ) -> None:
        self.account_limit = account_limit
        self.ip_limit = ip_limit
        self.window = window_seconds
        self.store: FailureStore = store or MemoryFailureStore()

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
        try:
            return max(
                await self._wait(self.account_key(email), self.account_limit),
                await self._wait(self.ip_key(ip), self.ip_limit),
            )
        except Exception:
            log.exception("login throttle store failed: not throttling")
            return 0

    async def failed(self, *, email: str, ip: str) -> None:
        try:
            await self.store.add(self.account_key(email), self.window)
            await self.store.add(self.ip_key(ip), self.window)
        except Exception:
            log.exception("login throttle store failed: failure not counted")

    async def succeeded(self, *, email: str) -> None:
        try:
            await self.store.clear(self.account_key(email))
        except Exception:
            log.exception("login throttle store failed")
