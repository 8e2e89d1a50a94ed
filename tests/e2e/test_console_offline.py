"""The installable console: its service worker caches the shell (never the API), controls
the page, and a reload without a network still shows the console, saying it is offline,
instead of the browser's error page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from shopchat.testing.console_page import AgentConsole
from tests.e2e.conftest import Stack


def cached_paths(page: Page) -> dict[str, list[str]]:
    return page.evaluate(
        """async () => {
            const out = {};
            for (const key of await caches.keys()) {
                const requests = await (await caches.open(key)).keys();
                out[key] = requests.map(r => new URL(r.url).pathname);
            }
            return out;
        }"""
    )


def test_the_installed_console_opens_offline_from_its_cache(new_context, stack: Stack) -> None:
    context = new_context()
    page = context.new_page()
    agent = AgentConsole(page, stack.server.url).goto()
    manifest = page.locator('link[rel="manifest"]')
    expect(manifest).to_have_attribute("href", "/console/manifest.webmanifest")
    state = page.evaluate("navigator.serviceWorker.ready.then(r => r.active && r.active.state)")
    assert state in ("activating", "activated")
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == stack.server.url + "/console/"

    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == (
        stack.server.url + "/console/sw.js"
    )
    caches = cached_paths(page)
    assert len(caches) == 1, caches
    (name, paths), *_ = caches.items()
    assert re.fullmatch(r"shopchat-console-[0-9a-f]{16}", name)
    assert {"/console/", "/console/js/main.js", "/console/vendor/preact.module.js"} <= set(paths)
    assert not [p for p in paths if not p.startswith("/console/")], paths

    agent.login(stack.agent_email, stack.agent_password)
    context.set_offline(True)
    page.reload()  # signed in (this tab's session), no network
    expect(agent.by_test_id("offline-notice")).to_be_visible()
    expect(agent.by_test_id("offline-notice")).to_contain_text("You are offline")
    expect(agent.by_test_id("shop-name")).to_be_visible()
    expect(agent.by_test_id("conversation-list")).to_be_visible()
    expect(agent.by_test_id("connection-status")).not_to_have_attribute("data-state", "online")
    assert cached_paths(page) == caches, "nothing of the API was cached"

    fresh = context.new_page()  # e.g. the installed app opened: no session in it yet
    fresh.goto(stack.server.url + "/console/")
    expect(fresh.get_by_test_id("login-form")).to_be_visible()
    expect(fresh.get_by_test_id("offline-notice")).to_contain_text("Signing in needs the network")

    context.set_offline(False)
    expect(agent.by_test_id("offline-notice")).to_have_count(0)
    expect(agent.by_test_id("connection-status")).to_have_attribute("data-state", "online")
