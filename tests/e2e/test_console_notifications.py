"""The console's notifications: a desktop Notification and a chime for a shopper's message the
agent is not looking at, each switched off per agent; never for agents' replies or notes."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, expect

from shopchat.testing.console_page import AgentConsole
from shopchat.testing.widget_page import AgentSocket
from tests.e2e.conftest import Stack
from tests.e2e.test_console import Shopper, hide_tab, show_tab

PASSWORD = "notify e2e pw"

# Records what the console asks of the browser: every `new Notification(title, options)`
# (passed on to the real one) and every chime. The chime is WebAudio oscillators started in
# one go, so the oscillator starts made within one task count as one sound.
SPIES = """(() => {
    const notifications = window.__notifications = [];
    const sounds = window.__sounds = [];
    const Real = window.Notification;
    function Spy(title, options) {
        notifications.push({title: String(title), body: String((options || {}).body)});
        return new Real(title, options);
    }
    Object.defineProperty(Spy, 'permission', {get: () => Real.permission});
    Spy.requestPermission = (...args) => Real.requestPermission(...args);
    window.Notification = Spy;
    let inTask = false;
    const start = AudioScheduledSourceNode.prototype.start;
    AudioScheduledSourceNode.prototype.start = function (...args) {
        if (!inTask) {
            inTask = true;
            sounds.push(Date.now());
            setTimeout(() => { inTask = false; });
        }
        return start.apply(this, args);
    };
})();"""


def notifications(agent: AgentConsole) -> list[dict[str, str]]:
    return agent.page.evaluate("() => window.__notifications.slice()")


def sounds(agent: AgentConsole) -> int:
    return agent.page.evaluate("() => window.__sounds.length")


def notified(agent: AgentConsole) -> int:
    return int(agent.page.evaluate("document.documentElement.dataset.notified || 0"))


def expect_notified(agent: AgentConsole, count: int) -> None:
    """The console handled the message (its own counter): what it recorded is complete."""
    expect(agent.page.locator("html")).to_have_attribute("data-notified", str(count))


def set_pref(agent: AgentConsole, name: str, on: bool) -> None:
    agent.open_settings("account")
    box = agent.by_test_id(f"pref-{name}")
    if box.is_checked() != on:
        box.set_checked(on)
        expect(agent.by_test_id("prefs-status")).to_have_text("Saved.")
    agent.by_test_id("nav-inbox").click()


class NamedShopper(Shopper):
    def __init__(self, stack: Stack, name: str) -> None:
        super().__init__(stack)
        self.ws.send(json.dumps({"type": "identify", "name": name}))
        self.next("identity")


@pytest.fixture
def email(stack: Stack) -> str:
    """A fresh agent: its own preferences, nobody else's tests touch them."""
    email = f"nia-{uuid.uuid4().hex[:6]}@fjord.example"
    stack.server.cli(
        "create-agent", "--shop", stack.shop_key, "--email", email, "--password", PASSWORD,
        "--name", "Nia",
    )  # fmt: skip
    return email


@pytest.fixture
def agent(new_context, stack: Stack, email: str) -> AgentConsole:
    """That agent signed in, in a browser that allows notifications."""
    context: BrowserContext = new_context()
    context.grant_permissions(["notifications"], origin=stack.server.url)
    context.add_init_script(SPIES)
    return AgentConsole(context.new_page(), stack.server.url).login(email, PASSWORD)


def test_a_message_in_another_conversation_notifies_once_by_name_and_chime(
    agent: AgentConsole, stack: Stack
) -> None:
    ada, ben = NamedShopper(stack, "Ada <b>Lovelace</b>"), NamedShopper(stack, "Ben")
    ada.say("Hello from Ada")
    ben.say("Hello from Ben")
    agent.open_conversation(text="Hello from Ben")
    before, shown, chimes = notified(agent), len(notifications(agent)), sounds(agent)

    ada.say("Is the <img src=x onerror=alert(1)> throw itchy?")
    expect_notified(agent, before + 1)
    assert notifications(agent)[shown:] == [
        {"title": "Ada <b>Lovelace</b>", "body": "Is the <img src=x onerror=alert(1)> throw itchy?"}
    ]  # plain text: the markup is neither run nor escaped
    assert sounds(agent) == chimes + 1

    # The open conversation while the tab is visible: no notification, no sound.
    ben.say("Still here")
    agent.expect_message("Still here")
    # ...and while the tab is hidden: one more of each.
    hide_tab(agent.page)
    ben.say("Hello? Anyone?")
    expect_notified(agent, before + 2)
    assert notifications(agent)[shown + 1 :] == [{"title": "Ben", "body": "Hello? Anyone?"}]
    assert sounds(agent) == chimes + 2
    show_tab(agent.page)
    ada.close()
    ben.close()


def test_a_new_conversation_is_announced_with_the_shopper_s_name(
    agent: AgentConsole, stack: Stack
) -> None:
    hide_tab(agent.page)
    before = notified(agent)
    cleo = Shopper(stack)
    cleo.say("First time here")
    expect_notified(agent, before + 1)
    name = agent.conversation(text="First time here").get_by_test_id("conversation-name")
    (notification,) = notifications(agent)
    assert notification == {
        "title": f"New conversation — {name.text_content()}",
        "body": "First time here",
    }
    cleo.close()


@pytest.mark.parametrize(
    ("switched_off", "expect_notification", "expect_sound"),
    [("sound", True, False), ("desktop", False, True)],
)
def test_each_can_be_switched_off_per_agent(
    agent: AgentConsole,
    stack: Stack,
    switched_off: str,
    expect_notification: bool,
    expect_sound: bool,
) -> None:
    dee = NamedShopper(stack, "Dee")
    dee.say("Before the switch")
    set_pref(agent, switched_off, False)
    agent.page.reload()  # the preference is the agent's, kept on the server
    expect(agent.by_test_id("connection-status")).to_have_attribute("data-state", "online")
    before = notified(agent)  # a reloaded page: its spies start from zero
    dee.say("After the switch")
    expect_notified(agent, before + 1)
    assert (len(notifications(agent)), sounds(agent)) == (
        int(expect_notification),
        int(expect_sound),
    )
    dee.close()


def test_no_notification_for_agents_replies_or_notes(
    agent: AgentConsole, stack: Stack, email: str
) -> None:
    eve = NamedShopper(stack, "Eve")
    eve.say("Can I change my order?")
    frank = NamedShopper(stack, "Frank")
    frank.say("Where is my parcel?")
    expect_notified(agent, 2)  # the shoppers' messages, live after sign-in
    agent.open_conversation(text="Can I change my order?")
    before = (notifications(agent), sounds(agent), notified(agent))
    agent.reply("Of course, which item?")
    agent.note("Eve ordered twice last week")
    # The same agent in another tab, and a note there, in a conversation that is not open.
    other_tab = AgentSocket(stack.server.url, email, PASSWORD)
    for internal in (False, True):
        frame: dict[str, Any] = {
            "type": "message", "conversation_id": frank.conversation_id,
            "client_msg_id": uuid.uuid4().hex, "body": f"From the other tab, internal={internal}",
            "internal": internal,
        }  # fmt: skip
        other_tab.ws.send(json.dumps(frame))
        other_tab.next("ack", client_msg_id=frame["client_msg_id"])
    other_tab.close()
    preview = agent.conversation(visitor_name="Frank").get_by_test_id("conversation-preview")
    expect(preview).to_have_text("Note: From the other tab, internal=True")  # handled
    assert (notifications(agent), sounds(agent), notified(agent)) == before
    frank.close()
    eve.close()
