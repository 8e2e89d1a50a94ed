"""Load client that speaks shopchat's visitor/agent protocol (and the references' subset).

Loopback only, bounded in count and time. Each scenario returns a dict of figures.
"""

from __future__ import annotations

import asyncio
import base64
import http.client
import json
import os
import statistics
import time
import urllib.parse
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import psutil
import websockets
from websockets.asyncio.client import ClientConnection

ORIGIN = "http://127.0.0.1:9999"


@dataclass
class Target:
    name: str
    visitor_url: str  # ws://…/api/v1/ws/visitor?shop=KEY
    pid: int
    push: Callable[[dict], Awaitable[int]] | None = None  # returns the sockets targeted
    agent_url: str | None = None
    agent_token: str | None = None


def percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    ordered = sorted(values)

    def at(q: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 3)

    return {
        "n": len(values),
        "p50_ms": at(0.5),
        "p90_ms": at(0.9),
        "p99_ms": at(0.99),
        "max_ms": round(ordered[-1] * 1000, 3),
        "mean_ms": round(statistics.fmean(values) * 1000, 3),
    }


async def wait_until(done: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll a counter the readers fill (they are many tasks; polling keeps them simple)."""
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:  # noqa: ASYNC110
        await asyncio.sleep(0.05)


def rss_bytes(pid: int) -> int:
    """Resident memory of a server and its children (Sanic workers), summed."""
    process = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [process, *process.children(recursive=True)])


async def open_visitor(url: str) -> tuple[ClientConnection, dict, float]:
    started = time.monotonic()
    ws = await websockets.connect(url, origin=ORIGIN, compression=None, max_queue=None)
    await ws.send('{"type":"hello","visitor_token":null,"last_seq":null}')
    while True:
        frame = json.loads(await ws.recv())
        if frame["type"] == "welcome":
            return ws, frame, time.monotonic() - started


class LeanSocket:
    """Just enough of a WebSocket client to say hello and hold the socket: the websockets
    library's handshake cost the load client more CPU than the servers spent (with it, even
    the bare references topped out near 600-800 connections/s on this 2-core machine).
    Used by the idle scenario only; it never answers pings, so it holds sockets for less
    than the server's ping interval plus timeout (40 s)."""

    HELLO = b'{"type":"hello","visitor_token":null,"last_seq":null}'

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @staticmethod
    def frame(opcode: int, payload: bytes) -> bytes:
        """A client frame (masked, with a zero mask: XOR leaves the payload as it is)."""
        size = len(payload)
        head = bytes([0x80 | opcode])
        if size < 126:
            head += bytes([0x80 | size])
        else:
            head += bytes([0x80 | 126]) + size.to_bytes(2, "big")
        return head + b"\0\0\0\0" + payload

    @classmethod
    async def hello(cls, url: str) -> tuple[LeanSocket, float]:
        started = time.monotonic()
        parts = urllib.parse.urlsplit(url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        key = base64.b64encode(os.urandom(16)).decode()
        writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            f"Sec-WebSocket-Version: 13\r\nOrigin: {ORIGIN}\r\n\r\n".encode()
        )
        response = await reader.readuntil(b"\r\n\r\n")
        if not response.startswith(b"HTTP/1.1 101"):
            raise RuntimeError(f"upgrade refused: {response[:80]!r}")
        writer.write(cls.frame(0x1, cls.HELLO))
        lean = cls(reader, writer)
        while True:
            opcode, payload = await lean.read_frame()
            if opcode == 0x8:
                raise RuntimeError(f"closed before welcome: {payload[:80]!r}")
            if opcode == 0x1 and b'"welcome"' in payload:
                return lean, time.monotonic() - started

    async def read_frame(self) -> tuple[int, bytes]:
        first, second = await self.reader.readexactly(2)
        size = second & 0x7F
        if size == 126:
            size = int.from_bytes(await self.reader.readexactly(2), "big")
        elif size == 127:
            size = int.from_bytes(await self.reader.readexactly(8), "big")
        return first & 0x0F, await self.reader.readexactly(size)

    async def close(self) -> None:
        self.writer.write(self.frame(0x8, (1000).to_bytes(2, "big")))
        self.writer.close()


async def open_many(url: str, count: int, concurrency: int = 100):
    gate = asyncio.Semaphore(concurrency)

    async def one():
        async with gate:
            return await open_visitor(url)

    return await asyncio.gather(*(one() for _ in range(count)))


async def close_all(sockets: list[ClientConnection]) -> None:
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)


