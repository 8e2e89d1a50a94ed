"""Screenshots of the console to look at (tests/artifacts/console-*.png), the settings page
at work, and the inbox with 10,000 conversations (a figure, never a timing assert)."""

from __future__ import annotations

import json
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from shopchat.testing import ServerProcess
from shopchat.testing.console_page import AgentConsole
from tests.e2e.conftest import Stack
from tests.e2e.test_console import PASSWORD, Shopper, Team, team  # noqa: F401 - fixture

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"

CONTEXT = {
    "product": {
        "name": "Nordic wool throw, 130×170 cm",
        "price": 89.0,
        "currency": "EUR",
        "sku": "WT-130-GRY",
        "url": "https://fjord.example/p/wool-throw",
    },
    "cart": {
        "items": [
            {"name": "Nordic wool throw", "quantity": 1, "price": 89.0},
            {"name": "Linen cushion cover", "quantity": 2, "price": 24.5},
        ],
        "total": 138.0,
        "currency": "EUR",
    },
    "order": {"number": "1042", "status": "shipped", "total": 54.0, "currency": "EUR"},
}
CHROME_UA = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


def _database(server: ServerProcess) -> Path:
    return Path(server.env["SHOPCHAT_DATABASE_URL"].removeprefix("sqlite://"))


def _dress_up(server: ServerProcess, shopper: Shopper) -> None:
    """What the widget's identify/setContext would have stored (written straight to SQLite)."""
    with sqlite3.connect(_database(server)) as db:
        db.execute(
            "UPDATE visitor SET name=?, email=?, verified=1, last_page_url=?, last_page_title=?,"
            " referrer=?, user_agent=?, locale=?, timezone=?, visits=4 WHERE public_id=?",
            (
                "Ingrid Solberg", "ingrid@example.no", "https://fjord.example/p/wool-throw",
                "Nordic wool throw — Fjord & Fern", "https://www.google.com/", CHROME_UA,
                "nb-NO", "Europe/Oslo", shopper.welcome["visitor_id"],
            ),
        )  # fmt: skip
        db.execute(
            "UPDATE conversation SET context=? WHERE id=?",
            (json.dumps(CONTEXT), shopper.conversation_id),
        )


