"""Presence shared through Redis: per-node counts with a heartbeat, so a dead node's sockets
expire. Imported only when the broker is Redis (the redis client costs ~6 MB of RSS)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from collections import Counter
from collections.abc import Sequence

from redis.exceptions import RedisError

from ..redis_client import redis_client

log = logging.getLogger("shopchat.presence")

# A presence key is a hash {node id: sockets of that node}. A node counts only while its
# heartbeat key lives, so a crashed process stops counting within node_ttl seconds.
# KEYS are presence keys, ARGV[3..] their deltas (0 only counts); returns the totals.
_CHANGE_AND_COUNT = """
local prefix, node = ARGV[1], ARGV[2]
local totals = {}
for k = 1, #KEYS do
  local delta = tonumber(ARGV[k + 2])
  if delta ~= 0 then
    local mine = redis.call('HINCRBY', KEYS[k], node, delta)
    if mine <= 0 then redis.call('HDEL', KEYS[k], node) end
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


class RedisPresence:
    def __init__(self, url: str, prefix: str, node_ttl: int = 15) -> None:
        self._node_ttl = node_ttl
        self._heartbeat_every = node_ttl / 3
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

    async def update(self, changes: Sequence[tuple[str, int]]) -> list[int]:
        for key, delta in changes:  # what this node restores after a Redis restart
            if delta:
                self._local[key] += delta
                if self._local[key] <= 0:
                    del self._local[key]
        try:
            totals = await self._script(
                keys=[self._prefix + "presence:" + key for key, _ in changes],
                args=[self._prefix, self._node, *(delta for _, delta in changes)],
            )
            return [int(total) for total in totals]
        except (RedisError, OSError) as error:
            log.warning("presence unavailable, counting this process only: %s", error)
            return [self._local.get(key, 0) for key, _ in changes]

    async def add(self, key: str) -> int:
        return (await self.update([(key, 1)]))[0]

    async def remove(self, key: str) -> int:
        return (await self.update([(key, -1)]))[0]

    async def count(self, key: str) -> int:
        return (await self.update([(key, 0)]))[0]
