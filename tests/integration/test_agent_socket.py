"""The console's socket: live messages, replies, notes, typing, read receipts."""

from __future__ import annotations

import json

import websockets

from tests.integration.client import (
    bearer,
    close_code,
    http,
    nothing_more,
    open_agent,
    open_visitor,
    recv,
    recv_type,
    send_message,
)


async def test_welcome_names_the_agent_and_shop(server, shop):
    ws, welcome = await open_agent(server, shop.token)
    async with ws:
        assert welcome["agent"]["name"] == "Alice" and welcome["agent"]["role"] == "owner"
        assert welcome["shop"]["name"] == "Test Shop"


async def test_bad_token_or_other_first_frame_closes_with_4401(server):
    ws = await websockets.connect(f"{server.ws_url}/api/v1/ws/agent")
    await ws.send(json.dumps({"type": "hello", "token": "not-a-token"}))
    assert await close_code(ws) == 4401
    ws = await websockets.connect(f"{server.ws_url}/api/v1/ws/agent")
    await ws.send(json.dumps({"type": "typing", "conversation_id": 1}))
    assert await close_code(ws) == 4401


async def test_conversation_flows_both_ways(server, shop):
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    async with agent, visitor:
        conversation_id = welcome["conversation_id"]
        sent = await send_message(visitor, "do you ship to Norway?")
        received = await recv_type(agent, "message")
        assert received["message"] == sent["message"]
        inbox = await recv_type(agent, "conversation")
        assert inbox["conversation"]["id"] == conversation_id
        assert inbox["conversation"]["unread_agent"] == 1
        assert inbox["conversation"]["last_message"]["body"] == "do you ship to Norway?"

        reply = await send_message(agent, "Yes, in 3 days.", conversation_id=conversation_id)
        assert reply["message"]["author"] == "agent"
        assert reply["message"]["agent"]["name"] == "Alice"
        assert reply["message"]["seq"] == sent["message"]["seq"] + 1
        got = await recv_type(visitor, "message")
        assert got["message"] == reply["message"]


async def test_a_second_agent_sees_the_first_agents_reply(server, shop):
    first, _ = await open_agent(server, shop.token)
    second, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    async with first, second, visitor:
        await send_message(visitor, "hello?")
        reply = await send_message(first, "hi!", conversation_id=welcome["conversation_id"])
        seen = await recv_type(second, "message")
        while seen["message"]["author"] != "agent":
            seen = await recv_type(second, "message")
        assert seen["message"] == reply["message"]
        await nothing_more(first, "message")  # the sender gets its ack, not an echo


async def test_internal_note_never_reaches_the_visitor(server, shop):
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    async with agent, visitor:
        conversation_id = welcome["conversation_id"]
        await send_message(visitor, "my order is late")
        note = await send_message(
            agent, "VIP customer", conversation_id=conversation_id, internal=True
        )
        assert note["message"]["internal"] is True
        public = await send_message(agent, "Looking into it", conversation_id=conversation_id)
        got = await recv_type(visitor, "message")
        assert got["message"]["body"] == "Looking into it"
        assert got["message"]["seq"] == public["message"]["seq"]
    history = http(
        server,
        "GET",
        f"/api/v1/conversations/{conversation_id}/messages",
        headers={"Authorization": f"Visitor {welcome['visitor_token']}"},
    )
    assert [m["body"] for m in history.body["messages"]] == ["my order is late", "Looking into it"]
    seqs = [m["seq"] for m in history.body["messages"]]
    assert seqs == [1, 3]  # the note's seq is a gap the visitor must not read as loss
    visitor, again = await open_visitor(server, shop.key, token=welcome["visitor_token"])
    async with visitor:
        assert "VIP customer" not in [m["body"] for m in again["messages"]]


