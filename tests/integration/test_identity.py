"""identify() and setContext() over the visitor socket: verified customers, forged hashes."""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid

from shopchat.testing import ServerProcess
from tests.integration.client import (
    Shop,
    bearer,
    http,
    open_agent,
    open_visitor,
    recv_type,
    send_message,
)


def sign(secret: str, customer_id: str) -> str:
    return hmac.new(secret.encode(), customer_id.encode(), hashlib.sha256).hexdigest()


async def identify(ws, **fields) -> dict:
    await ws.send(json.dumps({"type": "identify", **fields}))
    while True:
        frame = json.loads(await ws.recv())
        if frame["type"] in ("identity", "error"):
            return frame


async def test_verified_customer_finds_the_same_conversation_on_another_device(
    server: ServerProcess, widget_shop: Shop
) -> None:
    shop = widget_shop
    customer = f"cust-{uuid.uuid4().hex[:8]}"
    laptop, welcome = await open_visitor(server, shop.key)
    reply = await identify(
        laptop, id=customer, hash=sign(shop.secret, customer), name="Ada", email="ada@x.example"
    )
    assert reply == {
        "type": "identity",
        "verified": True,
        "visitor_id": welcome["visitor_id"],
        "reconnect": False,
    }
    await send_message(laptop, "sent from the laptop")

    phone, phone_welcome = await open_visitor(server, shop.key)
    assert phone_welcome["conversation_id"] != welcome["conversation_id"]
    reply = await identify(phone, id=customer, hash=sign(shop.secret, customer))
    assert reply["verified"] is True and reply["reconnect"] is True
    await phone.close()
    phone, again = await open_visitor(server, shop.key, token=phone_welcome["visitor_token"])
    assert again["conversation_id"] == welcome["conversation_id"]
    assert [m["body"] for m in again["messages"]] == ["sent from the laptop"]

    # both devices now share the conversation live
    await send_message(phone, "and this from the phone")
    echoed = await recv_type(laptop, "message")
    assert echoed["message"]["body"] == "and this from the phone"
    # the phone's token reads the shared history over REST too
    history = http(
        server,
        "GET",
        f"/api/v1/conversations/{welcome['conversation_id']}/messages?shop={shop.key}",
        headers={"Authorization": f"Visitor {phone_welcome['visitor_token']}"},
    )
    assert history.status == 200 and len(history.body["messages"]) == 2
    for ws in (laptop, phone):
        await ws.close()


async def test_forged_hash_is_refused_and_changes_nothing(
    server: ServerProcess, widget_shop: Shop
) -> None:
    shop = widget_shop
    ws, welcome = await open_visitor(server, shop.key)
    reply = await identify(ws, id="victim", hash=sign("not the secret", "victim"), name="Mallory")
    assert reply["type"] == "error" and reply["code"] == "invalid_identity"
    await send_message(ws, "hello")
    agent, _ = await open_agent(server, shop.token)
    got = http(
        server, "GET", f"/api/v1/conversations/{welcome['conversation_id']}", None,
        bearer(shop.token),
    )  # fmt: skip
    visitor = got.body["conversation"]["visitor"]
    assert visitor["verified"] is False and visitor["name"] is None
    assert visitor["external_id"] is None
    await ws.close()
    await agent.close()


async def test_unsigned_identify_sets_only_name_and_email(
    server: ServerProcess, widget_shop: Shop
) -> None:
    shop = widget_shop
    agent, _ = await open_agent(server, shop.token)
    ws, welcome = await open_visitor(server, shop.key)
    await send_message(ws, "hi")
    reply = await identify(ws, id="someone", name="Bo", email="bo@shop.example")
    assert reply["verified"] is False and reply["reconnect"] is False
    while True:
        frame = await recv_type(agent, "conversation")
        summary = frame["conversation"]
        if summary["id"] == welcome["conversation_id"] and summary["visitor"]["email"]:
            break
    assert summary["visitor"]["name"] == "Bo"
    assert summary["visitor"]["email"] == "bo@shop.example"
    assert summary["visitor"]["verified"] is False and summary["visitor"]["external_id"] is None
    bad = await identify(ws, email="not an email")
    assert bad["type"] == "error" and bad["code"] == "invalid_field"
    await ws.close()
    await agent.close()


async def test_set_context_reaches_agents_and_is_bounded(
    server: ServerProcess, widget_shop: Shop
) -> None:
    shop = widget_shop
    agent, _ = await open_agent(server, shop.token)
    ws, welcome = await open_visitor(server, shop.key)
    await send_message(ws, "is this in stock?")
    context = {
        "product": {"name": "Wool throw", "url": "https://s.example/p/1", "price": "89.00"},
        "cart": {"items": [{"name": "Mug", "qty": 2, "price": 12}], "total": "24.00"},
        "page_title": "Wool throw · Fjord & Fern",
        "ignored": "x",
    }
    await ws.send(json.dumps({"type": "context", "context": context}))
    while True:
        summary = (await recv_type(agent, "conversation"))["conversation"]
        if summary["id"] == welcome["conversation_id"] and summary["context"]:
            break
    assert summary["context"]["product"]["name"] == "Wool throw"
    assert summary["context"]["cart"]["items"] == [{"name": "Mug", "qty": 2, "price": 12}]
    assert "ignored" not in summary["context"]
    assert summary["visitor"]["page_title"] == "Wool throw · Fjord & Fern"

    too_big = {"product": {"name": "x" * 201}}
    await ws.send(json.dumps({"type": "context", "context": too_big}))
    error = await recv_type(ws, "error")
    assert error["code"] == "invalid_field" and "product.name" in error["message"]
    many = {"cart": {"items": [{"name": "a"}] * 51}}
    await ws.send(json.dumps({"type": "context", "context": many}))
    assert (await recv_type(ws, "error"))["code"] == "invalid_field"
    # null removes a key
    await ws.send(json.dumps({"type": "context", "context": {"cart": None}}))
    while True:
        summary = (await recv_type(agent, "conversation"))["conversation"]
        if summary["id"] == welcome["conversation_id"] and "cart" not in summary["context"]:
            break
    assert summary["context"]["product"]["name"] == "Wool throw"
    await ws.close()
    await agent.close()
