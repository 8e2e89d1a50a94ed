"""The agent socket against in-memory SQLite and the in-process node: what a hello costs."""

import asyncio
import json

import pytest
from tortoise import connections

from shopchat.config import load_settings
from shopchat.models import Role
from shopchat.realtime.agent import serve_agent
from shopchat.realtime.node import Runtime
from shopchat.realtime.session import Refused
from shopchat.services import accounts, sessions, shops


class HelloThenClose:
    """A socket that sends one hello, then closes."""

    def __init__(self, token: str) -> None:
        self.incoming = [json.dumps({"type": "hello", "token": token})]
        self.sent: list[dict] = []

    async def recv(self, timeout=None):
        return self.incoming.pop(0) if self.incoming else None

    async def send(self, data: str) -> None:
        self.sent.append(json.loads(data))

    async def close(self, code=1000, reason=""):
        return None


@pytest.fixture
async def node(database, tmp_path):
    runtime = Runtime.build(load_settings({}, var_dir=tmp_path / "var"))
    await runtime.start()
    yield runtime
    await runtime.stop()


@pytest.fixture
def statements(monkeypatch):
    """Every SQL statement the default connection runs from here on."""
    client, seen = connections.get("default"), []
    for name in ("execute_query", "execute_query_dict"):
        original = getattr(client, name)

        async def spy(sql, values=None, _original=original):
            seen.append(sql)
            return await _original(sql, values)

        monkeypatch.setattr(client, name, spy)
    return seen


async def new_login():
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    await accounts.create_agent(
        shop=shop, email="a@a.example", password="long enough", role=Role.OWNER
    )
    token, _agent = await sessions.login(
        email="a@a.example", password="long enough", shop_key=None, ttl_seconds=60
    )
    return token


async def test_an_agent_socket_looks_its_token_up_once(node, statements):
    socket = HelloThenClose(await new_login())
    statements.clear()
    await serve_agent(node, socket)
    await asyncio.sleep(0)  # the writer task drains the welcome
    assert [frame["type"] for frame in socket.sent] == ["welcome"]
    assert sum("agent_session" in sql for sql in statements) == 1


async def test_an_agent_socket_with_a_revoked_token_is_refused(node):
    token = await new_login()
    await sessions.revoke_token(token=token)
    with pytest.raises(Refused) as refused:
        await serve_agent(node, HelloThenClose(token))
    assert refused.value.code == 4401
