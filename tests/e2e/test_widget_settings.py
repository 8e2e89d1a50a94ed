"""The console's shop settings as the widget shows them: its side of the page, business hours."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from shopchat.demo import start_demo_site
from shopchat.services.business_hours import DAYS, opening
from shopchat.testing import free_port
from shopchat.testing.widget_page import AgentSocket, ShopperWidget
from tests.e2e.test_widget import WidgetStack, running_stack, shot

PASSWORD = "settings e2e pw"
# The store page's tag as if it said data-position="right": set while the parser inserts it,
# before the async script runs (a routed page cannot load scripts from a loopback server).
PIN_RIGHT = """new MutationObserver((_, observer) => {
    const tag = document.querySelector('script[data-shop]');
    if (tag) { tag.setAttribute('data-position', 'right'); observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});"""


@pytest.fixture(scope="module")
def wstack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WidgetStack]:
    with running_stack(tmp_path_factory.mktemp("widget-settings"), "Settings Shop") as stack:
        yield stack


@dataclass
class OwnShop:
    store_url: str
    key: str
    email: str


@contextmanager
def own_shop(stack: WidgetStack, name: str, settings: dict[str, Any]) -> Iterator[OwnShop]:
    """A new shop with these settings (PUT by its owner, as the console does) and its store."""
    port = free_port()
    store = f"http://127.0.0.1:{port}"
    shop = stack.server.cli("create-shop", "--name", name, "--origin", store)
    email = f"owner-{uuid.uuid4().hex[:6]}@shop.example"
    stack.server.cli(
        "create-agent", "--shop", shop["shop_key"], "--email", email, "--password", PASSWORD,
        "--name", "Olive", "--role", "owner",
    )  # fmt: skip
    owner = AgentSocket(stack.server.url, email, PASSWORD)
    owner.close()  # only its token: the agents online are each test's business
    request = urllib.request.Request(
        stack.server.url + "/api/v1/shop/settings",
        data=json.dumps(settings).encode(),
        headers={"Authorization": f"Bearer {owner.token}", "Content-Type": "application/json"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    site = start_demo_site("127.0.0.1", port, stack.server.url, shop["shop_key"])
    try:
        yield OwnShop(store, shop["shop_key"], email)
    finally:
        site.shutdown()


def side(page: Page, element: Locator) -> str:
    box = element.bounding_box()
    assert box is not None
    return "left" if box["x"] + box["width"] / 2 < page.viewport_size["width"] / 2 else "right"


def expect_side(page: Page, element: Locator, expected: str) -> None:
    """Wait until the element's centre is on that half of the viewport."""
    test = "<" if expected == "left" else ">"
    element.evaluate(
        f"""node => new Promise(done => {{
            const check = () => {{
                const box = node.getBoundingClientRect();
                if (box.width && box.left + box.width / 2 {test} innerWidth / 2) done();
                else requestAnimationFrame(check);
            }};
            check();
        }})"""
    )
    assert side(page, element) == expected


def test_the_shop_s_side_moves_the_widget_and_is_remembered(
    new_context, wstack: WidgetStack
) -> None:
    with own_shop(wstack, "Left Shop", {"widget_position": "left"}) as shop:
        context = new_context(viewport={"width": 1280, "height": 720})
        page = context.new_page()
        page.goto(shop.store_url + "/product.html")
        widget = ShopperWidget(page).wait_loaded()
        assert side(page, widget.launcher) == "right"  # a first visit knows nothing yet
        widget.open()
        expect_side(page, widget.launcher, "left")  # the welcome told it
        expect_side(page, widget.panel, "left")
        stored = page.evaluate(f"() => localStorage.getItem('shopchat:{shop.key}:position')")
        assert stored == "left"
        shot(page, "position-left")

        # The next page draws it on the left at once: without panel.js, nothing else could.
        again = context.new_page()
        again.route("**/widget/v1/**panel*", lambda route: route.abort())
        again.goto(shop.store_url + "/cart.html")
        assert side(again, ShopperWidget(again).wait_loaded().launcher) == "left"
        again.close()

        # data-position on the page wins over the shop's (and the remembered) side.
        fixed = context.new_page()
        fixed.add_init_script(PIN_RIGHT)
        fixed.goto(shop.store_url + "/product.html")
        pinned = ShopperWidget(fixed).open()
        pinned.expect_status(online=False)  # the welcome came, and did not move it
        assert side(fixed, pinned.launcher) == "right"
        assert side(fixed, pinned.panel) == "right"


def test_outside_business_hours_the_widget_is_away_and_opens_on_time(
    new_context, wstack: WidgetStack
) -> None:
    now = datetime.now(UTC)
    day = DAYS[(now.weekday() + 2) % 7]  # open only the day after tomorrow: closed now
    hours = {"timezone": "UTC", "days": {day: [["09:00", "17:00"]]}}
    away = "We're closed today. Leave a message and we'll answer in the morning."
    settings = {"business_hours": hours, "offline_message": away}
    with own_shop(wstack, "Hours Shop", settings) as shop:
        context = new_context(viewport={"width": 1280, "height": 720})
        context.clock.install()  # the test moves the page's clock to the opening hour
        page = context.new_page()
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        page.goto(shop.store_url + "/product.html")
        widget = ShopperWidget(page).open()
        widget.expect_status(online=False)

        # An agent comes online (presence frame) while the shop is closed: still away.
        agent = AgentSocket(wstack.server.url, shop.email, PASSWORD)
        sent = widget.send("Do you ship on Sundays?")  # stored all the same
        message = agent.next("message", body="Do you ship on Sundays?")["message"]
        agent.send(message["conversation_id"], "We'll answer properly on opening.")
        widget.expect_message("We'll answer properly on opening.")  # after the presence frame
        widget.expect_status(online=False)
        expect(widget.by("status")).to_have_text("Offline")
        note = widget.by("offline-note")
        expect(note).to_be_visible()
        expect(note).to_contain_text(away)
        expect(sent).to_have_attribute("data-state", "sent")
        shot(page, "outside-business-hours")

        # Opening time: the status flips without a reconnect; closing time: back to away.
        opens, closes = opening(hours, now).changes[:2]
        ms_to_open = (opens - datetime.now(UTC)).total_seconds() * 1000
        page.clock.fast_forward(int(ms_to_open) + 60_000)
        widget.expect_status(online=True)
        expect(note).to_be_hidden()
        page.clock.fast_forward(int((closes - opens).total_seconds() * 1000))
        widget.expect_status(online=False)
        expect(note).to_be_visible()
        assert len(sockets) == 1  # one socket all along: no reconnect
        agent.close()
