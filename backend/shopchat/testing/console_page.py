"""A Playwright page object for the agent console, for shopchat's tests and for stores' QA.

    console = AgentConsole(page, "http://127.0.0.1:8000")
    console.login("dana@shop.example", "secret")
    console.open_conversation(visitor_name="Calm Otter")
    console.expect_message("Do you ship to Norway?")
    console.reply("We do!")

Every wait is a Playwright `expect` (auto-retrying); nothing sleeps.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect


class AgentConsole:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url.rstrip("/")

    # ------------------------------------------------------------ locators
    def by_test_id(self, test_id: str) -> Locator:
        return self.page.get_by_test_id(test_id)

    @property
    def conversations(self) -> Locator:
        return self.by_test_id("conversation-item")

    @property
    def messages(self) -> Locator:
        return self.by_test_id("message")

    @property
    def panel(self) -> Locator:
        return self.by_test_id("visitor-panel")

    def conversation(self, *, visitor_name: str | None = None, text: str | None = None) -> Locator:
        items = self.conversations
        if visitor_name is not None:
            items = items.filter(
                has=self.page.get_by_test_id("conversation-name").get_by_text(
                    visitor_name, exact=True
                )
            )
        if text is not None:
            items = items.filter(has_text=text)
        return items

    # ------------------------------------------------------------- actions
    def goto(self) -> AgentConsole:
        self.page.goto(self.base_url + "/console/")
        return self

    def login(self, email: str, password: str) -> AgentConsole:
        if not self.page.url.startswith(self.base_url + "/console"):
            self.goto()
        self.by_test_id("login-email").fill(email)
        self.by_test_id("login-password").fill(password)
        self.by_test_id("login-submit").click()
        expect(self.by_test_id("login-form")).to_have_count(0)
        expect(self.by_test_id("connection-status")).to_have_attribute("data-state", "online")
        return self

    def logout(self) -> None:
        self.by_test_id("logout").click()
        expect(self.by_test_id("login-form")).to_be_visible()

    def filter(self, name: str) -> None:
        """open, mine, unassigned, closed or all."""
        self.by_test_id("conversation-filter").select_option(name)

    def search(self, text: str) -> None:
        box = self.by_test_id("search")
        box.fill(text)
        box.press("Enter")

    def open_conversation(
        self, index: int = 0, *, visitor_name: str | None = None, text: str | None = None
    ) -> Locator:
        """Open a conversation of the list (by position, visitor name or text); return it."""
        if visitor_name is None and text is None:
            item = self.conversations.nth(index)
        else:
            item = self.conversation(visitor_name=visitor_name, text=text).first
        expect(item).to_be_visible()
        conversation_id = item.get_attribute("data-conversation-id")
        item.click()
        expect(self.by_test_id("conversation")).to_have_attribute(
            "data-conversation-id", conversation_id or ""
        )
        return item

    def _send(self, text: str, *, note: bool) -> Locator:
        toggle = self.by_test_id("note-toggle")
        if (toggle.get_attribute("aria-pressed") == "true") != note:
            toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "true" if note else "false")
        self.by_test_id("reply-input").fill(text)
        self.by_test_id("reply-input").press("Enter")
        sent = self.messages.filter(has_text=text).last
        # Stored once the server acknowledged it: it then carries its seq.
        expect(sent).to_have_attribute("data-seq", re.compile(r"^\d+$"))
        return sent

    def reply(self, text: str) -> Locator:
        return self._send(text, note=False)

    def note(self, text: str) -> Locator:
        sent = self._send(text, note=True)
        expect(sent).to_have_attribute("data-internal", "true")
        self.by_test_id("note-toggle").click()  # back to replying
        return sent

    def assign_to_me(self) -> None:
        self.by_test_id("assign").select_option("me")
        expect(self.by_test_id("assign")).to_have_value("me")

    def unassign(self) -> None:
        self.by_test_id("assign").select_option("")
        expect(self.by_test_id("assign")).to_have_value("")

    def close_conversation(self) -> None:
        self.by_test_id("close-conversation").click()
        expect(self.by_test_id("reopen-conversation")).to_be_visible()

    def reopen_conversation(self) -> None:
        self.by_test_id("reopen-conversation").click()
        expect(self.by_test_id("close-conversation")).to_be_visible()

    def open_settings(self, tab: str | None = None) -> Locator:
        self.by_test_id("nav-settings").click()
        page = self.by_test_id("settings-page")
        expect(page).to_be_visible()
        if tab:
            self.page.locator(f'[data-testid="settings-tab"][data-tab="{tab}"]').click()
        return page

    # ---------------------------------------------------------- assertions
    def expect_message(self, text: str, author: str = "visitor") -> Locator:
        message = self.messages.filter(has_text=text)
        expect(message).to_have_count(1)
        expect(message).to_have_attribute("data-author", author)
        return message

    def expect_no_message(self, text: str) -> None:
        expect(self.messages.filter(has_text=text)).to_have_count(0)
