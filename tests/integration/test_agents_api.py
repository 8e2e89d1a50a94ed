"""Team management, own account, sessions that end and take their sockets with them."""

from __future__ import annotations

import uuid

import pytest

from tests.integration.client import (
    bearer,
    close_code,
    http,
    login,
    make_shop,
    open_agent,
)


@pytest.fixture(scope="module")
def team(server):
    """A shop with its owner and one agent (role agent)."""
    shop = make_shop(server, name="Team Shop")
    _, _, token = new_agent(server, shop)
    return shop, token


DEFAULT_PREFERENCES = {"sound": True, "title": True, "desktop": True, "email": "every_unanswered"}


def new_agent(server, shop, *, role: str = "agent", password: str = "agent password"):
    email = f"a-{uuid.uuid4().hex[:8]}@example.com"
    response = http(
        server, "POST", "/api/v1/agents",
        {"email": email, "name": "Bob", "password": password, "role": role},
        headers=bearer(shop.token),
    )  # fmt: skip
    assert response.status == 201, response.body
    agent = response.body["agent"]
    return agent, email, login(server, email, password)


def test_owner_creates_an_agent_who_can_log_in(server, fresh_shop):
    agent, email, token = new_agent(server, fresh_shop)
    assert agent["role"] == "agent" and agent["email"] == email and agent["is_active"]
    listed = http(server, "GET", "/api/v1/agents", headers=bearer(token))
    assert listed.status == 200
    assert {a["id"] for a in listed.body["agents"]} >= {agent["id"]}
    me = http(server, "GET", "/api/v1/me", headers=bearer(token))
    assert me.body["agent"]["id"] == agent["id"]
    assert me.body["preferences"] == {
        "sound": True,
        "title": True,
        "desktop": True,
        "email": "every_unanswered",
    }


def test_duplicate_email_and_short_password_are_refused(server, fresh_shop):
    _, email, _ = new_agent(server, fresh_shop)
    again = http(
        server, "POST", "/api/v1/agents", {"email": email, "password": "long enough"},
        headers=bearer(fresh_shop.token),
    )  # fmt: skip
    assert again.status == 409 and again.body["error"]["code"] == "conflict"
    short = http(
        server, "POST", "/api/v1/agents", {"email": "x@example.com", "password": "short"},
        headers=bearer(fresh_shop.token),
    )  # fmt: skip
    assert short.status == 400 and "8 characters" in short.body["error"]["message"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/agents", {"email": "z@example.com", "password": "long enough"}),
        ("POST", "/api/v1/agents/{owner}/deactivate", None),
        ("POST", "/api/v1/agents/{owner}/reactivate", None),
        ("POST", "/api/v1/agents/{owner}/password", {"password": "new password"}),
        ("GET", "/api/v1/shop/settings", None),
        ("PUT", "/api/v1/shop/settings", {"name": "Mine now"}),
        ("GET", "/api/v1/shop/install", None),
        ("POST", "/api/v1/canned", {"shortcut": "hi", "body": "Hello!"}),
        ("PUT", "/api/v1/canned/1", {"shortcut": "hi", "body": "Hello!"}),
        ("DELETE", "/api/v1/canned/1", None),
    ],
)
def test_owner_only_endpoints_answer_403_to_agents(server, team, method, path, body):
    shop, agent_token = team
    owner = http(server, "GET", "/api/v1/me", headers=bearer(shop.token)).body["agent"]
    response = http(server, method, path.format(owner=owner["id"]), body, bearer(agent_token))
    assert response.status == 403, response.body
    assert response.body["error"]["code"] == "forbidden"
    settings = http(server, "GET", "/api/v1/shop/settings", headers=bearer(shop.token))
    assert settings.body["settings"]["name"] == "Team Shop"
    assert login(server, shop.email)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/agents/{id}/deactivate", None),
        ("POST", "/api/v1/agents/{id}/reactivate", None),
        ("POST", "/api/v1/agents/{id}/password", {"password": "hijacked pass"}),
    ],
)
def test_another_shop_s_agent_ids_answer_404_and_change_nothing(
    server, shop, other_shop, method, path, body
):
    victim, email, _ = new_agent(server, shop, password="victim password")
    response = http(
        server, method, path.format(id=victim["id"]), body, headers=bearer(other_shop.token)
    )
    assert response.status == 404
    assert login(server, email, "victim password")


