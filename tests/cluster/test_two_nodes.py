"""A shopper on node A and an agent on node B: everything crosses through Redis."""

from __future__ import annotations

import asyncio
import json
import time

from tests.integration.client import (
    bearer,
    http,
    open_agent,
    open_visitor,
    recv_type,
    send_message,
)


async def test_messages_typing_and_receipts_cross_nodes(node_a, node_b, shop):
    agent, _ = await open_agent(node_b, shop.token)
    visitor, welcome = await open_visitor(node_a, shop.key)
    async with agent, visitor:
        conversation_id = welcome["conversation_id"]
        sent = await send_message(visitor, "hello from node A")
        assert (await recv_type(agent, "message"))["message"] == sent["message"]
        reply = await send_message(agent, "hello from node B", conversation_id=conversation_id)
        assert (await recv_type(visitor, "message"))["message"] == reply["message"]
        await visitor.send(json.dumps({"type": "typing"}))
        assert (await recv_type(agent, "typing"))["conversation_id"] == conversation_id
        await agent.send(json.dumps({"type": "typing", "conversation_id": conversation_id}))
        assert (await recv_type(visitor, "typing"))["author"] == "agent"
        await visitor.send(json.dumps({"type": "read", "seq": reply["message"]["seq"]}))
        assert (await recv_type(agent, "read"))["seq"] == reply["message"]["seq"]


async def test_presence_crosses_nodes(node_a, node_b, shop):
    visitor, welcome = await open_visitor(node_a, shop.key)
    async with visitor:
        assert welcome["shop"]["online"] is False
        agent, _ = await open_agent(node_b, shop.token)
        assert (await recv_type(visitor, "presence"))["online"] is True
        await agent.close()
        assert (await recv_type(visitor, "presence"))["online"] is False


async def test_push_on_node_a_reaches_a_shopper_on_node_b(node_a, node_b, shop):
    on_b, welcome = await open_visitor(node_b, shop.key)
    also_on_a, _ = await open_visitor(node_a, shop.key)
    async with on_b, also_on_a:
        one = http(
            node_a, "POST", "/api/v1/push",
            {"to": f"visitor:{welcome['visitor_id']}", "event": {"n": 1}},
            headers=bearer(shop.secret),
        )  # fmt: skip
        assert one.body == {"sockets": 1}
        assert (await recv_type(on_b, "event"))["event"] == {"n": 1}
        everyone = http(
            node_a, "POST", "/api/v1/push", {"to": "all", "event": {"n": 2}},
            headers=bearer(shop.secret),
        )  # fmt: skip
        assert everyone.body == {"sockets": 2}
        for ws in (on_b, also_on_a):
            assert (await recv_type(ws, "event"))["event"] == {"n": 2}


async def test_concurrent_writers_on_two_nodes_get_gapless_seq(node_a, node_b, shop):
    visitor, welcome = await open_visitor(node_a, shop.key)
    agent_one, _ = await open_agent(node_b, shop.token)
    agent_two, _ = await open_agent(node_a, shop.token)
    conversation_id = welcome["conversation_id"]
    per_sender = 300

    async def burst(ws, name: str, with_conversation: bool) -> None:
        for n in range(per_sender):
            frame = {"type": "message", "client_msg_id": f"{name}-{n}", "body": f"{name} {n}"}
            if with_conversation:
                frame["conversation_id"] = conversation_id
            await ws.send(json.dumps(frame))
        acks = 0
        while acks < per_sender:
            acks += (await recv_type(ws, "ack", timeout=60))["type"] == "ack"

    async with visitor, agent_one, agent_two:
        await asyncio.gather(
            burst(visitor, "visitor", False),
            burst(agent_one, "agent1", True),
            burst(agent_two, "agent2", True),
        )
    stored = all_messages(node_b, shop.token, conversation_id)
    assert [m["seq"] for m in stored] == list(range(1, 3 * per_sender + 1))
    for name in ("visitor", "agent1", "agent2"):
        ids = [m["client_msg_id"] for m in stored if m["client_msg_id"].startswith(name + "-")]
        assert ids == [f"{name}-{n}" for n in range(per_sender)]


def all_messages(node, token: str, conversation_id: int) -> list[dict]:
    messages, after = [], 0
    while True:
        page = http(
            node, "GET",
            f"/api/v1/conversations/{conversation_id}/messages?after_seq={after}&limit=100",
            headers=bearer(token),
        ).body  # fmt: skip
        messages += page["messages"]
        if not page["has_more"]:
            return messages
        after = messages[-1]["seq"]


async def test_shoppers_who_all_leave_at_once_stop_counting(node_a, shop):
    """Sanic cancels a socket's handler when its TCP connection goes, which is in the middle
    of most cleanups: the cleanup must still reach Redis, or the shoppers stay online."""

    def sockets_counted() -> int:
        pushed = http(
            node_a, "POST", "/api/v1/push", {"to": "all", "event": {}},
            headers=bearer(shop.secret),
        )  # fmt: skip
        return pushed.body["sockets"]

    opened = await asyncio.gather(*(open_visitor(node_a, shop.key) for _ in range(100)))
    assert sockets_counted() == 100
    await asyncio.gather(*(ws.close() for ws, _ in opened))
    deadline = time.monotonic() + 10
    while (counted := sockets_counted()) and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.2)
    assert counted == 0
