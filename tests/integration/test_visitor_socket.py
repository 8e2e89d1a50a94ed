"""The shopper's socket: hello/welcome, sending, idempotency, errors, close codes."""

from __future__ import annotations

import json

import pytest
import websockets

from tests.integration.client import (
    STORE_ORIGIN,
    close_code,
    open_agent,
    open_visitor,
    recv,
    recv_type,
    send_message,
)


async def test_hello_without_token_creates_a_visitor_and_conversation(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        assert welcome["visitor_token"] and len(welcome["visitor_token"]) >= 32
        assert welcome["visitor_id"].startswith("v_")
        assert isinstance(welcome["conversation_id"], int)
        assert welcome["shop"]["name"] == "Test Shop"
        assert set(welcome["shop"]) == {
            "name", "online", "agents_online", "greeting", "offline_message", "color", "position",
            "email", "hours",
        }  # fmt: skip
        assert welcome["shop"]["position"] == "right"
        assert welcome["shop"]["hours"]["open"] is True  # no business hours: always open
        assert welcome["messages"] == [] and welcome["more"] is False


async def test_returning_visitor_gets_the_same_conversation_and_history(server, shop):
    ws, first = await open_visitor(server, shop.key)
    async with ws:
        await send_message(ws, "is this in stock?")
    ws, again = await open_visitor(server, shop.key, token=first["visitor_token"])
    async with ws:
        assert again["conversation_id"] == first["conversation_id"]
        assert again["visitor_id"] == first["visitor_id"]
        assert [m["body"] for m in again["messages"]] == ["is this in stock?"]


async def test_ack_carries_the_committed_message(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        ack = await send_message(ws, "hello", client_msg_id="first-1")
    message = ack["message"]
    assert message["seq"] == 1
    assert message["conversation_id"] == welcome["conversation_id"]
    assert message["author"] == "visitor" and message["kind"] == "text"
    assert message["body"] == "hello" and message["client_msg_id"] == "first-1"
    assert {"id", "created_at"} <= set(message)


async def test_same_client_msg_id_returns_the_same_ack_and_stores_once(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        first = await send_message(ws, "only once", client_msg_id="dup-1")
        second = await send_message(ws, "only once", client_msg_id="dup-1")
        third = await send_message(ws, "next", client_msg_id="dup-2")
    assert first == second
    assert third["message"]["seq"] == first["message"]["seq"] + 1
    ws, again = await open_visitor(server, shop.key, token=welcome["visitor_token"])
    async with ws:
        assert [m["body"] for m in again["messages"]] == ["only once", "next"]


async def test_visitors_other_tab_receives_the_message_but_not_the_sender(server, shop):
    tab1, welcome = await open_visitor(server, shop.key)
    tab2, _ = await open_visitor(server, shop.key, token=welcome["visitor_token"])
    async with tab1, tab2:
        ack = await send_message(tab1, "from tab one")
        frame = await recv_type(tab2, "message")
        assert frame["message"] == ack["message"]


async def test_welcome_with_last_seq_returns_only_what_was_missed(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        for text in ("one", "two", "three"):
            await send_message(ws, text)
    ws, again = await open_visitor(server, shop.key, token=welcome["visitor_token"], last_seq=1)
    async with ws:
        assert [m["seq"] for m in again["messages"]] == [2, 3]
        assert again["more"] is False


async def test_welcome_without_last_seq_returns_the_latest_fifty(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        for index in range(55):
            await send_message(ws, f"message {index}")
    ws, again = await open_visitor(server, shop.key, token=welcome["visitor_token"])
    async with ws:
        assert [m["seq"] for m in again["messages"]] == list(range(6, 56))
        assert again["more"] is True


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ("not json", "invalid_json"),
        ("[1, 2]", "invalid_json"),
        ('{"type": "dance"}', "unknown_type"),
        ('{"no_type": true}', "missing_field"),
        ('{"type": "message", "body": "hi"}', "missing_field"),
        ('{"type": "message", "client_msg_id": "x", "body": 5}', "invalid_field"),
        ('{"type": "message", "client_msg_id": "x", "body": "   "}', "invalid_field"),
        ('{"type": "read", "seq": -1}', "invalid_field"),
        ('{"type": "read", "seq": "3"}', "invalid_field"),
        (json.dumps({"type": "message", "client_msg_id": "x", "body": "a" * 2001}), "too_long"),
        ('{"type": "hello", "visitor_token": null}', "unknown_type"),
    ],
)
async def test_bad_frames_get_an_error_frame_and_the_socket_stays_open(server, shop, frame, code):
    ws, _ = await open_visitor(server, shop.key)
    async with ws:
        await ws.send(frame)
        error = await recv(ws)
        assert error["type"] == "error" and error["code"] == code
        assert isinstance(error["message"], str) and error["message"]
        ack = await send_message(ws, "still works")
        assert ack["message"]["seq"] == 1  # the bad frame stored nothing


async def test_a_body_of_exactly_the_limit_is_accepted(server, shop):
    ws, _ = await open_visitor(server, shop.key)
    async with ws:
        ack = await send_message(ws, "é" * 2000)
        assert len(ack["message"]["body"]) == 2000


async def test_unknown_token_closes_with_4401(server, shop):
    ws = await websockets.connect(
        f"{server.ws_url}/api/v1/ws/visitor?shop={shop.key}", origin=STORE_ORIGIN
    )
    await ws.send(json.dumps({"type": "hello", "visitor_token": "forged", "last_seq": None}))
    assert await close_code(ws) == 4401


async def test_first_frame_other_than_hello_closes_with_4401(server, shop):
    ws = await websockets.connect(
        f"{server.ws_url}/api/v1/ws/visitor?shop={shop.key}", origin=STORE_ORIGIN
    )
    await ws.send(json.dumps({"type": "message", "client_msg_id": "a", "body": "hi"}))
    assert await close_code(ws) == 4401


async def test_a_visitor_token_of_another_shop_is_unknown_here(server, shop, other_shop):
    ws, welcome = await open_visitor(server, other_shop.key, origin="http://other.example")
    await ws.close()
    ws = await websockets.connect(
        f"{server.ws_url}/api/v1/ws/visitor?shop={shop.key}", origin=STORE_ORIGIN
    )
    await ws.send(json.dumps({"type": "hello", "visitor_token": welcome["visitor_token"]}))
    assert await close_code(ws) == 4401


@pytest.mark.parametrize("origin", ["http://evil.example", "http://127.0.0.1:9998", None])
async def test_origin_not_allowed_closes_with_4403_after_upgrade(server, shop, origin):
    ws = await websockets.connect(
        f"{server.ws_url}/api/v1/ws/visitor?shop={shop.key}", origin=origin
    )
    assert await close_code(ws) == 4403


async def test_unknown_shop_key_closes_with_4404(server):
    ws = await websockets.connect(
        f"{server.ws_url}/api/v1/ws/visitor?shop=shp_nope", origin=STORE_ORIGIN
    )
    assert await close_code(ws) == 4404


async def test_silent_socket_is_closed_after_the_hello_timeout(server, shop):
    ws = await websockets.connect(
        f"{server.ws_url}/api/v1/ws/visitor?shop={shop.key}", origin=STORE_ORIGIN
    )
    assert await close_code(ws, timeout=6) == 4408


async def test_binary_frame_gets_an_error(server, shop):
    ws, _ = await open_visitor(server, shop.key)
    async with ws:
        await ws.send(b"\x00\x01")
        assert (await recv(ws))["code"] == "invalid_json"


async def test_agent_presence_reaches_visitors(server, fresh_shop):
    ws, welcome = await open_visitor(server, fresh_shop.key)
    async with ws:
        assert welcome["shop"]["online"] is False
        agent, _ = await open_agent(server, fresh_shop.token)
        assert (await recv_type(ws, "presence"))["online"] is True
        await agent.close()
        assert (await recv_type(ws, "presence"))["online"] is False