async def idle(target: Target, count: int, concurrency: int = 100) -> dict:
    """N visitors say hello and stay: connect time, and server memory per socket."""
    await asyncio.sleep(1)
    before = rss_bytes(target.pid)
    gate = asyncio.Semaphore(concurrency)

    async def one() -> tuple[LeanSocket, float] | None:
        async with gate:
            try:
                return await LeanSocket.hello(target.visitor_url)
            except (OSError, RuntimeError, asyncio.IncompleteReadError):
                return None  # refused or reset: counted, not retried

    started = time.monotonic()
    results = await asyncio.gather(*(one() for _ in range(count)))
    elapsed = time.monotonic() - started
    opened = [result for result in results if result is not None]
    await asyncio.sleep(2)  # let the server settle before reading its memory
    after = rss_bytes(target.pid)
    await asyncio.gather(*(lean.close() for lean, _ in opened), return_exceptions=True)
    return {
        "scenario": "idle", "target": target.name, "sockets": len(opened),
        "failed": count - len(opened),
        "connect_all_s": round(elapsed, 3),
        "connect": percentiles([took for _, took in opened]),
        "rss_before_mb": round(before / 2**20, 1), "rss_after_mb": round(after / 2**20, 1),
        "rss_per_socket_kb": round((after - before) / max(1, len(opened)) / 1024, 2),
    }  # fmt: skip


async def chat(target: Target, visitors: int, rate: float, seconds: float) -> dict:
    """V visitors in their own conversations send `rate` messages/s in total; one agent
    receives them all. Latency send->ack (commit) and send->agent."""
    opened = await open_many(target.visitor_url, visitors)
    agent = await websockets.connect(target.agent_url, compression=None, max_queue=None)
    await agent.send(json.dumps({"type": "hello", "token": target.agent_token}))
    while json.loads(await agent.recv())["type"] != "welcome":  # subscribed from here on
        pass
    sent_at: dict[str, float] = {}
    ack_latency: list[float] = []
    agent_latency: list[float] = []

    async def read_acks(ws: ClientConnection) -> None:
        async for raw in ws:
            frame = json.loads(raw)
            if frame["type"] == "ack":
                ack_latency.append(time.monotonic() - sent_at[frame["client_msg_id"]])

    async def read_agent() -> None:
        async for raw in agent:
            frame = json.loads(raw)
            if frame["type"] == "message":
                cid = frame["message"].get("client_msg_id")
                if cid in sent_at:
                    agent_latency.append(time.monotonic() - sent_at[cid])

    readers = [asyncio.create_task(read_acks(ws)) for ws, _, _ in opened]
    readers.append(asyncio.create_task(read_agent()))
    interval, total = 1 / rate, int(rate * seconds)
    started = time.monotonic()
    for n in range(total):
        ws = opened[n % visitors][0]
        cid = uuid.uuid4().hex
        sent_at[cid] = time.monotonic()
        await ws.send(json.dumps({"type": "message", "client_msg_id": cid, "body": f"load {n}"}))
        delay = started + (n + 1) * interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
    await wait_until(lambda: len(ack_latency) >= total and len(agent_latency) >= total)
    elapsed = time.monotonic() - started
    for task in readers:
        task.cancel()
    await close_all([ws for ws, _, _ in opened] + [agent])
    return {
        "scenario": "chat", "target": target.name, "visitors": visitors, "rate": rate,
        "sent": total, "acked": len(ack_latency), "agent_received": len(agent_latency),
        "stored_per_s": round(len(ack_latency) / elapsed, 1),
        "ack": percentiles(ack_latency), "to_agent": percentiles(agent_latency),
    }  # fmt: skip


async def push(target: Target, visitors: int, rate: float, seconds: float) -> dict:
    """V visitors connected; the shop's backend pushes to all `rate` times/s."""
    assert target.push is not None
    opened = await open_many(target.visitor_url, visitors)
    latencies: list[float] = []

    async def read(ws: ClientConnection) -> None:
        async for raw in ws:
            frame = json.loads(raw)
            if frame["type"] == "event":
                latencies.append(time.monotonic() - frame["event"]["t"])

    readers = [asyncio.create_task(read(ws)) for ws, _, _ in opened]
    total = int(rate * seconds)
    started = time.monotonic()
    for n in range(total):
        await target.push({"n": n, "t": time.monotonic()})
        delay = started + (n + 1) / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
    expected = total * visitors
    await wait_until(lambda: len(latencies) >= expected)
    elapsed = time.monotonic() - started
    for task in readers:
        task.cancel()
    await close_all([ws for ws, _, _ in opened])
    return {
        "scenario": "push", "target": target.name, "visitors": visitors, "rate": rate,
        "expected": expected, "delivered": len(latencies), "lost": expected - len(latencies),
        "deliveries_per_s": round(len(latencies) / elapsed, 1),
        "delivery": percentiles(latencies),
    }  # fmt: skip


def _timed_gets(base_url: str, headers: dict[str, str], paths: list[str]) -> list[float]:
    """Sequential GETs on one keep-alive connection (what one console tab does)."""
    parts = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    took = []
    try:
        for path in paths:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            took.append(time.perf_counter() - started)
            if response.status != 200:
                raise RuntimeError(f"GET {path}: {response.status} {body[:200]!r}")
    finally:
        connection.close()
    return took


async def reads(name: str, base_url: str, token: str, paths: list[str], **figures) -> dict:
    """Latency of read requests, after a warm-up pass over the first tenth."""
    headers = {"Authorization": f"Bearer {token}", "Origin": base_url}
    await asyncio.to_thread(_timed_gets, base_url, headers, paths[: max(1, len(paths) // 10)])
    took = await asyncio.to_thread(_timed_gets, base_url, headers, paths)
    return {"scenario": name, "target": "shopchat", **figures, "latency": percentiles(took)}