def test_screenshots_of_inbox_conversation_and_settings(new_context, stack: Stack, team: Team):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    shopper = Shopper(stack)
    shopper.say("Hi! Is the wool throw machine washable? 🧶")
    _dress_up(stack.server, shopper)
    for text in ("Do you ship to Iceland?", "My discount code WINTER10 does not work"):
        other = Shopper(stack)
        other.say(text)
        other.close()

    context = new_context(viewport={"width": 1440, "height": 900})
    owner = AgentConsole(context.new_page(), stack.server.url).login(team.owner_email, PASSWORD)
    owner.open_conversation(text="machine washable")
    panel = owner.panel
    expect(panel.get_by_test_id("visitor-verified")).to_be_visible()
    expect(panel.get_by_test_id("context-card")).to_have_count(3)
    expect(panel.get_by_test_id("visitor-page-title")).to_have_text(
        "Nordic wool throw — Fjord & Fern"
    )
    expect(panel.get_by_test_id("visitor-browser")).to_have_text("Chrome 131 on macOS 14.5")
    owner.assign_to_me()
    owner.reply("Yes — on the wool cycle at 30 °C, flat to dry.")
    owner.note("Ingrid ordered the grey one last week, order #1042.")
    shopper.next("message")
    shopper.ws.send(json.dumps({"type": "read", "seq": 2}))
    expect(owner.messages.filter(has_text="wool cycle")).to_have_attribute("data-state", "seen")
    owner.by_test_id("reply-input").press_sequentially("Anything else I can help with? ")
    owner.page.screenshot(path=str(ARTIFACTS / "console-conversation.png"))

    token = owner.page.evaluate("sessionStorage.getItem('shopchat.console.token')")
    for shortcut, body in (("returns", "You can return anything within 30 days."),
                           ("wash", "Wool cycle at 30 °C, dry flat.")):  # fmt: skip
        owner.page.request.post(
            f"{stack.server.url}/api/v1/canned",
            data={"shortcut": f"{shortcut}{uuid.uuid4().hex[:3]}", "body": body},
            headers={"Authorization": f"Bearer {token}"},
        )
    owner.page.reload()
    owner.by_test_id("note-toggle").click()
    owner.by_test_id("reply-input").fill("")
    owner.by_test_id("reply-input").press_sequentially("Sure! /")
    expect(owner.by_test_id("canned-option").first).to_be_visible()
    owner.page.screenshot(path=str(ARTIFACTS / "console-composer.png"))
    owner.by_test_id("reply-input").press("Escape")
    owner.by_test_id("note-toggle").click()

    owner.by_test_id("reply-input").fill("")
    owner.page.locator("body").click()
    owner.page.screenshot(path=str(ARTIFACTS / "console-inbox.png"))

    page = owner.open_settings("shop")
    owner.by_test_id("settings-greeting").fill("Hei! Ask us anything about our textiles.")
    owner.by_test_id("hours-always").uncheck()
    owner.by_test_id("settings-timezone").fill("Europe/Oslo")
    owner.by_test_id("settings-save").click()
    expect(owner.by_test_id("settings-status")).to_have_text("Saved.")
    owner.page.set_viewport_size({"width": 1440, "height": 1500})
    expect(page).to_be_visible()
    owner.page.screenshot(path=str(ARTIFACTS / "console-settings.png"))
    owner.page.set_viewport_size({"width": 1440, "height": 900})
    # Hours now take effect: leave the shared shop open around the clock for later tests.
    restored = owner.page.request.put(
        f"{stack.server.url}/api/v1/shop/settings",
        data={"business_hours": None},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert restored.ok, restored.text()
    owner.page.locator('[data-testid="settings-tab"][data-tab="install"]').click()
    expect(owner.by_test_id("install-script")).to_contain_text(f'data-shop="{stack.shop_key}"')
    owner.by_test_id("install-lang-php").click()
    expect(owner.by_test_id("install-identity")).to_contain_text("hash_hmac")
    owner.page.screenshot(path=str(ARTIFACTS / "console-install.png"))
    owner.page.locator('[data-testid="settings-tab"][data-tab="team"]').click()
    expect(owner.by_test_id("agent-row").filter(has_text=team.owner_email)).to_have_count(1)
    expect(owner.by_test_id("agent-row").filter(has_text=stack.agent_email)).to_have_count(1)
    owner.page.screenshot(path=str(ARTIFACTS / "console-team.png"))
    shopper.close()


# ------------------------------------------------------------- 10,000 conversations


@pytest.fixture(scope="module")
def busy_shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, str]]:
    workdir = tmp_path_factory.mktemp("busy")
    server = ServerProcess(
        workdir,
        {
            "SHOPCHAT_VAR_DIR": str(workdir / "var"),
            "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
            "SHOPCHAT_BROKER_URL": "memory://",
        },
    )
    shop = server.cli("create-shop", "--name", "Busy Shop", "--origin", "http://busy.example")
    email = f"busy-{uuid.uuid4().hex[:6]}@example.com"
    server.cli(
        "create-agent", "--shop", shop["shop_key"], "--email", email, "--password", PASSWORD,
        "--name", "Busy", "--role", "owner",
    )  # fmt: skip
    seeded = subprocess.run(
        [sys.executable, "-m", "shopchat.testing.seed_inbox", "--shop", shop["shop_key"]],
        cwd=workdir, env=server.env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    print("seeded:", seeded.stdout.strip())
    with server:
        yield server, email


def test_inbox_first_page_with_10000_conversations(new_context, busy_shop) -> None:
    server, email = busy_shop
    login = json.dumps({"email": email, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        server.url + "/api/v1/agent/login", login, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request) as response:
        token = json.loads(response.read())["token"]

    def timed(path: str) -> float:
        started = time.perf_counter()
        call = urllib.request.Request(
            server.url + path, headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(call) as response:
            body = json.loads(response.read())
        assert body["conversations"]
        return (time.perf_counter() - started) * 1000

    api_first = [timed("/api/v1/conversations?status=open&limit=30") for _ in range(10)]
    page = json.loads(
        urllib.request.urlopen(
            urllib.request.Request(
                server.url + "/api/v1/conversations?status=all&limit=100",
                headers={"Authorization": f"Bearer {token}"},
            )
        ).read()
    )
    deep = [timed(f"/api/v1/conversations?status=all&limit=30&cursor={page['next_cursor']}")]
    search = [timed("/api/v1/conversations/search?q=discount&limit=30") for _ in range(5)]
    search_name = [timed("/api/v1/conversations/search?q=Hana%20Vik&limit=30") for _ in range(5)]

    console = AgentConsole(new_context().new_page(), server.url)
    started = time.perf_counter()
    console.login(email, PASSWORD)
    expect(console.conversations.first).to_be_visible()
    ui_first = (time.perf_counter() - started) * 1000
    reloads = []
    for _ in range(3):
        started = time.perf_counter()
        console.page.reload()
        expect(console.conversations.first).to_be_visible()
        reloads.append((time.perf_counter() - started) * 1000)
    count = console.conversations.count()
    console.page.get_by_test_id("conversation-list").locator("..").evaluate(
        "node => { node.scrollTop = node.scrollHeight; }"
    )
    expect(console.conversations).to_have_count(count * 2)

    figures = {
        "api_first_page_ms_median": round(statistics.median(api_first), 1),
        "api_after_cursor_ms": round(deep[0], 1),
        "api_search_text_ms_median": round(statistics.median(search), 1),
        "api_search_name_ms_median": round(statistics.median(search_name), 1),
        "ui_login_to_first_page_ms": round(ui_first, 1),
        "ui_reload_to_first_page_ms_median": round(statistics.median(reloads), 1),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "console-inbox-10k.json").write_text(json.dumps(figures, indent=2) + "\n")
    print("console inbox, 10,000 conversations:", figures)
