"""The agent console in several windows: two agents of one shop, shoppers, another shop."""

from __future__ import annotations

import json
import re
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from websockets.sync.client import ClientConnection, connect

from shopchat.testing.console_page import AgentConsole
from tests.e2e.conftest import Stack

PASSWORD = "console e2e pw"


@dataclass
class Team:
    owner_email: str
    eli_email: str
    other_email: str
    other_shop_key: str


@pytest.fixture(scope="module")
def team(stack: Stack) -> Team:
    """An owner and a second agent in the stack's shop; an agent of another shop."""
    server = stack.server
    suffix = uuid.uuid4().hex[:6]
    owner = f"olive-{suffix}@fjord.example"
    eli = f"eli-{suffix}@fjord.example"
    server.cli(
        "create-agent", "--shop", stack.shop_key, "--email", owner, "--password", PASSWORD,
        "--name", "Olive", "--role", "owner",
    )  # fmt: skip
    server.cli(
        "create-agent", "--shop", stack.shop_key, "--email", eli, "--password", PASSWORD,
        "--name", "Eli",
    )  # fmt: skip
    other = server.cli("create-shop", "--name", "Other Shop", "--origin", "http://other.example")
    other_email = f"xena-{suffix}@other.example"
    server.cli(
        "create-agent", "--shop", other["shop_key"], "--email", other_email,
        "--password", PASSWORD, "--name", "Xena",
    )  # fmt: skip
    return Team(owner, eli, other_email, other["shop_key"])


