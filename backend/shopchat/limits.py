"""Abuse limits: token buckets per socket, fixed windows per IP. All in this process.

Per-IP windows count per process: behind N processes a client gets up to N times the limit,
which is why the defaults are per process and generous (many shoppers share an office or
mobile-carrier address).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

Clock = Callable[[], float]


class TokenBucket:
    """`burst` actions at once, refilled at `rate` per second."""

    __slots__ = ("_clock", "_stamp", "_tokens", "burst", "rate")

    def __init__(self, rate: float, burst: int, clock: Clock = time.monotonic) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._tokens = float(burst)
        self._stamp = clock()

    def take(self) -> int:
        """0 when allowed; otherwise the whole seconds to wait before trying again."""
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
        self._stamp = now
        if self._tokens >= 1:
            self._tokens -= 1
            return 0
        return max(1, math.ceil((1 - self._tokens) / self.rate))


class WindowCounter:
    """At most `limit` hits per key in each fixed window of `window` seconds."""

    MAX_KEYS = 100_000

    def __init__(self, limit: int, window: float, clock: Clock = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._counts: OrderedDict[str, tuple[int, int]] = OrderedDict()

    def hit(self, key: str) -> int:
        """Count a hit; 0 when allowed, else the seconds until the window turns."""
        now = self._clock()
        current = int(now // self.window)
        window, count = self._counts.get(key, (current, 0))
        if window != current:
            count = 0
        if count >= self.limit:
            return max(1, math.ceil((current + 1) * self.window - now))
        self._counts[key] = (current, count + 1)
        self._counts.move_to_end(key)
        if len(self._counts) > self.MAX_KEYS:  # a flood of addresses: forget the stalest
            self._counts.popitem(last=False)
        return 0


@dataclass(frozen=True)
class SocketLimits:
    """Fresh buckets for one visitor socket."""

    message_rate: float
    message_burst: int
    typing_rate: float
    typing_burst: int

    def messages(self) -> TokenBucket:
        return TokenBucket(self.message_rate, self.message_burst)

    def typing(self) -> TokenBucket:
        return TokenBucket(self.typing_rate, self.typing_burst)
