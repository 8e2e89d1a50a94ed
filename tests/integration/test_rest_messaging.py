"""REST messaging (issue 16): the shop's side sends over HTTP, and everyone sees it live as if
it came from a socket; proactive messages wait for the shopper's next visit."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.integration.client import (
    bearer,
    http,
    nothing_more,
    open_agent,
    open_visitor,
    recv_type,
    send_message,
)


def post(server, shop, path: str, body: Any, **extra: str):
    return http(server, "POST", path, body, headers={**bearer(shop.token), **extra})


def to_conversation(conversation_id: int) -> str:
    return f"/api/v1/conversations/{conversation_id}/messages"


def to_visitor(visitor_id: str) -> str:
    return f"/api/v1/visitors/{visitor_id}/messages"


def new_message(body: str = "Your parcel left", **extra: Any) -> dict[str, Any]:
    return {"body": body, "client_msg_id": uuid.uuid4().hex, **extra}


async def test_a_rest_message_reaches_the_live_agent_and_visitor_sockets(server, fresh_shop):
    visitor, welcome = await open_visitor(server, fresh_shop.key)
    agent, _ = await open_agent(server, fresh_shop.token)
    async with visitor, agent:
        sent = post(server, fresh_shop, to_conversation(welcome["conversation_id"]), new_message())
        assert sent.status == 201, sent.body
        message = sent.body["message"]
        assert message["author"] == "agent" and message["agent"]["name"] == "Alice"
        assert message["body"] == "Your parcel left" and message["seq"] == 1
        assert (await recv_type(visitor, "message"))["message"] == message
        assert (await recv_type(agent, "message"))["message"] == message
        inbox = await recv_type(agent, "conversation")
        assert inbox["conversation"]["id"] == welcome["conversation_id"]


async def test_the_same_client_msg_id_again_answers_200_and_stores_nothing(server, fresh_shop):
    visitor, welcome = await open_visitor(server, fresh_shop.key)
    async with visitor:
        path, body = to_conversation(welcome["conversation_id"]), new_message()
        first = post(server, fresh_shop, path, body)
        await recv_type(visitor, "message")
        again = post(server, fresh_shop, path, body)
        assert (first.status, again.status) == (201, 200)
        assert again.body == first.body
        await nothing_more(visitor, "message")
        history = http(server, "GET", path, headers=bearer(fresh_shop.token))
        assert [m["id"] for m in history.body["messages"]] == [first.body["message"]["id"]]
        other = post(server, fresh_shop, path, {**body, "body": "something else"})
        assert other.status == 409 and other.body["error"]["code"] == "conflict"


async def test_an_internal_note_reaches_agents_but_not_the_shopper(server, fresh_shop):
    visitor, welcome = await open_visitor(server, fresh_shop.key)
    agent, _ = await open_agent(server, fresh_shop.token)
    async with visitor, agent:
        path = to_conversation(welcome["conversation_id"])
        sent = post(server, fresh_shop, path, new_message("VIP customer", internal=True))
        assert sent.status == 201 and sent.body["message"]["internal"] is True
        assert (await recv_type(agent, "message"))["message"]["body"] == "VIP customer"
        await nothing_more(visitor, "message")


@pytest.mark.parametrize(
    "body",
    [
        {"client_msg_id": "a"},
        {"body": "hi"},
        {"body": "", "client_msg_id": "a"},
        {"body": "   ", "client_msg_id": "a"},
        {"body": "x" * 2001, "client_msg_id": "a"},
        {"body": "bell \x07", "client_msg_id": "a"},
        {"body": 5, "client_msg_id": "a"},
        {"body": "hi", "client_msg_id": "x" * 65},
        {"body": "hi", "client_msg_id": ""},
        {"body": "hi", "client_msg_id": "a", "internal": "yes"},
        ["hi"],
        "hi",
    ],
    ids=repr,
)
@pytest.mark.parametrize("route", ["conversation", "visitor"])
async def test_bad_input_is_400_invalid_field(server, shop, body, route):
    visitor, welcome = await open_visitor(server, shop.key)
    async with visitor:
        path = (
            to_conversation(welcome["conversation_id"])
            if route == "conversation"
            else to_visitor(welcome["visitor_id"])
        )
        response = post(server, shop, path, body)
        assert response.status == 400, response.body
        assert response.body["error"]["code"] == "invalid_field"
        await nothing_more(visitor, "message", wait=0.1)


def test_a_body_that_is_not_json_is_400_invalid_field(server, shop):
    response = http(server, "POST", to_visitor("v_x"), None, headers=bearer(shop.token))
    assert response.status == 400 and response.body["error"]["code"] == "invalid_field"


async def test_another_shop_s_conversation_or_visitor_is_404(server, shop, other_shop):
    visitor, welcome = await open_visitor(server, shop.key)
    async with visitor:
        for path in (
            to_conversation(welcome["conversation_id"]),
            to_visitor(welcome["visitor_id"]),
            to_visitor("v_nobody"),
            to_conversation(2**31 - 1),
        ):
            response = post(server, other_shop, path, new_message())
            assert response.status == 404, (path, response.body)
            assert response.body["error"]["code"] == "not_found"
        await nothing_more(visitor, "message")


@pytest.mark.parametrize(
    "visitor_id",
    ["v_" + "x" * 60, "%0C%F2%AD%A0%AF%C2%81%01s", "no-prefix", "v_a%20b"],  # found by Schemathesis
)
def test_a_visitor_id_that_cannot_exist_is_404_not_a_server_error(server, shop, visitor_id):
    response = post(server, shop, to_visitor(visitor_id), new_message())
    assert response.status == 404, response.body
    assert response.body["error"]["code"] == "not_found"


@pytest.mark.parametrize("header", [None, "Bearer nope", "Visitor {visitor_token}"])
async def test_sending_needs_the_shop_s_credentials(server, shop, header):
    visitor, welcome = await open_visitor(server, shop.key)
    async with visitor:
        headers = {} if header is None else {"Authorization": header.format(**welcome)}
        paths = (to_conversation(welcome["conversation_id"]), to_visitor(welcome["visitor_id"]))
        for path in paths:
            response = http(server, "POST", path, new_message(), headers=headers)
            assert response.status == 401, response.body


def test_a_browser_page_of_another_origin_cannot_send_with_an_agent_token(server, shop):
    response = post(server, shop, to_visitor("v_x"), new_message(), Origin="https://evil.example")
    assert response.status == 403


async def test_a_proactive_message_is_in_the_shopper_s_thread_on_their_next_visit(
    server, fresh_shop
):
    visitor, welcome = await open_visitor(server, fresh_shop.key)
    await visitor.close()  # the shopper left
    sent = post(server, fresh_shop, to_visitor(welcome["visitor_id"]), new_message())
    assert sent.status == 201, sent.body
    assert sent.body["message"]["conversation_id"] == welcome["conversation_id"]
    again, back = await open_visitor(server, fresh_shop.key, token=welcome["visitor_token"])
    async with again:
        assert [m["body"] for m in back["messages"]] == ["Your parcel left"]


async def test_a_proactive_message_reaches_a_connected_shopper_live(server, fresh_shop):
    visitor, welcome = await open_visitor(server, fresh_shop.key)
    agent, _ = await open_agent(server, fresh_shop.token)
    async with visitor, agent:
        sent = post(server, fresh_shop, to_visitor(welcome["visitor_id"]), new_message("Hello!"))
        assert sent.status == 201
        assert (await recv_type(visitor, "message"))["message"]["body"] == "Hello!"
        assert (await recv_type(agent, "message"))["message"]["id"] == sent.body["message"]["id"]


async def test_a_proactive_message_to_a_closed_thread_leaves_it_closed(server, fresh_shop):
    visitor, welcome = await open_visitor(server, fresh_shop.key)
    async with visitor:
        await send_message(visitor, "thanks, bye")
    conversation_id = welcome["conversation_id"]
    closed = post(server, fresh_shop, f"/api/v1/conversations/{conversation_id}/close", None)
    assert closed.status == 200
    sent = post(server, fresh_shop, to_visitor(welcome["visitor_id"]), new_message())
    assert sent.body["message"]["conversation_id"] == conversation_id
    one = http(
        server, "GET", f"/api/v1/conversations/{conversation_id}", headers=bearer(fresh_shop.token)
    )
    assert one.body["conversation"]["status"] == "closed"


async def test_proactive_sends_are_idempotent_per_shopper(server, fresh_shop):
    visitor, welcome = await open_visitor(server, fresh_shop.key)
    async with visitor:
        body = new_message()
        first = post(server, fresh_shop, to_visitor(welcome["visitor_id"]), body)
        again = post(server, fresh_shop, to_visitor(welcome["visitor_id"]), body)
        assert (first.status, again.status) == (201, 200)
        assert again.body == first.body
        other = post(server, fresh_shop, to_visitor(welcome["visitor_id"]), {**body, "body": "x"})
        assert other.status == 409
