"""A shopper on the demo store (its own origin) and an agent in the console, in two windows."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Stack


def open_store(context: BrowserContext, stack: Stack, path: str = "/product.html") -> Page:
    page = context.new_page()
    page.goto(stack.store_url + path)
    return page


def open_chat(page: Page) -> None:
    page.get_by_test_id("launcher").click()
    expect(page.get_by_test_id("panel")).to_be_visible()


def shopper_says(page: Page, text: str) -> None:
    page.get_by_test_id("input").fill(text)
    page.get_by_test_id("send").click()
    sent = page.get_by_test_id("message").filter(has_text=text)
    expect(sent).to_have_attribute("data-state", "sent")


def log_in(page: Page, stack: Stack) -> None:
    page.goto(stack.console_url)
    page.get_by_test_id("login-email").fill(stack.agent_email)
    page.get_by_test_id("login-password").fill(stack.agent_password)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("login-email")).to_have_count(0)


def test_shopper_and_agent_chat_across_origins(new_context, stack: Stack) -> None:
    shopper = open_store(new_context(), stack)
    console_errors: list[str] = []
    shopper.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    open_chat(shopper)
    shopper_says(shopper, "Is the wool throw machine washable?")

    other_shopper = open_store(new_context(), stack, "/")
    open_chat(other_shopper)
    shopper_says(other_shopper, "Do you ship to Iceland?")

    agent = new_context().new_page()
    log_in(agent, stack)
    item = agent.get_by_test_id("conversation-item").filter(has_text="machine washable")
    expect(item).to_be_visible()
    item.click()
    question = agent.get_by_test_id("message").filter(has_text="machine washable")
    expect(question).to_have_attribute("data-author", "visitor")
    expect(agent.get_by_test_id("message").filter(has_text="Iceland")).to_have_count(0)

    agent.get_by_test_id("reply-input").fill("Yes, on the wool cycle at 30 °C.")
    agent.get_by_test_id("reply-send").click()

    answer = shopper.get_by_test_id("message").filter(has_text="wool cycle at 30")
    expect(answer).to_have_attribute("data-author", "agent")
    expect(other_shopper.get_by_test_id("message").filter(has_text="wool cycle")).to_have_count(0)

    shopper_says(shopper, "Great, thanks!")
    expect(agent.get_by_test_id("message").filter(has_text="Great, thanks!")).to_be_visible()
    assert not [e for e in console_errors if "CORS" in e or "Content Security" in e]
