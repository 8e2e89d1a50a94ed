"""The open conversation's history in the console: the latest page first, Load earlier for the
rest (in seq order, the button gone when nothing is left), and the typing indicator."""

from __future__ import annotations

import json
import uuid

from playwright.sync_api import expect

from shopchat.testing.console_page import AgentConsole
from shopchat.testing.widget_page import AgentSocket
from tests.e2e.conftest import Stack
from tests.e2e.test_console import Shopper


def test_load_earlier_brings_the_rest_in_order(new_context, stack: Stack) -> None:
    shopper = Shopper(stack)
    tag = uuid.uuid4().hex[:6]
    shopper.say(f"{tag} line 1")
    other_tab = AgentSocket(stack.server.url, stack.agent_email, stack.agent_password)
    for n in range(2, 61):  # an agent's socket has no message rate limit, a shopper's has
        cmid = uuid.uuid4().hex
        frame = {"type": "message", "conversation_id": shopper.conversation_id,
                 "client_msg_id": cmid, "body": f"{tag} line {n}"}  # fmt: skip
        other_tab.ws.send(json.dumps(frame))
        other_tab.next("ack", client_msg_id=cmid)
    other_tab.close()
    agent = AgentConsole(new_context().new_page(), stack.server.url)
    agent.login(stack.agent_email, stack.agent_password)
    agent.open_conversation(text=f"{tag} line 60")
    expect(agent.messages).to_have_count(50)
    agent.by_test_id("load-earlier").click()
    expect(agent.messages).to_have_count(60)
    expect(agent.by_test_id("load-earlier")).to_be_hidden()
    expect(agent.messages.first).to_contain_text(f"{tag} line 1")
    seqs = [int(s or 0) for s in agent.messages.evaluate_all("ms => ms.map(m => m.dataset.seq)")]
    assert seqs == sorted(seqs) and len(set(seqs)) == 60

    shopper.ws.send(json.dumps({"type": "typing"}))
    expect(agent.by_test_id("typing-indicator")).to_be_visible()
    shopper.say(f"{tag} done typing")
    expect(agent.by_test_id("typing-indicator")).to_be_hidden()
    agent.expect_message(f"{tag} done typing")
    shopper.close()
