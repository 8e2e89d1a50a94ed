"""Several `shopchat serve` processes sharing PostgreSQL and Redis, like the compose topology."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shopchat.testing import ServerProcess
from tests.integration.client import Shop, make_shop
from tests.services import GENEROUS_LIMITS, fresh_postgres_database, redis_url, unique_prefix


def cluster_env(workdir: Path, database_url: str, broker_url: str, prefix: str) -> dict[str, str]:
    return {
        "SHOPCHAT_VAR_DIR": str(workdir / "var"),
        "SHOPCHAT_DATABASE_URL": database_url,
        "SHOPCHAT_BROKER_URL": broker_url,
        "SHOPCHAT_REDIS_PREFIX": prefix,
        "SHOPCHAT_SECRET_KEY": "cluster-test-secret-key-shared-by-all-nodes-0123456789",
        "SHOPCHAT_PRESENCE_TTL_SECONDS": "3",
        **GENEROUS_LIMITS,
    }


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(scope="module")
def node_factory(
    tmp_path_factory: pytest.TempPathFactory, database_url: str
) -> Iterator[Callable[..., ServerProcess]]:
    """Makes nodes of one deployment: same database, same Redis namespace."""
    broker = redis_url()
    prefix = unique_prefix()
    nodes: list[ServerProcess] = []

    def make(name: str, broker_url: str | None = None) -> ServerProcess:
        workdir = tmp_path_factory.mktemp(name)
        node = ServerProcess(
            workdir, cluster_env(workdir, database_url, broker_url or broker, prefix)
        )
        nodes.append(node)
        return node

    first = make("migrate")
    first.cli("migrate")
    yield make
    for node in nodes:
        node.stop()


@pytest.fixture(scope="module")
def node_a(node_factory) -> ServerProcess:
    return node_factory("node-a").start()


@pytest.fixture(scope="module")
def node_b(node_factory) -> ServerProcess:
    return node_factory("node-b").start()


@pytest.fixture
def shop(node_a: ServerProcess) -> Shop:
    return make_shop(node_a)
