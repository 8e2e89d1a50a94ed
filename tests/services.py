"""PostgreSQL for tests: a fresh database per run, or a visible skip (a failure in CI)."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

ADMIN_URL = os.environ.get("SHOPCHAT_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


# Tests send far faster than people and all from 127.0.0.1: limits out of the way, except
# in the tests of the limits themselves.
GENEROUS_LIMITS = {
    "SHOPCHAT_LIMIT_MESSAGE_BURST": "100000",
    "SHOPCHAT_LIMIT_MESSAGE_PER_SECOND": "100000",
    "SHOPCHAT_LIMIT_TYPING_BURST": "100000",
    "SHOPCHAT_LIMIT_SOCKETS_PER_IP_MINUTE": "100000",
    "SHOPCHAT_LIMIT_VISITORS_PER_IP_HOUR": "100000",
}


def services_required() -> bool:
    return os.environ.get("SHOPCHAT_REQUIRE_SERVICES") == "1"


def unavailable(reason: str) -> None:
    """Skip, unless the run promised the services: then it is a failure."""
    if services_required():
        pytest.fail(f"SHOPCHAT_REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


async def _admin(sql: str) -> None:
    connection = await asyncpg.connect(ADMIN_URL, timeout=5)
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """Create a throwaway database and yield its URL; drop it afterwards."""
    name = f"shopchat_test_{secrets.token_hex(4)}"
    try:
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        unavailable(f"PostgreSQL not reachable at {ADMIN_URL}: {error}")
    parts = urlsplit(ADMIN_URL)
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


REDIS_URL = os.environ.get("SHOPCHAT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_url() -> str:
    """The shared Redis for tests, or a visible skip (a failure in CI)."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except (redis.RedisError, OSError) as error:
        unavailable(f"Redis not reachable at {REDIS_URL}: {error}")
    return REDIS_URL


def unique_prefix() -> str:
    """A namespace per test run, so runs sharing one Redis never see each other's traffic."""
    return f"shopchat-test:{secrets.token_hex(4)}:"
