"""The widget's JavaScript API and the shop's REST messages, in a real browser (issue 16):
proactive messages, reset(), hide()/show() and the events, called before the script loads."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, expect

from shopchat.testing.widget_page import ShopperWidget
from tests.e2e.test_widget import WidgetStack, running_stack, shopper, stored, visitor_token

# The embed stub (docs/widget.md) plus a recorder: every call here is queued before the loader.
STUB = """
window.ShopChat = window.ShopChat
  || function () { (ShopChat.q = ShopChat.q || []).push(arguments); };
window.__events = [];
['ready', 'open', 'close', 'unread', 'message'].forEach(function (type) {
  ShopChat('on', type, function (data) {
    var value = data && typeof data === 'object' ? data.body : data;
    __events.push([type, value === undefined ? null : value]);
  });
});
"""


@pytest.fixture(scope="module")
def astack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WidgetStack]:
    with running_stack(tmp_path_factory.mktemp("widget-api"), "Fjord & Fern") as stack:
        yield stack


def call(stack: WidgetStack, method: str, path: str, body: Any = None, token: str = "") -> Any:
    request = urllib.request.Request(
        stack.server.url + path,
        data=json.dumps(body).encode() if body is not None else None,
        method=method,
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def agent_token(stack: WidgetStack) -> str:
    login = call(
        stack, "POST", "/api/v1/agent/login", {"email": stack.email, "password": stack.password}
    )
    return str(login["token"])


def the_shopper_s(stack: WidgetStack, token: str, body: str) -> dict[str, Any]:
    """The conversation whose last message is this body, as the agents' list shows it."""
    listed = call(stack, "GET", "/api/v1/conversations?limit=100", token=token)["conversations"]
    return next(c for c in listed if c["last_message"] and c["last_message"]["body"] == body)


def events(widget: ShopperWidget) -> list[list[Any]]:
    return widget.page.evaluate("() => window.__events")


def with_stub(context: BrowserContext) -> BrowserContext:
    context.add_init_script(STUB)
    return context


def test_a_proactive_message_is_seen_on_the_shopper_s_next_visit(new_context, astack) -> None:
    context = new_context()
    widget = shopper(context, astack).open()
    widget.send("Where is my order 1042?")
    widget.page.close()  # the shopper leaves the store
    token = agent_token(astack)
    conversation = the_shopper_s(astack, token, "Where is my order 1042?")
    sent = call(
        astack, "POST", f"/api/v1/visitors/{conversation['visitor']['id']}/messages",
        {"body": "Your parcel left this morning", "client_msg_id": uuid.uuid4().hex}, token,
    )  # fmt: skip
    assert sent["message"]["conversation_id"] == conversation["id"]
    back = shopper(context, astack, "/cart.html")  # the next visit, the chat still closed
    expect(back.by("unread-badge")).to_have_text("1", timeout=10_000)
    back.open()
    back.expect_message("Your parcel left this morning", author="agent")


def test_reset_forgets_the_shopper_in_every_tab(new_context, astack) -> None:
    context = new_context()
    first = shopper(context, astack).open()
    first.send("My address is 1 Secret Lane")
    old_token = visitor_token(first)
    second = shopper(context, astack, "/cart.html").open()
    second.expect_message("My address is 1 Secret Lane", author="visitor")
    first.page.evaluate("() => ShopChat.reset()")
    for tab in (first, second):
        expect(tab.panel).to_be_hidden()
        expect(stored(tab)).to_have_count(0)
    keys = first.page.evaluate(
        "() => Object.keys(localStorage).filter(k => /:(visitor|last_seq|pending)$/.test(k))"
    )
    assert keys == []
    first.open()  # the next use is a new anonymous shopper
    expect(first.message("1 Secret Lane")).to_have_count(0)
    first.send("Hello, I am someone else")
    second.open()  # the other tab joins that new shopper, not the old one
    second.expect_message("Hello, I am someone else", author="visitor")
    expect(second.message("1 Secret Lane")).to_have_count(0)
    assert visitor_token(first) != old_token
    first.page.reload()
    first.open()
    expect(first.message("1 Secret Lane")).to_have_count(0)
    first.expect_message("Hello, I am someone else", author="visitor")


def test_hide_and_show_the_launcher_even_before_the_script_loads(new_context, astack) -> None:
    context = with_stub(new_context())
    context.add_init_script("ShopChat('hide')")
    page = context.new_page()
    page.goto(astack.store_url + "/product.html")
    widget = ShopperWidget(page)
    page.wait_for_function("() => window.__events.some(e => e[0] === 'ready')")
    expect(widget.launcher).to_be_hidden()
    assert page.evaluate("() => ShopChat.open()") is True  # the API still opens the panel
    expect(widget.panel).to_be_visible()
    page.evaluate("() => ShopChat.close()")
    page.evaluate("() => ShopChat.show()")
    expect(widget.launcher).to_be_visible()
    page.evaluate("() => ShopChat('hide')")
    expect(widget.launcher).to_be_hidden()


def test_ready_open_close_unread_and_message_events(new_context, astack) -> None:
    widget = shopper(with_stub(new_context()), astack).open()
    widget.send("Do you ship to Norway?")
    widget.close()
    token = agent_token(astack)
    conversation = the_shopper_s(astack, token, "Do you ship to Norway?")
    call(
        astack, "POST", f"/api/v1/conversations/{conversation['id']}/messages",
        {"body": "Yes, in 3 days", "client_msg_id": uuid.uuid4().hex}, token,
    )  # fmt: skip
    expect(widget.by("unread-badge")).to_have_text("1")
    widget.open()
    expect(widget.by("unread-badge")).to_be_hidden()
    seen = events(widget)
    assert seen[:2] == [["ready", None], ["open", None]]
    assert ["message", "Do you ship to Norway?"] in seen  # the shopper's own, once stored
    assert seen.index(["close", None]) < seen.index(["message", "Yes, in 3 days"])
    assert seen[-3:] == [["unread", 1], ["unread", 0], ["open", None]]  # read as it opens
    late = widget.page.evaluate(
        "() => new Promise(done => ShopChat.on('ready', () => done('called')))"
    )
    assert late == "called"  # a listener added after ready is called at once
