"""End-to-end: a real server, the demo store on another origin, and Debian's chromium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from shopchat.demo import start_demo_site
from shopchat.testing import ServerProcess, free_port
from shopchat.testing.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Playwright never downloads a browser here: drive the system chromium.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@dataclass
class Stack:
    server: ServerProcess
    store_url: str
    shop_key: str
    agent_email: str
    agent_password: str

    @property
    def console_url(self) -> str:
        return self.server.url + "/console/"


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("e2e")
    site_port = free_port()
    store_origin = f"http://127.0.0.1:{site_port}"
    server = ServerProcess(
        workdir,
        {
            "SHOPCHAT_VAR_DIR": str(workdir / "var"),
            "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
            "SHOPCHAT_BROKER_URL": "memory://",
        },
    )
    shop = server.cli("create-shop", "--name", "Fjord & Fern", "--origin", store_origin)
    password = "e2e password"
    server.cli(
        "create-agent", "--shop", shop["shop_key"], "--email", "dana@fjord.example",
        "--password", password, "--name", "Dana",
    )  # fmt: skip
    site = start_demo_site("127.0.0.1", site_port, server.url, shop["shop_key"])
    try:
        with server:
            yield Stack(server, store_origin, shop["shop_key"], "dana@fjord.example", password)
    finally:
        site.shutdown()
