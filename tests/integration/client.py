"""A small protocol client for integration tests: HTTP calls and socket helpers."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection

from shopchat.testing import ServerProcess

STORE_ORIGIN = "http://127.0.0.1:9999"


@dataclass
class Shop:
    key: str
    secret: str
    email: str
    password: str
    token: str


@dataclass
class Response:
    status: int
    body: Any
    headers: dict[str, str]


def http(
    server: ServerProcess,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Response:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(server.url + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw, status, got = response.read(), response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        raw, status, got = error.read(), error.code, dict(error.headers)
    lowered = {name.lower(): value for name, value in got.items()}
    payload = json.loads(raw) if raw and "json" in lowered.get("content-type", "") else raw
    return Response(status, payload, lowered)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def make_shop(server: ServerProcess, name: str = "Test Shop", origin: str = STORE_ORIGIN) -> Shop:
    created = server.cli("create-shop", "--name", name, "--origin", origin)
    email = f"agent-{uuid.uuid4().hex[:8]}@example.com"
    server.cli(
        "create-agent", "--shop", created["shop_key"], "--email", email,
        "--password", "correct horse", "--name", "Alice", "--role", "owner",
    )  # fmt: skip
    return Shop(
        created["shop_key"], created["secret"], email, "correct horse", login(server, email)
    )


def login(server: ServerProcess, email: str, password: str = "correct horse") -> str:
    response = http(server, "POST", "/api/v1/agent/login", {"email": email, "password": password})
    assert response.status == 200, response.body
    return response.body["token"]


async def recv(ws: ClientConnection, timeout: float = 5.0) -> dict[str, Any]:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def recv_type(ws: ClientConnection, frame_type: str, timeout: float = 5.0) -> dict[str, Any]:
    """The next frame of a type, skipping others (presence and inbox updates interleave)."""
    async with asyncio.timeout(timeout):
        while True:
            frame = await recv(ws, timeout)
            if frame["type"] == frame_type:
                return frame


async def nothing_more(ws: ClientConnection, frame_type: str, wait: float = 0.4) -> None:
    """Assert no frame of this type arrives within `wait` seconds."""
    try:
        async with asyncio.timeout(wait):
            while True:
                frame = await recv(ws, wait)
                assert frame["type"] != frame_type, frame
    except TimeoutError:
        return


async def close_code(ws: ClientConnection, timeout: float = 5.0) -> int | None:
    try:
        async with asyncio.timeout(timeout):
            while True:
                await ws.recv()
    except websockets.ConnectionClosed:
        pass
    return ws.close_code


async def open_visitor(
    server: ServerProcess,
    shop_key: str,
    *,
    token: str | None = None,
    last_seq: int | None = None,
    origin: str = STORE_ORIGIN,
) -> tuple[ClientConnection, dict[str, Any]]:
    ws = await websockets.connect(
        f"{server.ws_url}/api/v1/ws/visitor?shop={shop_key}", origin=origin
    )
    await ws.send(json.dumps({"type": "hello", "visitor_token": token, "last_seq": last_seq}))
    return ws, await recv_type(ws, "welcome")


async def open_agent(server: ServerProcess, token: str) -> tuple[ClientConnection, dict[str, Any]]:
    ws = await websockets.connect(f"{server.ws_url}/api/v1/ws/agent")
    await ws.send(json.dumps({"type": "hello", "token": token}))
    return ws, await recv_type(ws, "welcome")


async def send_message(
    ws: ClientConnection, body: str, *, conversation_id: int | None = None, **extra: Any
) -> dict[str, Any]:
    """Send a message and return its ack."""
    client_msg_id = extra.pop("client_msg_id", uuid.uuid4().hex)
    frame = {"type": "message", "client_msg_id": client_msg_id, "body": body, **extra}
    if conversation_id is not None:
        frame["conversation_id"] = conversation_id
    await ws.send(json.dumps(frame))
    ack = await recv_type(ws, "ack")
    assert ack["client_msg_id"] == client_msg_id
    return ack