async def test_deactivating_ends_sessions_and_sockets_and_login(server, fresh_shop):
    agent, email, token = new_agent(server, fresh_shop)
    ws, _ = await open_agent(server, token)
    async with ws:
        response = http(
            server, "POST", f"/api/v1/agents/{agent['id']}/deactivate",
            headers=bearer(fresh_shop.token),
        )  # fmt: skip
        assert response.status == 200 and response.body["agent"]["is_active"] is False
        assert await close_code(ws) == 4401
    assert http(server, "GET", "/api/v1/me", headers=bearer(token)).status == 401
    refused = http(
        server, "POST", "/api/v1/agent/login", {"email": email, "password": "agent password"}
    )
    assert refused.status == 401
    http(
        server, "POST", f"/api/v1/agents/{agent['id']}/reactivate",
        headers=bearer(fresh_shop.token),
    )  # fmt: skip
    assert login(server, email, "agent password")


def test_owner_cannot_deactivate_themselves(server, fresh_shop):
    me = http(server, "GET", "/api/v1/me", headers=bearer(fresh_shop.token)).body["agent"]
    response = http(
        server, "POST", f"/api/v1/agents/{me['id']}/deactivate", headers=bearer(fresh_shop.token)
    )
    assert response.status == 409


async def test_owner_resets_a_password_and_the_old_sessions_end(server, fresh_shop):
    agent, email, token = new_agent(server, fresh_shop)
    ws, _ = await open_agent(server, token)
    async with ws:
        response = http(
            server, "POST", f"/api/v1/agents/{agent['id']}/password",
            {"password": "brand new pass"}, headers=bearer(fresh_shop.token),
        )  # fmt: skip
        assert response.status == 200
        assert await close_code(ws) == 4401
    assert http(server, "GET", "/api/v1/me", headers=bearer(token)).status == 401
    assert login(server, email, "brand new pass")


async def test_changing_your_password_ends_your_other_sessions_only(server):
    shop = make_shop(server, name="Password Shop")
    other_token = login(server, shop.email)
    other_ws, _ = await open_agent(server, other_token)
    own_ws, _ = await open_agent(server, shop.token)
    async with other_ws, own_ws:
        wrong = http(
            server, "POST", "/api/v1/me/password",
            {"current_password": "not it", "new_password": "whatever long"},
            headers=bearer(shop.token),
        )  # fmt: skip
        assert wrong.status == 403
        response = http(
            server, "POST", "/api/v1/me/password",
            {"current_password": "correct horse", "new_password": "battery staple"},
            headers=bearer(shop.token),
        )  # fmt: skip
        assert response.status == 200 and response.body["revoked_sessions"] == 1
        assert await close_code(other_ws) == 4401
        assert own_ws.close_code is None
    assert http(server, "GET", "/api/v1/me", headers=bearer(other_token)).status == 401
    assert http(server, "GET", "/api/v1/me", headers=bearer(shop.token)).status == 200
    assert login(server, shop.email, "battery staple")


async def test_logout_closes_the_sockets_of_that_session(server):
    shop = make_shop(server, name="Logout Shop")
    second = login(server, shop.email)
    ws, _ = await open_agent(server, shop.token)
    other, _ = await open_agent(server, second)
    async with ws, other:
        assert (
            http(server, "POST", "/api/v1/agent/logout", headers=bearer(shop.token)).status == 200
        )
        assert await close_code(ws) == 4401
        assert other.close_code is None  # another login of the same agent stays
    reconnect, _ = await open_agent(server, second)
    await reconnect.close()


def test_preferences_are_per_agent(server, fresh_shop):
    _, _, token = new_agent(server, fresh_shop)
    response = http(
        server, "PUT", "/api/v1/me/preferences", {"sound": False, "desktop": False},
        headers=bearer(token),
    )  # fmt: skip
    assert response.body["preferences"] == {
        "sound": False,
        "title": True,
        "desktop": False,
        "email": "every_unanswered",
    }
    again = http(server, "GET", "/api/v1/me/preferences", headers=bearer(token))
    assert again.body["preferences"] == {
        "sound": False,
        "title": True,
        "desktop": False,
        "email": "every_unanswered",
    }
    owner = http(server, "GET", "/api/v1/me/preferences", headers=bearer(fresh_shop.token))
    assert owner.body["preferences"] == {
        "sound": True,
        "title": True,
        "desktop": True,
        "email": "every_unanswered",
    }
    bad = http(server, "PUT", "/api/v1/me/preferences", {"sound": "loud"}, headers=bearer(token))
    assert bad.status == 400
