"""What operators read: metrics, structured logs without secrets or bodies."""

from __future__ import annotations

import json

from prometheus_client.parser import text_string_to_metric_families

from tests.integration.client import http, open_agent, open_visitor, recv_type, send_message


def metrics(server) -> dict[str, float]:
    """Every sample of /metrics by its line name, e.g. 'shopchat_open_sockets{role="agent"}'."""
    text = http(server, "GET", "/metrics").body.decode()
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = ",".join(f'{key}="{value}"' for key, value in sorted(sample.labels.items()))
            found[f"{sample.name}{{{labels}}}" if labels else sample.name] = sample.value
    return found


async def test_metrics_count_sockets_messages_errors_and_fan_out(server, shop):
    before = metrics(server)
    agent, _ = await open_agent(server, shop.token)
    visitor, _ = await open_visitor(server, shop.key)
    async with agent, visitor:
        await send_message(visitor, "counted")
        await recv_type(agent, "message")
        await visitor.send("not json")
        await recv_type(visitor, "error")
        during = metrics(server)

    def grew(name: str) -> float:
        return during.get(name, 0.0) - before.get(name, 0.0)

    assert grew('shopchat_open_sockets{role="visitor"}') == 1
    assert grew('shopchat_open_sockets{role="agent"}') == 1
    assert grew('shopchat_messages_stored_total{author="visitor"}') == 1
    assert grew('shopchat_errors_total{code="invalid_json"}') == 1
    # the message reached the agent through the hub: at least that publication was timed
    assert grew("shopchat_fanout_latency_seconds_count") >= 1


async def test_logs_are_json_lines_without_message_bodies_or_tokens(server, shop):
    visitor, welcome = await open_visitor(server, shop.key)
    async with visitor:
        await send_message(visitor, "secret-body-text-8c1f")
        await visitor.send('{"type": "boom"}')
        await recv_type(visitor, "error")
    log = server.log()
    assert "secret-body-text-8c1f" not in log
    assert welcome["visitor_token"] not in log and shop.token not in log
    assert shop.secret not in log
    # Every line is one JSON object: the CLI's own output line, then log entries.
    entries = [json.loads(line) for line in log.splitlines() if line.strip()]
    logged = [entry for entry in entries if "serving" not in entry]
    assert logged and all({"ts", "level", "logger", "msg"} <= set(entry) for entry in logged)
