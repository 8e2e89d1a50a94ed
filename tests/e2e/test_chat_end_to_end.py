"""A shopper on the demo store (its own origin) and an agent in the console, in two windows."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

from shopchat.testing.console_page import AgentConsole
from shopchat.testing.widget_page import ShopperWidget
from tests.e2e.conftest import Stack


def shopper_on(context: BrowserContext, stack: Stack, path: str = "/product.html") -> ShopperWidget:
    page = context.new_page()
    page.goto(stack.store_url + path)
    return ShopperWidget(page)


def test_shopper_and_agent_chat_across_origins(new_context, stack: Stack) -> None:
    shopper = shopper_on(new_context(), stack)
    console_errors: list[str] = []
    shopper.page.on(
        "console", lambda m: console_errors.append(m.text) if m.type == "error" else None
    )
    shopper.open()
    shopper.send("Is the wool throw machine washable?")

    other_shopper = shopper_on(new_context(), stack, "/")
    other_shopper.open()
    other_shopper.send("Do you ship to Iceland?")

    agent = AgentConsole(new_context().new_page(), stack.server.url)
    agent.login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text="machine washable")
    agent.expect_message("Is the wool throw machine washable?", author="visitor")
    agent.expect_no_message("Do you ship to Iceland?")
    agent.reply("Yes, on the wool cycle at 30 °C.")

    shopper.expect_message("Yes, on the wool cycle at 30 °C.", author="agent")
    other_shopper.expect_message("wool cycle", author="agent", count=0)
    shown = [m["author"] for m in shopper.messages() if m["author"] != "system"]
    assert shown == ["visitor", "agent"]  # in seq order, across the day separator
    agent.note("Asked about care before")
    expect(agent.panel).not_to_contain_text("null")

    shopper.send("Great, thanks!")
    agent.expect_message("Great, thanks!", author="visitor")
    assert not [e for e in console_errors if "CORS" in e or "Content Security" in e]
