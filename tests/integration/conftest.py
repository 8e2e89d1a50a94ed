"""A real server process per database dialect, shared by the integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shopchat.testing import ServerProcess
from tests.integration.client import Shop, make_shop
from tests.services import GENEROUS_LIMITS, fresh_postgres_database


def _env(workdir: Path, database_url: str) -> dict[str, str]:
    return {
        "SHOPCHAT_VAR_DIR": str(workdir / "var"),
        "SHOPCHAT_DATABASE_URL": database_url,
        "SHOPCHAT_BROKER_URL": "memory://",
        "SHOPCHAT_HELLO_TIMEOUT_SECONDS": "2",
        **GENEROUS_LIMITS,
    }


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp(f"server-{request.param}")
    if request.param == "sqlite":
        process = ServerProcess(workdir, _env(workdir, f"sqlite://{workdir}/var/shopchat.db"))
        with process:
            yield process
        return
    with fresh_postgres_database() as url:
        process = ServerProcess(workdir, _env(workdir, url))
        process.cli("migrate")
        with process:
            yield process


@pytest.fixture(scope="session")
def shop(server: ServerProcess) -> Shop:
    return make_shop(server)


@pytest.fixture(scope="session")
def other_shop(server: ServerProcess) -> Shop:
    return make_shop(server, name="Other Shop", origin="http://other.example")


@pytest.fixture(scope="module")
def widget_shop(server: ServerProcess) -> Shop:
    """A shop and agent of the test module's own: no other module logs its agent out."""
    return make_shop(server, name="Widget Shop")


@pytest.fixture
def fresh_shop(server: ServerProcess) -> Shop:
    """A shop no other test touches: for presence and counts that shared state would blur."""
    return make_shop(server, name="Fresh Shop")