async def test_typing_is_relayed_both_ways(server, shop):
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    async with agent, visitor:
        conversation_id = welcome["conversation_id"]
        await visitor.send(json.dumps({"type": "typing"}))
        typing = await recv_type(agent, "typing")
        assert typing == {"type": "typing", "conversation_id": conversation_id, "author": "visitor"}
        await agent.send(json.dumps({"type": "typing", "conversation_id": conversation_id}))
        typing = await recv_type(visitor, "typing")
        assert typing == {"type": "typing", "conversation_id": conversation_id, "author": "agent"}


async def test_read_receipts_update_unread_counts_and_are_relayed(server, shop):
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    async with agent, visitor:
        conversation_id = welcome["conversation_id"]
        await send_message(visitor, "one")
        await send_message(visitor, "two")
        reply = await send_message(agent, "hello", conversation_id=conversation_id)
        await agent.send(json.dumps({"type": "read", "conversation_id": conversation_id, "seq": 2}))
        read = await recv_type(visitor, "read")
        assert read == {"type": "read", "conversation_id": conversation_id, "seq": 2, "by": "agent"}
        await visitor.send(json.dumps({"type": "read", "seq": reply["message"]["seq"]}))
        read = await recv_type(agent, "read")
        assert read["by"] == "visitor" and read["seq"] == reply["message"]["seq"]
    listed = http(server, "GET", "/api/v1/conversations?limit=100", headers=bearer(shop.token))
    mine = next(c for c in listed.body["conversations"] if c["id"] == conversation_id)
    assert mine["unread_agent"] == 0 and mine["unread_visitor"] == 0


async def test_unread_counts_grow_with_each_side_s_messages_and_a_reply_reads_them(server, shop):
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    async with agent, visitor:
        conversation_id = welcome["conversation_id"]
        await send_message(visitor, "one")
        await send_message(visitor, "two")
        listed = http(server, "GET", "/api/v1/conversations?limit=100", headers=bearer(shop.token))
        mine = next(c for c in listed.body["conversations"] if c["id"] == conversation_id)
        assert (mine["unread_agent"], mine["unread_visitor"]) == (2, 0)
        # issue 14's read contract: an agent's message reads every shopper message before it
        await send_message(agent, "three", conversation_id=conversation_id)
    listed = http(server, "GET", "/api/v1/conversations?limit=100", headers=bearer(shop.token))
    mine = next(c for c in listed.body["conversations"] if c["id"] == conversation_id)
    assert (mine["unread_agent"], mine["unread_visitor"]) == (0, 1)


async def test_agent_message_to_unknown_conversation_is_not_found(server, shop):
    agent, _ = await open_agent(server, shop.token)
    async with agent:
        await agent.send(
            json.dumps(
                {"type": "message", "conversation_id": 999999, "client_msg_id": "x", "body": "hi"}
            )
        )
        error = await recv_type(agent, "error")
        assert error["code"] == "not_found" and error["client_msg_id"] == "x"


async def test_visitor_presence_reaches_agents(server, fresh_shop):
    agent, _ = await open_agent(server, fresh_shop.token)
    async with agent:
        visitor, welcome = await open_visitor(server, fresh_shop.key)
        online = await recv_type(agent, "visitor_presence")
        assert online == {
            "type": "visitor_presence",
            "conversation_id": welcome["conversation_id"],
            "online": True,
        }
        second_tab, _ = await open_visitor(server, fresh_shop.key, token=welcome["visitor_token"])
        await nothing_more(agent, "visitor_presence")  # a second tab is no news
        await second_tab.close()
        await nothing_more(agent, "visitor_presence")
        await visitor.close()
        offline = await recv_type(agent, "visitor_presence")
        assert offline["online"] is False


async def test_agent_socket_errors_keep_it_open(server, shop):
    agent, _ = await open_agent(server, shop.token)
    async with agent:
        await agent.send('{"type": "message", "client_msg_id": "x", "body": "no conversation"}')
        assert (await recv(agent))["code"] == "missing_field"
        await agent.send('{"type": "read", "conversation_id": "1", "seq": 1}')
        assert (await recv(agent))["code"] == "invalid_field"
