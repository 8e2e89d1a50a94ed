"""The console's API: shop settings, install snippets, canned replies, assignment, search,
the visitor panel, and notes that never reach a visitor."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest

from shopchat.services.business_hours import DAYS
from tests.integration.client import (
    STORE_ORIGIN,
    bearer,
    http,
    login,
    make_shop,
    nothing_more,
    open_agent,
    open_visitor,
    recv_type,
    send_message,
)


@pytest.fixture(scope="module")
def owned(server):
    return make_shop(server, name="Console Shop")


def agent_of(server, shop, name: str = "Bob") -> tuple[int, str]:
    email = f"{name.lower()}-{uuid.uuid4().hex[:8]}@example.com"
    response = http(
        server, "POST", "/api/v1/agents",
        {"email": email, "name": name, "password": "agent password"}, bearer(shop.token),
    )  # fmt: skip
    return response.body["agent"]["id"], login(server, email, "agent password")


# ---------------------------------------------------------------- settings


def test_owner_reads_and_changes_settings(server, owned):
    hours = {
        "timezone": "Europe/Oslo",
        "days": {"mon": [["09:00", "17:00"]], "fri": [["22:00", "02:00"]], "sat": []},
    }  # friday's range runs past midnight
    response = http(
        server, "PUT", "/api/v1/shop/settings",
        {"greeting": "Hei!", "brand_color": "#0F766E", "widget_position": "left",
         "allowed_origins": ["https://Shop.example/", "http://localhost:*", STORE_ORIGIN],
         "business_hours": hours, "offline_message": "Back at nine."},
        bearer(owned.token),
    )  # fmt: skip
    assert response.status == 200, response.body
    settings = response.body["settings"]
    assert settings["allowed_origins"] == [
        "https://shop.example", "http://localhost:*", STORE_ORIGIN,
    ]  # fmt: skip
    assert settings["brand_color"] == "#0f766e" and settings["widget_position"] == "left"
    assert settings["business_hours"] == hours and settings["name"] == "Console Shop"
    again = http(server, "GET", "/api/v1/shop/settings", headers=bearer(owned.token))
    assert again.body["settings"] == settings
    always = http(
        server, "PUT", "/api/v1/shop/settings", {"business_hours": None}, bearer(owned.token)
    )
    assert always.body["settings"]["business_hours"] is None
    assert always.body["settings"]["greeting"] == "Hei!"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"allowed_origins": ["shop.example"]}, "not an origin"),
        ({"allowed_origins": []}, "at least one"),
        ({"brand_color": "blue"}, "brand_color"),
        ({"widget_position": "top"}, "widget_position"),
        ({"business_hours": {"timezone": "Mars/Olympus", "days": {}}}, "time zone"),
        ({"business_hours": {"timezone": "UTC", "days": {"mon": [["24:00", "09:00"]]}}}, "HH:MM"),
        ({"business_hours": {"timezone": "UTC", "days": {"funday": []}}}, "mon..sun"),
        ({"name": ""}, "name"),
    ],
)
def test_invalid_settings_are_refused_and_change_nothing(server, owned, body, fragment):
    before = http(server, "GET", "/api/v1/shop/settings", headers=bearer(owned.token)).body
    response = http(server, "PUT", "/api/v1/shop/settings", body, bearer(owned.token))
    assert response.status == 400, response.body
    assert fragment in response.body["error"]["message"]
    after = http(server, "GET", "/api/v1/shop/settings", headers=bearer(owned.token)).body
    assert after == before


def test_settings_change_what_a_visitor_s_origin_may_do(server):
    shop = make_shop(server, name="Origin Shop")
    changed = http(
        server, "PUT", "/api/v1/shop/settings", {"allowed_origins": ["http://new.example"]},
        bearer(shop.token),
    )  # fmt: skip
    assert changed.status == 200
    cors = http(
        server, "OPTIONS", f"/api/v1/conversations/1/messages?shop={shop.key}",
        headers={"Origin": "http://new.example", "Access-Control-Request-Method": "GET"},
    )  # fmt: skip
    assert cors.headers.get("access-control-allow-origin") == "http://new.example"


async def test_outside_business_hours_the_shop_is_away_but_messages_are_stored(server):
    shop = make_shop(server, name="Hours Shop")
    # Open only on the day after tomorrow (UTC): closed now, whatever the time of the run.
    later = DAYS[(datetime.now(UTC).weekday() + 2) % 7]
    hours = {"timezone": "UTC", "days": {later: [["09:00", "17:00"]]}}
    changes = {"business_hours": hours, "widget_position": "left", "offline_message": "Back soon"}
    assert http(server, "PUT", "/api/v1/shop/settings", changes, bearer(shop.token)).status == 200
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    async with agent, visitor:
        seen = welcome["shop"]
        assert (seen["agents_online"], seen["hours"]["open"]) == (True, False)
        assert seen["online"] is False  # what the widget shows: agents *and* open
        assert (seen["position"], seen["offline_message"]) == ("left", "Back soon")
        opens, closes = seen["hours"]["changes_at"][:2]
        assert closes - opens == 8 * 3600 * 1000
        assert 24 * 3600 * 1000 < opens - seen["hours"]["now"] <= 3 * 24 * 3600 * 1000
        ack = await send_message(visitor, "Are you open tomorrow?")  # the inbox loses nothing
        frame = await recv_type(agent, "message")
        assert frame["message"] == ack["message"]
    always = {"business_hours": None}
    assert http(server, "PUT", "/api/v1/shop/settings", always, bearer(shop.token)).status == 200
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    async with agent, visitor:
        assert welcome["shop"]["online"] is True
        assert welcome["shop"]["hours"]["open"] is True
        assert welcome["shop"]["hours"]["changes_at"] == []


def test_install_shows_the_script_tag_and_identity_snippets(server, owned):
    response = http(server, "GET", "/api/v1/shop/install", headers=bearer(owned.token))
    assert response.status == 200
    body = response.body
    assert f'data-shop="{owned.key}"' in body["script_tag"]
    assert body["script_tag"].startswith(f'<script src="{server.url}/widget/v1/shopchat.js"')
    assert "createHmac" in body["identity"]["node"]
    assert "hmac.new" in body["identity"]["python"]
    assert "hash_hmac" in body["identity"]["php"]
    assert "ShopChat.identify(" in body["identity"]["browser"]


def test_install_tag_says_left_when_the_shop_s_widget_is_on_the_left(server):
    fresh = make_shop(server, name="Left Shop")
    tag = http(server, "GET", "/api/v1/shop/install", headers=bearer(fresh.token)).body
    assert "data-position" not in tag["script_tag"]  # right is the loader's default
    http(server, "PUT", "/api/v1/shop/settings", {"widget_position": "left"}, bearer(fresh.token))
    tag = http(server, "GET", "/api/v1/shop/install", headers=bearer(fresh.token)).body
    assert tag["script_tag"] == (
        f'<script src="{server.url}/widget/v1/shopchat.js" data-shop="{fresh.key}"'
        ' data-position="left" async></script>'
    )


# ---------------------------------------------------------------- canned replies


def test_canned_replies_crud(server, owned):
    _, agent_token = agent_of(server, owned)
    created = http(
        server, "POST", "/api/v1/canned", {"shortcut": "/Ship", "body": "We ship in 2 days."},
        bearer(owned.token),
    )  # fmt: skip
    assert created.status == 201, created.body
    reply = created.body["canned_reply"]
    assert reply["shortcut"] == "ship"
    dup = http(
        server, "POST", "/api/v1/canned", {"shortcut": "ship", "body": "x"}, bearer(owned.token)
    )
    assert dup.status == 409
    bad = http(
        server, "POST", "/api/v1/canned", {"shortcut": "a b", "body": "x"}, bearer(owned.token)
    )
    assert bad.status == 400
    listed = http(server, "GET", "/api/v1/canned", headers=bearer(agent_token))
    assert reply in listed.body["canned_replies"]
    updated = http(
        server, "PUT", f"/api/v1/canned/{reply['id']}",
        {"shortcut": "shipping", "body": "Two days."}, bearer(owned.token),
    )  # fmt: skip
    assert updated.body["canned_reply"]["shortcut"] == "shipping"
    assert http(server, "DELETE", f"/api/v1/canned/{reply['id']}", headers=bearer(owned.token))
    listed = http(server, "GET", "/api/v1/canned", headers=bearer(owned.token))
    assert reply["id"] not in [r["id"] for r in listed.body["canned_replies"]]


def test_another_shop_s_canned_replies_are_404(server, owned, other_shop):
    created = http(
        server, "POST", "/api/v1/canned", {"shortcut": "secret", "body": "Owner only"},
        bearer(owned.token),
    )  # fmt: skip
    canned_id = created.body["canned_reply"]["id"]
    body = {"shortcut": "stolen", "body": "x"}
    assert (
        http(server, "PUT", f"/api/v1/canned/{canned_id}", body, bearer(other_shop.token)).status
        == 404
    )
    assert (
        http(
            server, "DELETE", f"/api/v1/canned/{canned_id}", headers=bearer(other_shop.token)
        ).status
        == 404
    )
    listed = http(server, "GET", "/api/v1/canned", headers=bearer(other_shop.token))
    assert canned_id not in [r["id"] for r in listed.body["canned_replies"]]
    mine = http(server, "GET", "/api/v1/canned", headers=bearer(owned.token))
    assert {"id": canned_id, "shortcut": "secret", "body": "Owner only"} in mine.body[
        "canned_replies"
    ]


# ---------------------------------------------------------------- assignment


async def test_assign_to_me_another_agent_and_unassign_live(server, owned, other_shop):
    bob_id, bob_token = agent_of(server, owned)
    me = http(server, "GET", "/api/v1/me", headers=bearer(owned.token)).body["agent"]
    visitor, welcome = await open_visitor(server, owned.key)
    bob_ws, _ = await open_agent(server, bob_token)
    cid = welcome["conversation_id"]
    async with visitor, bob_ws:
        await send_message(visitor, "Who will help me?")
        url = f"/api/v1/conversations/{cid}/assign"
        mine = http(server, "POST", url, {"agent_id": me["id"]}, bearer(owned.token))
        assert mine.status == 200
        assert mine.body["conversation"]["assignee"] == {"id": me["id"], "name": "Alice"}
        while True:
            frame = await recv_type(bob_ws, "conversation")
            if frame["conversation"]["id"] == cid and frame["conversation"]["assignee"]:
                break
        listed = http(
            server, "GET", "/api/v1/conversations?assignee=me", headers=bearer(owned.token)
        )
        assert cid in [c["id"] for c in listed.body["conversations"]]

        to_bob = http(server, "POST", url, {"agent_id": bob_id}, bearer(owned.token))
        assert to_bob.body["conversation"]["assignee"]["id"] == bob_id
        bobs = http(server, "GET", "/api/v1/conversations?assignee=me", headers=bearer(bob_token))
        assert cid in [c["id"] for c in bobs.body["conversations"]]

        none = http(server, "POST", url, {"agent_id": None}, bearer(bob_token))
        assert none.body["conversation"]["assignee"] is None
        free = http(server, "GET", "/api/v1/conversations?assignee=none", headers=bearer(bob_token))
        assert cid in [c["id"] for c in free.body["conversations"]]

        foreign_agent = http(server, "GET", "/api/v1/me", headers=bearer(other_shop.token)).body
        stranger = http(
            server, "POST", url, {"agent_id": foreign_agent["agent"]["id"]}, bearer(owned.token)
        )
        assert stranger.status == 404
        foreign = http(server, "POST", url, {"agent_id": None}, bearer(other_shop.token))
        assert foreign.status == 404
        missing = http(server, "POST", url, {}, bearer(owned.token))
        assert missing.status == 400
    still = http(server, "GET", f"/api/v1/conversations/{cid}", headers=bearer(owned.token))
    assert still.body["conversation"]["assignee"] is None


# ---------------------------------------------------------------- search


async def test_search_by_message_text_name_and_email_is_scoped_and_paged(server, other_shop):
    shop = make_shop(server, name="Search Shop")
    token = uuid.uuid4().hex[:10]
    ids = []
    for n in range(5):
        ws, welcome = await open_visitor(server, shop.key)
        async with ws:
            await send_message(ws, f"Where is parcel {token}-{n}? 100% lost_it")
        ids.append(welcome["conversation_id"])
    foreign, _ = await open_visitor(server, other_shop.key, origin="http://other.example")
    async with foreign:
        await send_message(foreign, f"Other shop parcel {token}")

    seen: list[int] = []
    cursor = None
    while True:
        query = f"/api/v1/conversations/search?q={token}&limit=2"
        if cursor:
            query += f"&cursor={cursor}"
        page = http(server, "GET", query, headers=bearer(shop.token)).body
        seen += [c["id"] for c in page["conversations"]]
        for item in page["conversations"]:
            assert token in item["match"]["body"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(ids))

    one = http(
        server, "GET", f"/api/v1/conversations/search?q={token}-3", headers=bearer(shop.token)
    ).body
    assert [c["id"] for c in one["conversations"]] == [ids[3]]
    query = "/api/v1/conversations/search?q=0%25%20l"
    like = http(server, "GET", query, headers=bearer(shop.token))
    assert len(like.body["conversations"]) == 5  # "%" is literal, not a wildcard
    underscore = http(
        server, "GET", "/api/v1/conversations/search?q=lost_it", headers=bearer(shop.token)
    )
    assert len(underscore.body["conversations"]) == 5
    wild = http(
        server, "GET", "/api/v1/conversations/search?q=lost%25it", headers=bearer(shop.token)
    )
    assert wild.body["conversations"] == []

    short = http(server, "GET", "/api/v1/conversations/search?q=a", headers=bearer(shop.token))
    assert short.status == 400
    other = http(
        server, "GET", f"/api/v1/conversations/search?q={token}", headers=bearer(other_shop.token)
    ).body
    assert not set(ids) & {c["id"] for c in other["conversations"]}


# ---------------------------------------------------------------- visitor panel


async def test_visitor_panel_details_and_earlier_conversations(server, owned, other_shop):
    ws, welcome = await open_visitor(server, owned.key)
    async with ws:
        await send_message(ws, "First question")
    cid = welcome["conversation_id"]
    response = http(
        server, "GET", f"/api/v1/conversations/{cid}/visitor", headers=bearer(owned.token)
    )
    assert response.status == 200
    visitor = response.body["visitor"]
    assert visitor["id"] == welcome["visitor_id"]
    assert visitor["verified"] is False and visitor["visits"] >= 1 and visitor["first_seen"]
    assert {"page_url", "page_title", "referrer", "browser", "os", "locale", "timezone"} <= set(
        visitor
    )
    assert response.body["context"] == {}
    assert response.body["conversations"] == []
    foreign = http(
        server, "GET", f"/api/v1/conversations/{cid}/visitor", headers=bearer(other_shop.token)
    )
    assert foreign.status == 404


def test_user_agent_parsing():
    from shopchat.services.inbox import parse_user_agent

    chrome = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/131.0.0.0 Safari/537.36"
    )
    assert parse_user_agent(chrome) == ("Chrome 131", "Windows 10/11")
    safari = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
    )
    assert parse_user_agent(safari) == ("Safari 17", "iOS 17.4")
    firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
    assert parse_user_agent(firefox) == ("Firefox 133", "Linux")
    assert parse_user_agent(None) == (None, None)


# ---------------------------------------------------------------- internal notes


async def test_notes_never_reach_a_visitor_socket_or_history(server, owned):
    visitor, welcome = await open_visitor(server, owned.key)
    agent, _ = await open_agent(server, owned.token)
    cid = welcome["conversation_id"]
    async with visitor, agent:
        await send_message(visitor, "Hello?")
        await send_message(agent, "VIP customer, be nice", conversation_id=cid, internal=True)
        await nothing_more(visitor, "message")
        await send_message(agent, "Hi there!", conversation_id=cid)
        frame = await recv_type(visitor, "message")
        assert frame["message"]["body"] == "Hi there!"
    # A second tab of the same visitor: the welcome leaves the note out too.
    again, rewelcome = await open_visitor(server, owned.key, token=welcome["visitor_token"])
    async with again:
        assert "VIP" not in json.dumps(rewelcome)
    history = http(
        server, "GET", f"/api/v1/conversations/{cid}/messages",
        headers={"Authorization": f"Visitor {welcome['visitor_token']}"},
    )  # fmt: skip
    bodies = [m["body"] for m in history.body["messages"]]
    assert bodies == ["Hello?", "Hi there!"]
    agents_view = http(
        server, "GET", f"/api/v1/conversations/{cid}/messages", headers=bearer(owned.token)
    )
    assert [m["body"] for m in agents_view.body["messages"]] == [
        "Hello?", "VIP customer, be nice", "Hi there!",
    ]  # fmt: skip
    summary = http(server, "GET", f"/api/v1/conversations/{cid}", headers=bearer(owned.token))
    assert summary.body["conversation"]["unread_visitor"] == 1


# ---------------------------------------------------------------- agent images


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def _upload(server, token: str) -> dict:
    import urllib.request

    request = urllib.request.Request(
        server.url + "/api/v1/uploads",
        data=_png(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "image/png"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())["upload"]


async def test_an_agent_sends_an_image_the_visitor_receives(server, owned, other_shop):
    visitor, welcome = await open_visitor(server, owned.key)
    agent, _ = await open_agent(server, owned.token)
    cid = welcome["conversation_id"]
    async with visitor, agent:
        await send_message(visitor, "Can you show me the colour?")
        upload = _upload(server, owned.token)
        ack = await send_message(agent, "", conversation_id=cid, upload_id=upload["id"])
        image = ack["message"]["image"]
        assert ack["message"]["kind"] == "image" and image["url"] == upload["url"]
        assert image["width"] == 40 and image["height"] == 30
        frame = await recv_type(visitor, "message")
        assert frame["message"]["image"]["url"] == upload["url"]
        foreign = _upload(server, other_shop.token)
        await agent.send(
            json.dumps(
                {"type": "message", "conversation_id": cid, "client_msg_id": "img-x",
                 "body": "", "upload_id": foreign["id"]}
            )
        )  # fmt: skip
        error = await recv_type(agent, "error")
        assert error["code"] == "not_found" and error["client_msg_id"] == "img-x"
