"""An agent of one shop can read or change nothing of another: always a 404."""

from __future__ import annotations

import json

import pytest

from tests.integration.client import bearer, http, open_agent, open_visitor, recv_type, send_message


@pytest.fixture
async def foreign_conversation(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        await send_message(ws, "shop A's secret")
    return welcome


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/conversations/{id}"),
        ("GET", "/api/v1/conversations/{id}/messages"),
        ("POST", "/api/v1/conversations/{id}/close"),
        ("POST", "/api/v1/conversations/{id}/reopen"),
    ],
)
def test_foreign_conversation_endpoints_answer_404(
    server, other_shop, foreign_conversation, method, path
):
    url = path.format(id=foreign_conversation["conversation_id"])
    response = http(server, method, url, headers=bearer(other_shop.token))
    assert response.status == 404


def test_foreign_conversations_are_not_listed(server, other_shop, foreign_conversation):
    listed = http(server, "GET", "/api/v1/conversations", headers=bearer(other_shop.token))
    ids = [c["id"] for c in listed.body["conversations"]]
    assert foreign_conversation["conversation_id"] not in ids


async def test_foreign_conversation_frames_answer_not_found(
    server, other_shop, foreign_conversation
):
    agent, _ = await open_agent(server, other_shop.token)
    conversation_id = foreign_conversation["conversation_id"]
    frames = [
        {"type": "message", "conversation_id": conversation_id, "client_msg_id": "x", "body": "x"},
        {"type": "typing", "conversation_id": conversation_id},
        {"type": "read", "conversation_id": conversation_id, "seq": 1},
    ]
    async with agent:
        for frame in frames:
            await agent.send(json.dumps(frame))
            assert (await recv_type(agent, "error"))["code"] == "not_found"


def test_push_cannot_reach_another_shop_s_visitor(server, other_shop, foreign_conversation):
    response = http(
        server, "POST", "/api/v1/push",
        {"to": f"visitor:{foreign_conversation['visitor_id']}", "event": {}},
        headers=bearer(other_shop.secret),
    )  # fmt: skip
    assert response.status == 404
