"""Abuse limits and hostile input against a server with small limits of its own."""

from __future__ import annotations

import asyncio
import json
import urllib.request
from collections.abc import Iterator

import pytest
import websockets

from shopchat.testing import ServerProcess
from tests.integration.client import (
    STORE_ORIGIN,
    Shop,
    bearer,
    close_code,
    http,
    make_shop,
    open_visitor,
    recv,
    send_message,
)


@pytest.fixture(scope="module")
def strict_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp("strict")
    env = {
        "SHOPCHAT_VAR_DIR": str(workdir / "var"),
        "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
        "SHOPCHAT_LIMIT_MESSAGE_BURST": "3",
        "SHOPCHAT_LIMIT_MESSAGE_PER_SECOND": "0.2",
        "SHOPCHAT_LIMIT_TYPING_BURST": "2",
        "SHOPCHAT_LIMIT_TYPING_PER_SECOND": "0.2",
        "SHOPCHAT_LIMIT_SOCKETS_PER_IP_MINUTE": "12",
        "SHOPCHAT_LIMIT_VISITORS_PER_IP_HOUR": "6",
    }
    with ServerProcess(workdir, env) as server:
        yield server


@pytest.fixture(scope="module")
def strict_shop(strict_server: ServerProcess) -> Shop:
    return make_shop(strict_server)


async def test_message_rate_is_limited_per_socket_and_stores_nothing(strict_server, strict_shop):
    ws, welcome = await open_visitor(strict_server, strict_shop.key)
    async with ws:
        for n in range(3):
            await send_message(ws, f"burst {n}")
        await ws.send(json.dumps({"type": "message", "client_msg_id": "over", "body": "4th"}))
        error = await recv(ws)
        assert error["code"] == "rate_limited" and error["client_msg_id"] == "over"
        assert isinstance(error["retry_after"], int) and error["retry_after"] >= 1
        for _ in range(3):
            await ws.send(json.dumps({"type": "typing"}))
        assert (await recv(ws))["code"] == "rate_limited"
    history = http(
        strict_server, "GET", f"/api/v1/conversations/{welcome['conversation_id']}/messages",
        headers=bearer(strict_shop.token),
    ).body  # fmt: skip
    assert [m["body"] for m in history["messages"]] == ["burst 0", "burst 1", "burst 2"]


async def test_new_visitors_per_address_are_limited_but_returning_ones_are_not(
    strict_server, strict_shop
):
    tokens = []
    refused = None
    for _ in range(8):
        ws = await websockets.connect(
            f"{strict_server.ws_url}/api/v1/ws/visitor?shop={strict_shop.key}", origin=STORE_ORIGIN
        )
        await ws.send(json.dumps({"type": "hello", "visitor_token": None}))
        frame = await recv(ws)
        if frame["type"] == "error":
            refused = frame
            assert await close_code(ws) == 4429
            break
        tokens.append(frame["visitor_token"])
        await ws.close()
    assert refused is not None and refused["code"] == "rate_limited" and refused["retry_after"] > 0
    returning, welcome = await open_visitor(strict_server, strict_shop.key, token=tokens[0])
    async with returning:
        assert welcome["visitor_token"] == tokens[0]


async def test_new_sockets_per_address_are_limited(strict_server, strict_shop):
    codes = []
    for _ in range(14):
        ws = await websockets.connect(
            f"{strict_server.ws_url}/api/v1/ws/visitor?shop={strict_shop.key}", origin=STORE_ORIGIN
        )
        try:
            frame = await recv(ws, timeout=0.3)
            codes.append(frame.get("code"))
        except TimeoutError:
            codes.append("open")
        await ws.close()
    assert "rate_limited" in codes and codes[0] == "open"


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"type": "message", "client_msg_id": "c", "body": "bell \x07"}, "invalid_field"),
        ({"type": "message", "client_msg_id": "c", "body": "nul \x00"}, "invalid_field"),
        ({"type": "read", "seq": 10**30}, "invalid_field"),
        ({"type": "read", "seq": 1.5}, "invalid_field"),
        ({"type": "message", "client_msg_id": ["x"], "body": "x"}, "invalid_field"),
        ({"type": "message", "client_msg_id": "x" * 65, "body": "x"}, "invalid_field"),
    ],
)
async def test_hostile_frames_get_clear_errors(server, shop, frame, code):
    ws, _ = await open_visitor(server, shop.key)
    async with ws:
        await ws.send(json.dumps(frame))
        assert (await recv(ws))["code"] == code


