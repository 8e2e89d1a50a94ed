"""A page object for the shopper widget, for Playwright (sync API) tests.

    widget = ShopperWidget(page)
    widget.open()
    widget.send("Do you ship to Norway?")
    widget.expect_message("Yes, we do", author="agent")

Every method waits with Playwright's `expect` (auto-retrying), never with sleeps. Locators
pierce the widget's open shadow root, so `data-testid`s (docs/widget.md) are used as they are.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from playwright.sync_api import Locator, Page, expect

if TYPE_CHECKING:
    from .plugin import ShopUnderTest


class ShopperWidget:
    def __init__(self, page: Page, timeout: float = 10_000) -> None:
        self.page = page
        self.timeout = timeout

    # ------------------------------------------------------------------ elements
    def by(self, testid: str) -> Locator:
        return self.page.locator("shopchat-widget").get_by_test_id(testid)

    @property
    def launcher(self) -> Locator:
        return self.by("launcher")

    @property
    def panel(self) -> Locator:
        return self.by("panel")

    @property
    def input(self) -> Locator:
        return self.by("input")

    def message(self, text: str, author: str | None = None) -> Locator:
        found = self.by("message").filter(has_text=text)
        if author is not None:
            found = found.and_(self.page.locator(f'[data-author="{author}"]'))
        return found

    # ------------------------------------------------------------------ actions
    def wait_loaded(self) -> ShopperWidget:
        expect(self.launcher).to_be_visible(timeout=self.timeout)
        return self

    def open(self) -> ShopperWidget:
        """Open the panel and wait until it is connected (status shown)."""
        self.wait_loaded()
        if not self.panel.is_visible():
            self.launcher.click()
        expect(self.panel).to_be_visible(timeout=self.timeout)
        expect(self.by("status")).to_be_visible(timeout=self.timeout)
        return self

    def close(self) -> ShopperWidget:
        self.by("close").click()
        expect(self.panel).to_be_hidden(timeout=self.timeout)
        return self

    def send(self, text: str, *, wait_sent: bool = True) -> Locator:
        self.input.fill(text)
        self.by("send").click()
        sent = self.message(text, author="visitor").last
        if wait_sent:
            expect(sent).to_have_attribute("data-state", "sent", timeout=self.timeout)
        return sent

    def attach(self, path: str | Path, *, wait_sent: bool = True) -> Locator:
        """Send an image through the "+" button's file chooser."""
        with self.page.expect_file_chooser() as chooser:
            self.by("attach-button").click()
        chooser.value.set_files(str(path))
        sent = self.by("message").and_(self.page.locator('[data-kind="image"]')).last
        if wait_sent:
            expect(sent).to_have_attribute("data-state", "sent", timeout=self.timeout)
            expect(sent.locator("img")).to_be_visible(timeout=self.timeout)
        return sent

    # ------------------------------------------------------------------ checks
    def expect_message(self, text: str, author: str = "agent", count: int | None = None) -> Locator:
        found = self.message(text, author=author)
        if count is None:
            expect(found.first).to_be_visible(timeout=self.timeout)
        else:
            expect(found).to_have_count(count, timeout=self.timeout)
        return found

    def messages(self) -> list[dict[str, str | None]]:
        """Every rendered message: author, text, state, seq (in display order)."""
        rows = self.by("message").evaluate_all(
            """nodes => nodes.map(n => ({
                author: n.getAttribute('data-author'),
                text: (n.querySelector('.bubble') || n).textContent,
                state: n.getAttribute('data-state'),
                seq: n.getAttribute('data-seq'),
                kind: n.getAttribute('data-kind'),
            }))"""
        )
        return list(rows)

    def unread_count(self) -> int:
        badge = self.by("unread-badge")
        if not badge.is_visible():
            return 0
        text = badge.text_content() or "0"
        return 100 if text == "99+" else int(text)

    def expect_unread(self, count: int) -> None:
        badge = self.by("unread-badge")
        if count == 0:
            expect(badge).to_be_hidden(timeout=self.timeout)
        else:
            expect(badge).to_have_text(str(count), timeout=self.timeout)

    def status(self) -> str:
        """ "online" or "offline", once connected."""
        status = self.by("status")
        expect(status).to_have_attribute("data-online", re.compile("true|false"))
        return "online" if status.get_attribute("data-online") == "true" else "offline"

    def expect_status(self, online: bool) -> None:
        expect(self.by("status")).to_have_attribute(
            "data-online", "true" if online else "false", timeout=self.timeout
        )


class AgentSocket:
    """An agent on the agent WebSocket (websockets' sync client): the other side of a chat."""

    def __init__(self, base_url: str, email: str, password: str) -> None:
        import json
        import urllib.request

        from websockets.sync.client import connect

        self._json = json
        request = urllib.request.Request(
            base_url + "/api/v1/agent/login",
            data=json.dumps({"email": email, "password": password}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            self.token = json.loads(response.read())["token"]
        self.base_url = base_url
        self._connection = connect(base_url.replace("http", "ws", 1) + "/api/v1/ws/agent")
        self.ws = self._connection.__enter__()
        self.ws.send(json.dumps({"type": "hello", "token": self.token}))
        self.frames: list[dict] = []
        self.next("welcome")

    def next(self, frame_type: str, timeout: float = 10.0, **match: object) -> dict:
        """The next frame of this type (and these top-level or message fields)."""
        import time

        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no {frame_type} frame matching {match}")
            try:
                frame = self._json.loads(self.ws.recv(timeout=left))
            except TimeoutError:
                continue
            self.frames.append(frame)
            inner = frame.get("message") or frame.get("conversation") or {}
            if frame["type"] == frame_type and all(
                frame.get(k, inner.get(k)) == v for k, v in match.items()
            ):
                return frame

    def send(self, conversation_id: int, body: str) -> dict:
        import uuid

        cmid = uuid.uuid4().hex
        frame = {"type": "message", "conversation_id": conversation_id, "client_msg_id": cmid}
        self.ws.send(self._json.dumps({**frame, "body": body}))
        return self.next("ack", client_msg_id=cmid)

    def typing(self, conversation_id: int) -> None:
        self.ws.send(self._json.dumps({"type": "typing", "conversation_id": conversation_id}))

    def read(self, conversation_id: int, seq: int) -> None:
        frame = {"type": "read", "conversation_id": conversation_id, "seq": seq}
        self.ws.send(self._json.dumps(frame))

    def close(self) -> None:
        self._connection.__exit__(None, None, None)


def inject_widget(page: Page, shop: ShopUnderTest, **attributes: str) -> None:
    """Add the widget's script tag to a page the test controls (after it has loaded)."""
    data = {"shop": shop.shop_key, **{k.replace("_", "-"): v for k, v in attributes.items()}}
    page.evaluate(
        """([src, data]) => {
            const script = document.createElement('script');
            script.src = src;
            script.async = true;
            for (const [name, value] of Object.entries(data)) {
                script.setAttribute('data-' + name, value);
            }
            document.head.appendChild(script);
        }""",
        [f"{shop.server_url}/widget/v1/shopchat.js", data],
    )
    page.get_by_test_id("launcher").wait_for()
