"""Who is online: socket counts per key, in-process or shared through Redis with expiry."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections import Counter
from typing import Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

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
_CHANGE_AND_COUNT = """
local prefix, node, delta = ARGV[1], ARGV[2], tonumber(ARGV[3])
if delta ~= 0 then
  local mine = redis.call('HINCRBY', KEYS[1], node, delta)
  if mine <= 0 then redis.call('HDEL', KEYS[1], node) end
end
local total = 0
local entries = redis.call('HGETALL', KEYS[1])
for i = 1, #entries, 2 do
  if redis.call('EXISTS', prefix .. 'node:' .. entries[i]) == 1 then
    total = total + tonumber(entries[i + 1])
  else
    redis.call('HDEL', KEYS[1], entries[i])
  end
end
return total
"""


class RedisPresence:
    def __init__(self, url: str, prefix: str, node_ttl: int = 15) -> None:
        self._node_ttl = node_ttl
        self._heartbeat_every = node_ttl / 3
        self._redis = Redis.from_url(
            url, decode_responses=True, socket_connect_timeout=2, socket_timeout=2
        )
        self._prefix = prefix
        self._node = secrets.token_hex(6)
        self._script = self._redis.register_script(_CHANGE_AND_COUNT)
        self._local: Counter[str] = Counter()
        self._heartbeat: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self._beat_once()  # the node must be alive before its first count
        self._heartbeat = asyncio.create_task(self._beat(), name="presence-heartbeat")

    async def stop(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._heartbeat
        with contextlib.suppress(RedisError, OSError):
            await self._redis.delete(self._node_key, self._state_key)
        with contextlib.suppress(RedisError, OSError):
            await self._redis.aclose()

    @property
    def _node_key(self) -> str:
        return f"{self._prefix}node:{self._node}"

    @property
    def _state_key(self) -> str:
        return f"{self._prefix}node-state:{self._node}"

    async def _beat(self) -> None:
        while True:
            await asyncio.sleep(self._heartbeat_every)
            await self._beat_once()

    async def _beat_once(self) -> None:
        try:
            await self._redis.set(self._node_key, "1", ex=self._node_ttl)
            await self._restore_if_lost()
        except (RedisError, OSError) as error:
            log.warning("presence heartbeat failed: %s", error)

    async def _restore_if_lost(self) -> None:
        """After a Redis restart this node's counts are gone: write them back."""
        if not await self._redis.set(self._state_key, "1", ex=self._node_ttl * 4, nx=True):
            await self._redis.expire(self._state_key, self._node_ttl * 4)
            return
        for key, count in self._local.items():
            await self._redis.hset(self._prefix + "presence:" + key, self._node, count)

    async def _change(self, key: str, delta: int) -> int:
        try:
            return int(
                await self._script(
                    keys=[self._prefix + "presence:" + key],
                    args=[self._prefix, self._node, delta],
                )
            )
        except (RedisError, OSError) as error:
            log.warning("presence unavailable, counting this process only: %s", error)
            return self._local.get(key, 0)

    async def add(self, key: str) -> int:
        self._local[key] += 1
        return await self._change(key, 1)

    async def remove(self, key: str) -> int:
        self._local[key] -= 1
        if self._local[key] <= 0:
            del self._local[key]
        return await self._change(key, -1)

    async def count(self, key: str) -> int:
        return await self._change(key, 0)