@pytest.mark.parametrize(
    "raw",
    ["[" * 20_000 + "]" * 20_000, '{"type": "read", "seq": 1' + "0" * 5000 + "}", '{"a": ' * 5000],
)
async def test_deep_or_huge_json_is_refused_and_the_server_stays_up(server, shop, raw):
    ws, _ = await open_visitor(server, shop.key)
    async with ws:
        await ws.send(raw)
        assert (await recv(ws))["code"] in ("invalid_json", "invalid_field")
        assert (await send_message(ws, "still fine"))["message"]["body"] == "still fine"


async def test_a_reused_client_msg_id_with_other_text_is_refused(server, shop):
    ws, welcome = await open_visitor(server, shop.key)
    async with ws:
        await send_message(ws, "original", client_msg_id="same-id")
        await ws.send(json.dumps({"type": "message", "client_msg_id": "same-id", "body": "forged"}))
        error = await recv(ws)
        assert error["code"] == "conflict" and error["client_msg_id"] == "same-id"
    history = http(
        server, "GET", f"/api/v1/conversations/{welcome['conversation_id']}/messages",
        headers=bearer(shop.token),
    ).body  # fmt: skip
    assert [m["body"] for m in history["messages"]] == ["original"]


async def test_frames_over_the_size_limit_close_the_socket_with_1009(server, shop):
    ws, _ = await open_visitor(server, shop.key)
    await ws.send(json.dumps({"type": "message", "client_msg_id": "big", "body": "x" * 70_000}))
    assert await close_code(ws) == 1009


async def test_invalid_utf8_closes_with_1007_and_bystanders_keep_working(server, shop):
    bystander, _ = await open_visitor(server, shop.key)
    ws, _ = await open_visitor(server, shop.key)
    await ws.send(b'{"type": "typing", "x": "\xff\xfe"}', text=True)
    assert await close_code(ws) == 1007
    async with bystander:
        assert (await send_message(bystander, "unaffected"))["message"]["body"] == "unaffected"


def test_oversized_http_bodies_get_a_json_413(server):
    request = urllib.request.Request(
        server.url + "/api/v1/agent/login", data=b"x" * (2 * 1024 * 1024), method="POST"
    )
    try:
        urllib.request.urlopen(request, timeout=10)
        raise AssertionError("an oversized body was accepted")
    except urllib.error.HTTPError as error:
        assert error.code == 413
        assert json.loads(error.read())["error"]["code"] == "too_large"
    except (ConnectionResetError, BrokenPipeError):
        pass  # the server may close before reading the whole body: also a refusal


def test_agent_api_refuses_other_sites_pages(server, shop):
    foreign = http(
        server, "GET", "/api/v1/conversations",
        headers={**bearer(shop.token), "Origin": "http://evil.example"},
    )  # fmt: skip
    assert foreign.status == 403 and foreign.body["error"]["code"] == "forbidden"
    own = http(
        server, "GET", "/api/v1/conversations", headers={**bearer(shop.token), "Origin": server.url}
    )
    assert own.status == 200


async def test_agent_socket_refuses_other_sites_pages(server, shop):
    ws = await websockets.connect(f"{server.ws_url}/api/v1/ws/agent", origin="http://evil.example")
    assert await close_code(ws) == 4403


async def test_many_bad_frames_do_not_stall_a_bystander(server, shop):
    bystander, _ = await open_visitor(server, shop.key)
    attacker, _ = await open_visitor(server, shop.key)
    async with bystander, attacker:
        garbage = ["{", "[]", '{"type": 1}', "\u0000", '{"type": "message"}'] * 200
        await asyncio.gather(*(attacker.send(g) for g in garbage))
        ack = await send_message(bystander, "still served")
        assert ack["message"]["body"] == "still served"
