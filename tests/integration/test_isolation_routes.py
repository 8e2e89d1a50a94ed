"""Every route that takes an id, from the app's own route table, against another shop's ids.

The agent of shop B (an owner, so role checks do not answer first) calls each such route with
shop A's ids: the answer must be 404 (never 403: ids are not confirmed) and shop A's data must
be unchanged. A new route with an id parameter this file has no rule for fails the test, so a
new endpoint cannot be forgotten.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from dataclasses import dataclass
from typing import Any

import pytest

from shopchat.app import create_app
from shopchat.config import load_settings
from tests.integration.client import bearer, http, open_visitor, send_message

# Parameters that name no tenant data, and why.
NOT_TENANT_IDS = {
    "name": "static widget and console files, the same for every shop",
    "key": "upload keys are 128-bit random capabilities: the URL is the permission",
}
# Bodies that pass validation, so that the route's shop check is what answers.
SAMPLE_BODIES: dict[str, dict[str, Any]] = {
    "api/v1/conversations/<conversation_id:int>/assign": {"agent_id": None},
    "api/v1/agents/<agent_id:int>/password": {"password": "a new password 123"},
    "api/v1/canned/<canned_id:int>": {"shortcut": "hijack", "body": "hijacked"},
    "api/v1/conversations/<conversation_id:int>/messages": {"body": "hi", "client_msg_id": "x"},
    "api/v1/visitors/<visitor_id:str>/messages": {"body": "hi", "client_msg_id": "x"},
}


def id_routes() -> list[tuple[str, str, list[str]]]:
    app = create_app(load_settings({}, var_dir=tempfile.mkdtemp()), name="isolation_route_table")
    found = []
    for route in app.router.routes:
        if route.extra.websocket or not route._params:
            continue
        names = [param.name for param in route._params.values()]
        if all(name in NOT_TENANT_IDS for name in names):
            continue
        for method in sorted(route.methods - {"OPTIONS", "HEAD"}):
            found.append((method, route.path, names))
    return found


ROUTES = id_routes()


@dataclass
class Victim:
    conversation_id: int
    agent_id: int
    canned_id: int
    visitor_id: str  # the public id of the welcome (v_…), as the REST API names shoppers


@pytest.fixture(scope="module")
def victim(server, shop) -> Victim:
    async def conversation() -> tuple[int, str]:
        ws, welcome = await open_visitor(server, shop.key)
        async with ws:
            await send_message(ws, "shop A's private question")
        return welcome["conversation_id"], welcome["visitor_id"]

    conversation_id, visitor_id = asyncio.run(conversation())
    agent = http(
        server, "POST", "/api/v1/agents",
        {"email": "second@shop-a.example", "password": "long enough 123", "name": "Second"},
        headers=bearer(shop.token),
    )  # fmt: skip
    assert agent.status in (200, 201), agent.body
    canned = http(
        server, "POST", "/api/v1/canned", {"shortcut": "thanks", "body": "Thank you!"},
        headers=bearer(shop.token),
    )  # fmt: skip
    assert canned.status in (200, 201), canned.body
    return Victim(
        conversation_id,
        _id_of(agent.body, "agent"),
        _id_of(canned.body, "canned_reply", "canned", "reply"),
        visitor_id,
    )


def _id_of(body: dict[str, Any], *keys: str) -> int:
    for key in keys:
        if isinstance(body.get(key), dict):
            return int(body[key]["id"])
    return int(body["id"])


def snapshot(server, shop) -> dict[str, Any]:
    """Everything of shop A an attack could change."""
    calls = {
        "conversations": "/api/v1/conversations?limit=100",
        "agents": "/api/v1/agents",
        "canned": "/api/v1/canned",
        "settings": "/api/v1/shop/settings",
    }
    state = {
        name: http(server, "GET", path, headers=bearer(shop.token)).body
        for name, path in calls.items()
    }
    return state


def test_the_route_table_has_id_routes():
    assert any("conversation_id" in names for _, _, names in ROUTES)


@pytest.mark.parametrize(
    ("method", "path", "names"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES]
)
def test_foreign_ids_answer_404_and_change_nothing(
    server, shop, other_shop, victim, method, path, names
):
    unknown = [name for name in names if name not in NOT_TENANT_IDS and not hasattr(victim, name)]
    assert not unknown, f"{method} {path}: add a foreign-id rule for {unknown} in this file"
    url = "/" + re.sub(r"<(\w+):[^>]+>", lambda m: str(getattr(victim, m.group(1))), path)
    before = snapshot(server, shop)
    body = SAMPLE_BODIES.get(path, {}) if method in ("POST", "PUT", "PATCH") else None
    response = http(server, method, url, body, headers=bearer(other_shop.token))
    assert response.status == 404, (method, url, response.status, response.body)
    assert snapshot(server, shop) == before