class Shopper:
    """A shopper's socket (what the widget speaks), synchronous for Playwright tests."""

    def __init__(self, stack: Stack) -> None:
        url = f"{stack.server.ws_url}/api/v1/ws/visitor?shop={stack.shop_key}"
        self.ws: ClientConnection = connect(url, origin=stack.store_url, legacy=True)
        self.ws.send(json.dumps({"type": "hello", "visitor_token": None, "last_seq": None}))
        self.welcome = self.next("welcome")
        self.token: str = self.welcome["visitor_token"]
        self.conversation_id: int = self.welcome["conversation_id"]
        self.received: list[dict[str, Any]] = []

    def next(self, frame_type: str, timeout: float = 10) -> dict[str, Any]:
        while True:
            frame = json.loads(self.ws.recv(timeout=timeout))
            if frame["type"] == frame_type:
                return frame
            if hasattr(self, "received"):
                self.received.append(frame)

    def say(self, text: str) -> dict[str, Any]:
        cmid = uuid.uuid4().hex
        self.ws.send(json.dumps({"type": "message", "client_msg_id": cmid, "body": text}))
        while True:
            ack = self.next("ack")
            if ack["client_msg_id"] == cmid:
                return ack["message"]

    def history(self, server_url: str) -> list[dict[str, Any]]:
        request = urllib.request.Request(
            f"{server_url}/api/v1/conversations/{self.conversation_id}/messages",
            headers={"Authorization": f"Visitor {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())["messages"]

    def close(self) -> None:
        self.ws.close()


def console(context: BrowserContext, stack: Stack) -> AgentConsole:
    return AgentConsole(context.new_page(), stack.server.url)


def hide_tab(page: Page) -> None:
    page.evaluate(
        """() => {
            Object.defineProperty(document, 'visibilityState',
                {configurable: true, get: () => 'hidden'});
            Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});
            document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )


def show_tab(page: Page) -> None:
    page.evaluate(
        """() => {
            delete document.visibilityState; delete document.hidden;
            document.dispatchEvent(new Event('visibilitychange'));
        }"""
    )


def test_two_agents_work_one_conversation_live(new_context, stack: Stack, team: Team) -> None:
    dana = console(new_context(), stack).login(stack.agent_email, stack.agent_password)
    eli = console(new_context(), stack).login(team.eli_email, PASSWORD)
    errors: list[str] = []
    for agent in (dana, eli):
        agent.page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    shopper = Shopper(stack)
    question = f"Where is order {uuid.uuid4().hex[:6]}?"
    shopper.say(question)
    # Both agents see the new conversation without reloading.
    for agent in (dana, eli):
        expect(agent.conversation(text=question)).to_have_count(1)
        expect(agent.conversation(text=question)).to_have_attribute("data-unread", "1")

    dana.open_conversation(text=question)
    dana.expect_message(question)
    dana.assign_to_me()
    expect(eli.conversation(text=question).get_by_test_id("conversation-assignee")).to_have_text(
        "Dana"
    )
    eli.filter("unassigned")
    expect(eli.conversation(text=question)).to_have_count(0)
    eli.filter("open")
    eli.open_conversation(text=question)
    expect(eli.by_test_id("assign")).to_have_value(re.compile(r"^\d+$"))

    dana.reply("It left our warehouse this morning.")
    eli.expect_message("It left our warehouse this morning.", author="agent")
    frame = shopper.next("message")
    assert frame["message"]["body"] == "It left our warehouse this morning."

    # An internal note reaches the other agent, never the shopper.
    dana.note("Customer ordered twice last week")
    eli.expect_message("Customer ordered twice last week", author="agent")
    expect(eli.messages.filter(has_text="ordered twice")).to_have_attribute("data-internal", "true")
    shopper.say("Thanks!")
    dana.expect_message("Thanks!")
    bodies = [m["body"] for m in shopper.history(stack.server.url)]
    assert "Customer ordered twice last week" not in bodies
    assert bodies == [question, "It left our warehouse this morning.", "Thanks!"]
    assert all(f.get("message", {}).get("internal") is not True for f in shopper.received)

    # Close: the other agent sees it; the shopper's next message reopens it.
    dana.close_conversation()
    expect(eli.by_test_id("reopen-conversation")).to_be_visible()
    shopper.say("One more thing: can I change the address?")
    expect(dana.by_test_id("close-conversation")).to_be_visible()
    expect(eli.by_test_id("close-conversation")).to_be_visible()
    dana.expect_message("One more thing: can I change the address?")
    shopper.close()
    assert not [e for e in errors if "Content Security" in e]


def test_note_never_reaches_the_widget(new_context, stack: Stack) -> None:
    shopper_page = new_context().new_page()
    shopper_page.goto(stack.store_url + "/product.html")
    shopper_page.get_by_test_id("launcher").click()
    text = f"Widget question {uuid.uuid4().hex[:6]}"
    shopper_page.get_by_test_id("input").fill(text)
    shopper_page.get_by_test_id("send").click()
    expect(shopper_page.get_by_test_id("message").filter(has_text=text)).to_have_count(1)

    agent = console(new_context(), stack).login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text=text)
    agent.note("Secret note for agents")
    agent.reply("A public answer")
    expect(shopper_page.get_by_test_id("message").filter(has_text="A public answer")).to_have_count(
        1
    )
    expect(shopper_page.get_by_test_id("message").filter(has_text="Secret note")).to_have_count(0)
    shopper_page.reload()
    shopper_page.get_by_test_id("launcher").click()
    expect(shopper_page.get_by_test_id("message").filter(has_text="A public answer")).to_have_count(
        1
    )
    expect(shopper_page.get_by_test_id("message").filter(has_text="Secret note")).to_have_count(0)


def test_canned_replies_from_settings_to_the_reply_box(
    new_context, stack: Stack, team: Team
) -> None:
    owner = console(new_context(), stack).login(team.owner_email, PASSWORD)
    owner.open_settings("canned")
    shortcut = f"ship{uuid.uuid4().hex[:4]}"
    owner.by_test_id("canned-shortcut").fill(shortcut)
    owner.by_test_id("canned-body").fill("We ship within 2 working days.")
    owner.by_test_id("canned-save").click()
    expect(
        owner.page.locator(f'[data-testid="canned-row"][data-shortcut="{shortcut}"]')
    ).to_be_visible()

    shopper = Shopper(stack)
    shopper.say("How fast do you ship?")
    agent = console(new_context(), stack).login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text="How fast do you ship?")
    reply = agent.by_test_id("reply-input")
    reply.press_sequentially(f"Hi! /{shortcut[:5]}")
    option = agent.by_test_id("canned-option").filter(has_text=f"/{shortcut}")
    expect(option).to_be_visible()
    reply.press("Enter")
    expect(reply).to_have_value("Hi! We ship within 2 working days.")
    reply.press("Enter")
    agent.expect_message("Hi! We ship within 2 working days.", author="agent")
    assert shopper.next("message")["message"]["body"] == "Hi! We ship within 2 working days."
    shopper.close()


def test_title_counts_unread_while_the_tab_is_hidden(new_context, stack: Stack) -> None:
    first, second = Shopper(stack), Shopper(stack)
    first.say("First shopper here")
    second.say("Second shopper here")
    agent = console(new_context(), stack).login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text="First shopper here")
    expect(agent.conversation(text="First shopper here")).to_have_attribute("data-unread", "0")
    # Another conversation than the open one: counted even while visible.
    before = int(agent.page.evaluate("document.documentElement.dataset.notified || 0"))
    second.say("Hello again from the second")
    expect(agent.conversation(text="Hello again from the second")).to_have_attribute(
        "data-unread", re.compile(r"[1-9]")
    )
    expect(agent.page.locator("html")).to_have_attribute("data-notified", str(before + 1))
    # The open conversation while the tab is hidden: counted in the title, no read receipt.
    agent.page.evaluate("document.title")
    hide_tab(agent.page)
    first.say("Are you there?")
    agent.expect_message("Are you there?")
    expect(agent.conversation(text="Are you there?")).to_have_attribute("data-unread", "1")
    expect(agent.page).to_have_title(re.compile(r"^\(\d+\) Fjord & Fern"))
    expect(agent.page.locator("html")).to_have_attribute("data-notified", str(before + 2))
    show_tab(agent.page)
    expect(agent.conversation(text="Are you there?")).to_have_attribute("data-unread", "0")

    # Switched off per agent: no count in the title any more (and it stays off after a reload).
    agent.open_settings("account")
    agent.by_test_id("pref-title").uncheck()
    expect(agent.by_test_id("prefs-status")).to_have_text("Saved.")
    agent.page.reload()
    agent.by_test_id("nav-inbox").click()
    expect(agent.by_test_id("connection-status")).to_have_attribute("data-state", "online")
    second.say("Anyone?")
    expect(agent.conversation(text="Anyone?")).to_have_attribute("data-unread", re.compile("[1-9]"))
    expect(agent.page).to_have_title(re.compile(r"^Fjord & Fern"))
    agent.open_settings("account")
    agent.by_test_id("pref-title").check()  # leave the shared agent as it was
    expect(agent.by_test_id("prefs-status")).to_have_text("Saved.")
    first.close()
    second.close()


def test_another_shop_s_agent_sees_nothing(new_context, stack: Stack, team: Team) -> None:
    shopper = Shopper(stack)
    secret = f"Private question {uuid.uuid4().hex[:6]}"
    shopper.say(secret)
    xena = console(new_context(), stack).login(team.other_email, PASSWORD)
    expect(xena.by_test_id("empty-list")).to_be_visible()
    xena.search(secret)
    expect(xena.by_test_id("empty-list")).to_contain_text("Nothing matches")
    expect(xena.conversations).to_have_count(0)
    token = xena.page.evaluate("sessionStorage.getItem('shopchat.console.token')")
    auth = {"Authorization": f"Bearer {token}"}
    base = f"{stack.server.url}/api/v1/conversations/{shopper.conversation_id}"
    for path in ("", "/messages", "/visitor"):
        assert xena.page.request.get(base + path, headers=auth).status == 404
    assert xena.page.request.post(base + "/close", headers=auth).status == 404
    # Her socket got nothing either: a reply from the shop's agent does not show up.
    xena.page.goto(f"{stack.server.url}/console/#/conversations/{shopper.conversation_id}")
    expect(xena.by_test_id("conversation")).to_contain_text("does not exist")
    shopper.close()


def test_logout_revokes_the_token_and_closes_its_socket(new_context, stack: Stack) -> None:
    agent = console(new_context(), stack).login(stack.agent_email, stack.agent_password)
    token = agent.page.evaluate("sessionStorage.getItem('shopchat.console.token')")
    ws = connect(f"{stack.server.ws_url}/api/v1/ws/agent", legacy=True)
    ws.send(json.dumps({"type": "hello", "token": token}))
    assert json.loads(ws.recv(timeout=10))["type"] == "welcome"
    agent.logout()
    with pytest.raises(Exception):  # noqa: B017 - the socket ends: ConnectionClosed
        while True:
            ws.recv(timeout=10)
    assert ws.close_code == 4401
    me = agent.page.request.get(
        f"{stack.server.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}
    )
    assert me.status == 401


def test_search_and_keyboard_help(new_context, stack: Stack) -> None:
    shopper = Shopper(stack)
    word = f"zebra{uuid.uuid4().hex[:5]}"
    shopper.say(f"Do you sell {word} print cushions?")
    agent = console(new_context(), stack).login(stack.agent_email, stack.agent_password)
    agent.search(word)
    expect(agent.conversations).to_have_count(1)
    expect(agent.conversations.get_by_test_id("conversation-preview")).to_contain_text(word)
    agent.by_test_id("search").fill("")
    agent.by_test_id("search").press("Enter")
    expect(agent.conversations.first).to_be_visible()
    agent.page.locator("body").click()
    agent.page.keyboard.press("?")
    expect(agent.by_test_id("help-overlay")).to_be_visible()
    expect(agent.by_test_id("help-overlay")).to_contain_text("Next conversation")
    agent.page.keyboard.press("Escape")
    expect(agent.by_test_id("help-overlay")).to_have_count(0)
    agent.page.keyboard.press("j")
    expect(agent.by_test_id("conversation")).to_be_visible()
    agent.page.keyboard.press("Escape")
    agent.page.keyboard.press("r")
    expect(agent.by_test_id("reply-input")).to_be_focused()
    shopper.close()


def test_agent_attaches_an_image(new_context, stack: Stack) -> None:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buffer, "PNG")
    shopper = Shopper(stack)
    shopper.say("Could you send a photo of the blue one?")
    agent = console(new_context(), stack).login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text="photo of the blue one")
    agent.by_test_id("reply-input").fill("Here it is")
    agent.by_test_id("attach-input").set_input_files(
        {"name": "blue.png", "mimeType": "image/png", "buffer": buffer.getvalue()}
    )
    image = agent.messages.get_by_test_id("message-image")
    expect(image).to_have_count(1)
    expect(image).to_have_js_property("naturalWidth", 64)
    message = shopper.next("message")["message"]
    assert message["kind"] == "image" and message["body"] == "Here it is"
    assert message["image"]["width"] == 64
    # Not an image: refused before any upload, with the widget's message.
    agent.by_test_id("attach-input").set_input_files(
        {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"}
    )
    expect(agent.by_test_id("reply-error")).to_contain_text("PNG, JPEG, GIF or WebP")
    shopper.close()


def test_visitor_panel_follows_the_shopper_s_context_live(new_context, stack: Stack) -> None:
    shopper = Shopper(stack)
    shopper.say("Is this one in stock?")
    agent = console(new_context(), stack).login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text="Is this one in stock?")
    panel = agent.panel
    expect(panel.get_by_test_id("visitor-browser")).to_be_visible()
    expect(panel.get_by_test_id("context-card")).to_have_count(0)

    def set_context(context: dict[str, Any]) -> None:
        shopper.ws.send(json.dumps({"type": "context", "context": context}))

    set_context(
        {
            "page_url": "https://fjord.example/p/linen-cushion",
            "page_title": "Linen cushion — Fjord & Fern",
            "product": {"name": "Linen cushion", "price": 24.5, "currency": "EUR", "sku": "LC-1"},
            "cart": {"items": [{"name": "Wool throw", "qty": 1, "price": 89}], "total": 89},
        }
    )
    expect(panel.get_by_test_id("visitor-page-title")).to_have_text("Linen cushion — Fjord & Fern")
    expect(panel.locator('[data-testid="context-card"][data-kind="product"]')).to_contain_text(
        "Linen cushion"
    )
    expect(panel.locator('[data-testid="context-card"][data-kind="cart"]')).to_contain_text(
        "Wool throw"
    )
    set_context({"page_title": "Checkout — Fjord & Fern", "order": {"id": "1043"}})
    expect(panel.get_by_test_id("visitor-page-title")).to_have_text("Checkout — Fjord & Fern")
    expect(panel.locator('[data-testid="context-card"][data-kind="order"]')).to_contain_text(
        "#1043"
    )
    shopper.close()
