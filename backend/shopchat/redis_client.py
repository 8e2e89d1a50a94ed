"""How every part of shopchat opens Redis: a bounded pool that waits for a free connection.

redis-py's default pool refuses the 101st concurrent command with "Too many connections".
A reconnect storm (thousands of sockets joining or leaving at once) lost presence changes,
publications and even the node's heartbeat that way. A blocking pool queues the commands
instead; only a Redis that stays unreachable turns into an error.

Imported only where Redis is configured (the client costs ~6 MB of RSS).
"""

from __future__ import annotations

from redis.asyncio import BlockingConnectionPool, Redis

MAX_CONNECTIONS = 50  # per client and process; loopback round trips are ~0.1 ms
POOL_WAIT_SECONDS = 5.0


def redis_client(url: str, *, socket_timeout: float | None = 2, **options: object) -> Redis:
    pool = BlockingConnectionPool.from_url(
        url,
        max_connections=MAX_CONNECTIONS,
        timeout=POOL_WAIT_SECONDS,
        decode_responses=True,
        socket_connect_timeout=2,
        socket_timeout=socket_timeout,
        **options,
    )
    return Redis.from_pool(pool)
