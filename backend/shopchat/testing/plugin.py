"""shopchat's pytest plugin for QA teams: a real chat server, a shop, and page objects.

Installed with shopchat (entry point `pytest11: shopchat`); `-p no:shopchat` disables it.
To test against a staging server instead of a local one, give its URL with `--shopchat-url`,
SHOPCHAT_TEST_SERVER_URL or the ini setting `shopchat_url` (in that order of precedence), plus
SHOPCHAT_TEST_SHOP_KEY, SHOPCHAT_TEST_AGENT_EMAIL and SHOPCHAT_TEST_AGENT_PASSWORD. The store
under test (`store_url`) is pytest-playwright's `base_url` (`--base-url`, ini `base_url`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from .server import ServerProcess

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .console_page import AgentConsole
    from .widget_page import ShopperWidget, inject_widget

DEFAULT_ORIGINS = ("http://localhost:*", "http://127.0.0.1:*")
AGENT_PASSWORD = "shopchat-qa-password"


@dataclass
class ChatServer:
    """A running shopchat: local (`process` set) or a staging URL."""

    url: str
    process: ServerProcess | None = None

    def cli(self, *args: str) -> dict[str, Any]:
        if self.process is None:
            raise RuntimeError("shops are created by the CLI of a local server only")
        return self.process.cli(*args)


@dataclass
class ShopUnderTest:
    server_url: str
    shop_key: str
    agent_email: str
    agent_password: str
    secret: str | None = None
    origins: tuple[str, ...] = field(default=DEFAULT_ORIGINS)

    def script_tag(self, **attributes: str) -> str:
        """The tag a store page embeds; extra data-* attributes as keyword arguments."""
        extra = "".join(
            f' data-{name.replace("_", "-")}="{value}"' for name, value in attributes.items()
        )
        return (
            f'<script src="{self.server_url}/widget/v1/shopchat.js" '
            f'data-shop="{self.shop_key}"{extra} async></script>'
        )


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("shopchat", "shopchat QA kit")
    help_url = "a running shopchat (staging) to test against, instead of a local server"
    group.addoption("--shopchat-url", dest="shopchat_url", metavar="URL", help=help_url)
    parser.addini("shopchat_url", help_url, default="")


def staging_url(config: pytest.Config) -> str:
    """The staging server's URL from the option, the environment or the ini; "" for local."""
    url = (
        config.getoption("shopchat_url")
        or os.environ.get("SHOPCHAT_TEST_SERVER_URL")
        or config.getini("shopchat_url")
    )
    return str(url or "").rstrip("/")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "shopchat_origins(*origins): allowed origins of the shop `shopchat_shop` makes"
    )


@pytest.fixture(scope="session")
def shopchat_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ChatServer]:
    """A real `shopchat serve` (throwaway SQLite, in-process broker), or the staging URL."""
    staging = staging_url(request.config)
    if staging:
        yield ChatServer(staging)
        return
    workdir = tmp_path_factory.mktemp("shopchat-server")
    process = ServerProcess(
        workdir,
        {
            "SHOPCHAT_VAR_DIR": str(workdir / "var"),
            "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
            "SHOPCHAT_BROKER_URL": "memory://",
        },
    )
    process.start()
    try:
        yield ChatServer(process.url, process)
    finally:
        process.stop()
        if request.session.testsfailed:
            _report_log(request.config, process)


def _report_log(config: pytest.Config, process: ServerProcess) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    lines = process.log().splitlines()[-200:]
    if reporter is not None:
        reporter.write_sep("-", "shopchat server log (last 200 lines)")
        for line in lines:
            reporter.write_line(line)


@pytest.fixture(scope="session")
def store_url(request: pytest.FixtureRequest) -> str:
    """The store under test: pytest-playwright's `base_url` (`--base-url URL` or the ini's
    `base_url`). Define your own `store_url` fixture to take it from elsewhere."""
    base_url = request.getfixturevalue("base_url")
    if not base_url:
        raise pytest.UsageError(
            "the store under test is pytest-playwright's base_url: run pytest with "
            "--base-url https://your-store.example (or set base_url in the ini file)"
        )
    return str(base_url).rstrip("/")


@pytest.fixture(scope="session")
def _shopchat_shops() -> dict[tuple[str, ...], ShopUnderTest]:
    return {}


@pytest.fixture
def shopchat_shop(
    request: pytest.FixtureRequest,
    shopchat_server: ChatServer,
    _shopchat_shops: dict[tuple[str, ...], ShopUnderTest],
) -> ShopUnderTest:
    """A shop with an owner agent; one per set of allowed origins, reused in the session."""
    if shopchat_server.process is None:
        return _staging_shop(shopchat_server)
    marker = request.node.get_closest_marker("shopchat_origins")
    origins = tuple(marker.args) if marker else DEFAULT_ORIGINS
    if origins not in _shopchat_shops:
        _shopchat_shops[origins] = _create_shop(shopchat_server, origins)
    return _shopchat_shops[origins]


def _create_shop(server: ChatServer, origins: tuple[str, ...]) -> ShopUnderTest:
    args = ["create-shop", "--name", "QA Shop"]
    for origin in origins:
        args += ["--origin", origin]
    created = server.cli(*args)
    email = f"qa-{created['shop_key'][4:12].lower()}@shop.test"
    server.cli(
        "create-agent", "--shop", created["shop_key"], "--email", email,
        "--password", AGENT_PASSWORD, "--name", "QA Agent", "--role", "owner",
    )  # fmt: skip
    return ShopUnderTest(
        server.url, created["shop_key"], email, AGENT_PASSWORD, created["secret"], origins
    )


def _staging_shop(server: ChatServer) -> ShopUnderTest:
    names = ("SHOPCHAT_TEST_SHOP_KEY", "SHOPCHAT_TEST_AGENT_EMAIL", "SHOPCHAT_TEST_AGENT_PASSWORD")
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        raise pytest.UsageError(
            "a staging server is given (shopchat_url), so the shop must be given too: "
            f"set {', '.join(missing)}"
        )
    key, email, password = (os.environ[name] for name in names)
    return ShopUnderTest(server.url, key, email, password)


def _new_page(request: pytest.FixtureRequest) -> Page:
    """A page in a new browser context (a separate window), from pytest-playwright."""
    new_context = request.getfixturevalue("new_context")
    return new_context().new_page()


@pytest.fixture
def shopper(request: pytest.FixtureRequest) -> Callable[..., ShopperWidget]:
    """Factory: `shopper(page)` wraps a page; `shopper(url=...)` opens a new window there."""
    from .widget_page import ShopperWidget

    def make(page: Page | None = None, *, url: str | None = None) -> ShopperWidget:
        page = page or _new_page(request)
        if url:
            page.goto(url)
        return ShopperWidget(page)

    return make


@pytest.fixture
def agent_console(
    request: pytest.FixtureRequest, shopchat_shop: ShopUnderTest
) -> Callable[..., AgentConsole]:
    """Factory: an agent console in a new window, logged in as the shop's agent by default."""
    from .console_page import AgentConsole

    def make(page: Page | None = None, *, login: bool = True) -> AgentConsole:
        console = AgentConsole(page or _new_page(request), shopchat_shop.server_url)
        if login:
            console.login(shopchat_shop.agent_email, shopchat_shop.agent_password)
        return console

    return make


def __getattr__(name: str) -> Any:
    """`inject_widget` lives in widget_page.py now; still importable from here, without making
    every pytest run of an environment holding shopchat import Playwright."""
    if name == "inject_widget":
        from .widget_page import inject_widget

        return inject_widget
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["ChatServer", "ShopUnderTest", "inject_widget"]
