"""Fuzzing, bounded in count: random and structured frames against a running server, and
Schemathesis against the OpenAPI document. The server must stay healthy and a bystander
connection must keep working throughout."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from typing import Any

import websockets
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.client import (
    http,
    make_shop,
    open_agent,
    open_visitor,
    recv,
    recv_type,
    send_message,
)

FUZZ_EXAMPLES = 300
SCHEMATHESIS_EXAMPLES = 25

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
structured_frames = st.fixed_dictionaries(
    {"type": st.sampled_from(["message", "typing", "read", "hello", "identify", "context", ""])},
    optional={
        "client_msg_id": st.text(max_size=80) | json_values,
        "body": st.text(max_size=2100) | json_values,
        "seq": st.integers() | json_values,
        "conversation_id": st.integers() | json_values,
        "visitor_token": st.text(max_size=50) | json_values,
        "last_seq": st.integers() | json_values,
        "extra": json_values,
    },
).map(json.dumps)
frames = structured_frames | st.text(max_size=300) | st.binary(max_size=300)


class Harness:
    """An attacker socket that sends fuzz, a bystander and an agent that must not notice."""

    def __init__(self, server: Any, shop: Any) -> None:
        self.server, self.shop = server, shop
        self.sent = self.closed = 0

    async def open(self) -> None:
        self.attacker, _ = await open_visitor(self.server, self.shop.key)
        self.bystander, self.bystander_welcome = await open_visitor(self.server, self.shop.key)
        self.agent, _ = await open_agent(self.server, self.shop.token)

    async def attack(self, frame: str | bytes) -> None:
        self.sent += 1
        try:
            await self.attacker.send(frame)
            # A message of ours is the barrier: its ack comes after any reply to the fuzz
            # (which may itself be an ack: a fuzzed frame can be a valid message).
            probe = f"probe-{self.sent}"
            await self.attacker.send(
                json.dumps({"type": "message", "client_msg_id": probe, "body": "probe"})
            )
            while (await recv_type(self.attacker, "ack"))["client_msg_id"] != probe:
                pass
        except websockets.ConnectionClosed:
            self.closed += 1  # e.g. a fuzzed hello token; the server chose to hang up
            self.attacker, _ = await open_visitor(self.server, self.shop.key)
        if self.sent % 25 == 0:
            await self.bystander_still_served()

    async def bystander_still_served(self) -> None:
        ack = await send_message(self.bystander, f"bystander {self.sent}")
        while True:
            frame = await recv_type(self.agent, "message")
            if frame["message"]["id"] == ack["message"]["id"]:
                return

    async def close(self) -> None:
        for ws in (self.attacker, self.bystander, self.agent):
            await ws.close()


def test_fuzzed_frames_never_hurt_the_server_or_a_bystander(server, shop):
    loop = asyncio.new_event_loop()
    harness = Harness(server, shop)
    loop.run_until_complete(harness.open())

    @settings(
        max_examples=FUZZ_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(frame=frames)
    def attack(frame: str | bytes) -> None:
        loop.run_until_complete(harness.attack(frame))

    try:
        attack()
        loop.run_until_complete(harness.bystander_still_served())
    finally:
        loop.run_until_complete(harness.close())
        loop.close()
    assert harness.sent >= FUZZ_EXAMPLES
    assert http(server, "GET", "/healthz").status == 200


async def test_an_error_frame_answers_each_refused_fuzz_frame(server, shop):
    ws, _ = await open_visitor(server, shop.key)
    async with ws:
        for raw in (
            "",
            "{}",
            '{"type": null}',
            '"\\ud800"',  # a lone surrogate, escaped: valid JSON text, not a frame
            "1e999999",
            '{"type":"message","body":{}}',
        ):
            await ws.send(raw)
            assert (await recv(ws))["type"] == "error"


def test_schemathesis_finds_no_server_error(server):
    # A shop of its own: the generated calls change settings, agents and canned replies.
    shop = make_shop(server, name="Schemathesis Shop")
    result = subprocess.run(
        [
            sys.executable, "-m", "schemathesis.cli", "run", f"{server.url}/docs/openapi.json",
            "--checks", "not_a_server_error,response_schema_conformance",
            "--header", f"Authorization: Bearer {shop.token}",
            "--max-examples", str(SCHEMATHESIS_EXAMPLES),
            # Sockets are not HTTP; logout, password changes and deactivation end the session.
            "--exclude-path-regex", "/ws/|/agent/logout|/password|/deactivate",
            "--seed", "1", "--no-color",
        ],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:]
    assert "generated" in result.stdout
