"""Crashes, restarts and outages: nothing stored is lost, nothing is stored twice."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
import websockets

from shopchat.testing import ServerProcess, free_port
from tests.cluster.test_two_nodes import all_messages
from tests.integration.client import (
    close_code,
    http,
    make_shop,
    open_agent,
    open_visitor,
    recv,
    recv_type,
    send_message,
)


async def test_kill_9_mid_burst_then_resend_stores_each_message_once_in_order(node_factory):
    node = node_factory("crash").start()
    shop = make_shop(node)
    total = 1000
    visitor, welcome = await open_visitor(node, shop.key)
    acked: set[str] = set()
    killed = False
    try:
        for n in range(total):
            await visitor.send(
                json.dumps({"type": "message", "client_msg_id": f"m{n}", "body": f"{n}"})
            )
        while len(acked) < total:
            frame = await recv(visitor, timeout=30)
            if frame["type"] == "ack":
                acked.add(frame["client_msg_id"])
            if len(acked) >= 300 and not killed:
                node.send_signal(signal.SIGKILL)  # no drain, no goodbye
                killed = True
    except websockets.ConnectionClosed:
        pass
    assert killed and len(acked) < total
    node.stop()
    node.start()
    # The client resends everything unacknowledged, with the original ids, in order.
    resumed, _ = await open_visitor(node, shop.key, token=welcome["visitor_token"], last_seq=0)
    async with resumed:
        for n in range(total):
            if f"m{n}" not in acked:
                await resumed.send(
                    json.dumps({"type": "message", "client_msg_id": f"m{n}", "body": f"{n}"})
                )
        while len(acked) < total:
            acked.add((await recv_type(resumed, "ack", timeout=30))["client_msg_id"])
    stored = all_messages(node, shop.token, welcome["conversation_id"])
    assert [m["seq"] for m in stored] == list(range(1, total + 1))
    assert [m["client_msg_id"] for m in stored] == [f"m{n}" for n in range(total)]
    node.stop()


async def test_sigterm_tells_clients_to_reconnect_and_exits_promptly(node_factory):
    node = node_factory("drain").start()
    shop = make_shop(node)
    visitor, _ = await open_visitor(node, shop.key)
    agent, _ = await open_agent(node, shop.token)
    started = time.monotonic()
    node.send_signal(signal.SIGTERM)
    assert await close_code(visitor) == 1012
    assert await close_code(agent) == 1012
    assert node.wait(timeout=15) == 0
    assert time.monotonic() - started < 15


async def test_a_crashed_node_s_agents_stop_counting_as_online(node_factory, node_a):
    doomed = node_factory("doomed").start()
    shop = make_shop(node_a)
    _agent, _ = await open_agent(doomed, shop.token)
    visitor, welcome = await open_visitor(node_a, shop.key)
    assert welcome["shop"]["online"] is True
    await visitor.close()
    doomed.send_signal(signal.SIGKILL)
    doomed.stop()
    await asyncio.sleep(3.5)  # SHOPCHAT_PRESENCE_TTL_SECONDS=3 in these tests
    visitor, welcome = await open_visitor(node_a, shop.key)
    async with visitor:
        assert welcome["shop"]["online"] is False


@pytest.fixture
def private_redis(tmp_path) -> Iterator[tuple[int, list[subprocess.Popen], Callable[[], None]]]:
    """A Redis of our own that the test may kill and restart on the same port."""
    port = free_port()
    processes: list[subprocess.Popen] = []

    def start() -> None:
        processes.append(
            subprocess.Popen(
                ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(tmp_path)],
                stdout=subprocess.DEVNULL,
            )
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while (
            subprocess.run(
                ["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True
            ).stdout.strip()
            != "PONG"
        ):
            assert time.monotonic() < deadline, "private redis did not start"
            time.sleep(0.05)

    start()
    yield port, processes, start
    for process in processes:
        process.kill()
        process.wait()


def wait_ready(node: ServerProcess, ready: bool, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while (http(node, "GET", "/readyz").status == 200) != ready:
        assert time.monotonic() < deadline, f"/readyz never became ready={ready}"
        time.sleep(0.1)


async def test_redis_restart_is_survived_and_clients_catch_up(node_factory, private_redis):
    port, processes, restart = private_redis
    node = node_factory("redis-outage", broker_url=f"redis://127.0.0.1:{port}/0").start()
    shop = make_shop(node)
    agent, _ = await open_agent(node, shop.token)
    visitor, welcome = await open_visitor(node, shop.key)
    await send_message(visitor, "before the outage")
    await recv_type(agent, "message")

    processes[-1].kill()
    processes[-1].wait()
    wait_ready(node, ready=False)
    during = await send_message(visitor, "during the outage")  # stored and acked all the same
    assert during["message"]["seq"] == 2

    restart()
    wait_ready(node, ready=True)
    assert await close_code(agent) == 1012  # resume, since fan-out was lost meanwhile
    assert await close_code(visitor) == 1012
    agent, _ = await open_agent(node, shop.token)
    visitor, again = await open_visitor(node, shop.key, token=welcome["visitor_token"], last_seq=2)
    async with agent, visitor:
        assert again["messages"] == []
        after = await send_message(visitor, "after the outage")
        assert (await recv_type(agent, "message"))["message"] == after["message"]
    stored = all_messages(node, shop.token, welcome["conversation_id"])
    assert [m["body"] for m in stored] == [
        "before the outage",
        "during the outage",
        "after the outage",
    ]
    node.stop()


async def test_two_workers_share_fan_out_through_redis(node_factory):
    node = node_factory("workers").start("--workers", "2")
    shop = make_shop(node)
    sockets = [(await open_visitor(node, shop.key))[0] for _ in range(8)]
    try:
        response = http(
            node, "POST", "/api/v1/push", {"to": "all", "event": {"hello": "all"}},
            headers={"Authorization": f"Bearer {shop.secret}"},
        )  # fmt: skip
        assert response.body == {"sockets": 8}
        for ws in sockets:
            assert (await recv_type(ws, "event"))["event"] == {"hello": "all"}
    finally:
        for ws in sockets:
            await ws.close()
        node.stop()
