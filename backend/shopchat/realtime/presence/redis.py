"""Presence shared through Redis: per-node counts with a heartbeat, so a dead node's sockets
expire. Imported only when the broker is Redis (the redis client costs ~6 MB of RSS)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections import Counter
from collections.abc import Callable, Sequence

from redis.asyncio.client import Pipeline
from redis.exceptions import RedisError

from ...redis_client import redis_client
from .base import Presence, change_count

log = logging.getLogger("shopchat.presence")

# A presence key is a hash {node id: sockets of that node}. A node counts only while its
# heartbeat key lives, so a crashed process stops counting within node_ttl seconds.
# A dead node's entries are dropped when counted; a key nobody counts again (a shopper who
# never comes back) expires KEY_TTL_SECONDS after its last change, and live nodes push out
# the expiry of the keys they hold every REFRESH_EVERY_SECONDS.
# KEYS are presence keys, ARGV[4..] their deltas (0 only counts); returns the totals.
_CHANGE_AND_COUNT = """
local prefix, node, key_ttl = ARGV[1], ARGV[2], ARGV[3]
local totals = {}
for k = 1, #KEYS do
  local delta = tonumber(ARGV[k + 3])
  if delta ~= 0 then
    local mine = redis.call('HINCRBY', KEYS[k], node, delta)
    if mine <= 0 then redis.call('HDEL', KEYS[k], node) end
    redis.call('EXPIRE', KEYS[k], key_ttl)
  end
  local total = 0
  local entries = redis.call('HGETALL', KEYS[k])
  for i = 1, #entries, 2 do
    if redis.call('EXISTS', prefix .. 'node:' .. entries[i]) == 1 then
      total = total + tonumber(entries[i + 1])
    else
      redis.call('HDEL', KEYS[k], entries[i])
    end
  end
  totals[k] = total
end
return totals
"""


KEY_TTL_SECONDS = 3 * 3600
REFRESH_EVERY_SECONDS = 3600
_PIPELINE_CHUNK = 500


class RedisPresence(Presence):
    def __init__(self, url: str, prefix: str, node_ttl: int = 15) -> None:
        self._node_ttl = node_ttl
        self._heartbeat_every = node_ttl / 3
        self._next_refresh = time.monotonic() + REFRESH_EVERY_SECONDS
        self._redis = redis_client(url)
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
            if await self._state_lost():
                await self._write_local_counts()
            elif time.monotonic() >= self._next_refresh:
                await self._refresh_expiry()
        except (RedisError, OSError) as error:
            log.warning("presence heartbeat failed: %s", error)

    async def _state_lost(self) -> bool:
        """True on the first beat after Redis lost this node's state (a Redis restart)."""
        if await self._redis.set(self._state_key, "1", ex=self._node_ttl * 4, nx=True):
            return True
        await self._redis.expire(self._state_key, self._node_ttl * 4)
        return False

    async def _write_local_counts(self) -> None:
        """After a Redis restart this node's counts are gone: write them back."""
        await self._each_local_key(
            lambda pipe, key, count: pipe.hset(key, self._node, count).expire(key, KEY_TTL_SECONDS)
        )

    async def _refresh_expiry(self) -> None:
        await self._each_local_key(lambda pipe, key, _count: pipe.expire(key, KEY_TTL_SECONDS))

    async def _each_local_key(self, command: Callable[[Pipeline, str, int], object]) -> None:
        """One pipelined command per key this node counts (tens of thousands per process)."""
        self._next_refresh = time.monotonic() + REFRESH_EVERY_SECONDS
        items = list(self._local.items())
        for start in range(0, len(items), _PIPELINE_CHUNK):
            async with self._redis.pipeline(transaction=False) as pipe:
                for key, count in items[start : start + _PIPELINE_CHUNK]:
                    command(pipe, self._prefix + "presence:" + key, count)
                await pipe.execute()

    async def update(self, changes: Sequence[tuple[str, int]]) -> list[int]:
        for key, delta in changes:  # what this node restores after a Redis restart
            change_count(self._local, key, delta)
        try:
            totals = await self._script(
                keys=[self._prefix + "presence:" + key for key, _ in changes],
                args=[self._prefix, self._node, KEY_TTL_SECONDS, *(d for _, d in changes)],
            )
            return [int(total) for total in totals]
        except (RedisError, OSError) as error:
            log.warning("presence unavailable, counting this process only: %s", error)
            return [self._local.get(key, 0) for key, _ in changes]
