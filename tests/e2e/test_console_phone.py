"""The console on a phone (390×844, touch) and a tablet (768×1024, touch): one pane at a time
below 720 px, the visitor details as a sheet below 1240 px, nothing wider than the screen,
touch targets of 44 px, Send and the reply box on screen. Screenshots to look at:
tests/artifacts/console-phone-*.png, console-tablet.png, console-desktop-1280.png."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from shopchat.testing.console_page import AgentConsole
from tests.e2e.conftest import Stack
from tests.e2e.test_console import PASSWORD, Shopper, Team, team  # noqa: F401 - fixture

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TABLET = {"viewport": {"width": 768, "height": 1024}, "has_touch": True}


def no_sideways_scroll(page: Page, width: int) -> None:
    """With a mobile viewport Chromium widens the page to fit wide content, so innerWidth is
    checked too: scrollWidth <= innerWidth alone would prove nothing."""
    size = page.evaluate(
        """w => ({inner: innerWidth, html: document.documentElement.scrollWidth,
            body: document.body.scrollWidth,
            wide: [...document.querySelectorAll('body *')]
                .filter(n => n.getBoundingClientRect().right > w + 0.5)
                .slice(0, 5).map(n => n.className || n.tagName)})""",
        width,
    )
    assert size["inner"] == width and size["html"] <= width and size["body"] <= width, size


def on_screen(page: Page, locator: Locator) -> None:
    box = locator.bounding_box()
    view = page.viewport_size
    assert box and view, locator
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= view["width"], box
    assert box["y"] + box["height"] <= view["height"], box


def thumb_sized(locator: Locator) -> None:
    box = locator.bounding_box()
    assert box and box["width"] >= 44 and box["height"] >= 44, box


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def test_a_phone_shows_one_pane_at_a_time(new_context, stack: Stack, team: Team) -> None:  # noqa: F811
    question = f"Is the green throw back in stock? {uuid.uuid4().hex[:4]}"
    shopper = Shopper(stack)
    shopper.say(question)
    page = new_context(**PHONE).new_page()
    agent = AgentConsole(page, stack.server.url).login(team.owner_email, PASSWORD)
    no_sideways_scroll(page, 390)
    expect(agent.by_test_id("conversation-list")).to_be_visible()
    expect(agent.by_test_id("conversation-view")).to_be_hidden()
    for testid in ("nav-inbox", "nav-settings", "logout", "search", "conversation-filter"):
        on_screen(page, agent.by_test_id(testid))
        thumb_sized(agent.by_test_id(testid))
    shot(page, "console-phone-inbox.png")

    item = agent.open_conversation(text=question)
    conversation_id = item.get_attribute("data-conversation-id")
    expect(agent.by_test_id("conversation-list")).to_be_hidden()
    no_sideways_scroll(page, 390)
    for testid in ("back-button", "details-button", "reply-send", "reply-input", "assign"):
        on_screen(page, agent.by_test_id(testid))
    for testid in ("back-button", "details-button", "reply-send", "note-toggle", "attach-button"):
        thumb_sized(agent.by_test_id(testid))
    agent.by_test_id("reply-input").fill("It is! Shall I put one aside for you?")
    agent.by_test_id("reply-send").tap()
    sent = agent.messages.filter(has_text="put one aside")
    expect(sent).to_have_attribute("data-seq", re.compile(r"^\d+$"))
    assert shopper.next("message")["message"]["body"] == "It is! Shall I put one aside for you?"
    agent.reply("We ship within two days.")
    no_sideways_scroll(page, 390)
    shot(page, "console-phone-conversation.png")

    # The on-screen keyboard: with interactive-widget=resizes-content it shrinks the layout
    # viewport, which a smaller viewport stands in for here (headless Chromium has no keyboard).
    page.set_viewport_size({"width": 390, "height": 470})
    on_screen(page, agent.by_test_id("reply-input"))
    on_screen(page, agent.by_test_id("reply-send"))
    shot(page, "console-phone-keyboard.png")
    page.set_viewport_size({"width": 390, "height": 844})

    agent.by_test_id("details-button").tap()
    expect(agent.panel).to_be_visible()
    expect(agent.panel.get_by_test_id("visitor-details")).to_be_visible()
    on_screen(page, agent.by_test_id("details-close"))
    thumb_sized(agent.by_test_id("details-close"))
    no_sideways_scroll(page, 390)
    shot(page, "console-phone-details.png")
    agent.by_test_id("details-close").tap()
    expect(agent.panel).to_be_hidden()
    expect(agent.by_test_id("conversation")).to_be_visible()

    agent.by_test_id("back-button").tap()  # the list again, nothing open
    expect(agent.by_test_id("conversation-list")).to_be_visible()
    expect(agent.by_test_id("conversation")).to_have_count(0)
    assert page.evaluate("location.hash") == ""

    # The browser's (Android's) Back closes what the console opened, in order.
    page.locator(
        f'[data-testid="conversation-item"][data-conversation-id="{conversation_id}"]'
    ).tap()
    agent.by_test_id("details-button").tap()
    expect(agent.panel).to_be_visible()
    page.go_back()
    expect(agent.panel).to_be_hidden()
    expect(agent.by_test_id("conversation")).to_be_visible()
    page.go_back()
    expect(agent.by_test_id("conversation-list")).to_be_visible()
    expect(agent.by_test_id("conversation")).to_have_count(0)
    assert page.url.startswith(stack.server.url + "/console/"), "Back stayed in the console"

    for tab in ("account", "shop", "team", "canned", "install"):
        agent.open_settings(tab)
        no_sideways_scroll(page, 390)
    shot(page, "console-phone-settings.png")
    shopper.close()


def test_a_tablet_keeps_two_columns_and_shows_details_as_a_sheet(
    new_context,
    stack: Stack,
) -> None:
    question = f"Do the cushions come in linen? {uuid.uuid4().hex[:4]}"
    shopper = Shopper(stack)
    shopper.say(question)
    page = new_context(**TABLET).new_page()
    agent = AgentConsole(page, stack.server.url).login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text=question)
    expect(agent.by_test_id("conversation-list")).to_be_visible()
    expect(agent.by_test_id("back-button")).to_be_hidden()
    expect(agent.panel).to_be_hidden()
    agent.reply("They do, in four colours.")
    on_screen(page, agent.by_test_id("reply-send"))
    no_sideways_scroll(page, 768)

    agent.by_test_id("details-button").tap()
    expect(agent.panel).to_be_visible()
    on_screen(page, agent.panel)
    shot(page, "console-tablet.png")
    page.keyboard.press("Escape")
    expect(agent.panel).to_be_hidden()
    agent.by_test_id("details-button").tap()
    expect(agent.panel).to_be_visible()
    page.go_back()
    expect(agent.panel).to_be_hidden()
    expect(agent.by_test_id("conversation")).to_be_visible()
    no_sideways_scroll(page, 768)
    shopper.close()


def test_a_desktop_keeps_three_columns(new_context, stack: Stack) -> None:
    question = f"Can I pick up my order in store? {uuid.uuid4().hex[:4]}"
    shopper = Shopper(stack)
    shopper.say(question)
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    agent = AgentConsole(page, stack.server.url).login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text=question)
    expect(agent.panel).to_be_visible()
    for testid in ("back-button", "details-button", "details-close"):
        expect(agent.by_test_id(testid)).to_be_hidden()
    page.keyboard.press("Escape")  # nothing to go back to: everything stays
    expect(agent.by_test_id("conversation")).to_be_visible()
    agent.reply("Yes, from our Oslo shop.")
    page.locator("body").click()
    shot(page, "console-desktop-1280.png")
    shopper.close()
