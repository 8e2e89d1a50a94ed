"""Presence counts: one update call changes and reads several keys (a shopper's connect
touches three), in-process and through Redis across nodes."""

import asyncio

import pytest

from shopchat.realtime.presence import create_presence
from shopchat.realtime.presence.memory import MemoryPresence
from tests.services import redis_url, unique_prefix


async def test_memory_update_applies_deltas_in_order_and_reads_zero_deltas():
    presence = MemoryPresence()
    assert await presence.update([("shop", 1), ("visitor", 1), ("agents", 0)]) == [1, 1, 0]
    assert await presence.update([("shop", 1), ("visitor", 1)]) == [2, 2]
    assert await presence.update([("visitor", -1), ("visitor", -1), ("shop", 0)]) == [1, 0, 2]
    assert await presence.count("visitor") == 0
    assert await presence.remove("shop") == 1
    assert await presence.add("agents") == 1


async def test_redis_update_counts_across_nodes_and_forgets_a_stopped_node():
    from shopchat.realtime.presence.redis import RedisPresence

    url, prefix = redis_url(), unique_prefix()
    first, second = RedisPresence(url, prefix), RedisPresence(url, prefix)
    await first.start()
    await second.start()
    try:
        assert await first.update([("shop", 1), ("visitor", 1), ("agents", 0)]) == [1, 1, 0]
        assert await second.update([("shop", 1), ("agents", 1)]) == [2, 1]
        assert await first.update([("visitor", -1), ("shop", 0)]) == [0, 2]
        await second.stop()  # its node key goes: its sockets stop counting at once
        assert await first.update([("shop", 0), ("agents", 0)]) == [1, 0]
    finally:
        await first.stop()
        await second.stop()


async def test_redis_presence_survives_a_burst_larger_than_the_connection_pool():
    """A reconnect storm: 1,000 sockets leave at once. redis-py's default pool refuses the
    101st concurrent command ("Too many connections"), which lost the decrements and left
    the visitors online for good; the pool must wait for a free connection instead."""
    from shopchat.realtime.presence.redis import RedisPresence

    prefix = unique_prefix()
    presence, reader = RedisPresence(redis_url(), prefix), RedisPresence(redis_url(), prefix)
    await presence.start()
    try:
        keys = [f"visitor:{n}" for n in range(1000)]
        await asyncio.gather(*(presence.update([(key, 1), ("shop", 1)]) for key in keys))
        assert await reader.count("shop") == 1000  # what other nodes see
        await asyncio.gather(*(presence.update([(key, -1), ("shop", -1)]) for key in keys))
        assert await reader.count("shop") == 0
        assert await reader.update([(key, 0) for key in keys[:5]]) == [0] * 5
    finally:
        await presence.stop()
        await reader.stop()


async def test_redis_presence_keys_expire_unless_a_live_node_holds_them():
    """A crashed node's entries would otherwise stay for shoppers who never come back."""
    from shopchat.realtime.presence import redis as presence_redis
    from shopchat.realtime.presence.redis import RedisPresence

    prefix = unique_prefix()
    presence = RedisPresence(redis_url(), prefix)
    await presence.start()
    redis = presence._redis
    try:
        await presence.update([("visitor:1", 1), ("visitor:2", 1), ("agents", 0)])
        key = prefix + "presence:visitor:1"
        assert 0 < await redis.ttl(key) <= presence_redis.KEY_TTL_SECONDS
        assert await redis.ttl(prefix + "presence:agents") == -2  # only read: never written

        await redis.expire(key, 5)  # the hourly refresh pushes a held key's expiry out
        presence._next_refresh = 0
        await presence._beat_once()
        assert await redis.ttl(key) > 5

        await redis.delete(key, presence._state_key)  # Redis restarted: counts come back
        await presence._beat_once()
        assert await redis.hget(key, presence._node) == "1"
        assert await redis.ttl(key) > 5
        assert await presence.count("visitor:2") == 1
    finally:
        await presence.stop()


@pytest.mark.parametrize(
    ("url", "backend"),
    [("memory://", "MemoryPresence"), ("redis://127.0.0.1:6379/0", "RedisPresence")],
)
def test_presence_is_picked_by_the_url_scheme_like_the_broker(url, backend):
    assert type(create_presence(url, prefix="p:")).__name__ == backend


def test_presence_refuses_a_url_scheme_it_has_no_backend_for():
    with pytest.raises(ValueError, match="'kafka'"):
        create_presence("kafka://somewhere")
