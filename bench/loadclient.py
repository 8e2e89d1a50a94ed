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


class LeanSocket(asyncio.Protocol):
    """Just enough of a WebSocket client for a load test, as an asyncio Protocol that cuts
    frames out of its buffer in `data_received`. The websockets library cost the load
    client more CPU than the servers spent (with it, even the bare references topped out
    near 600-800 connections/s, and a push to 1,000 sockets was received in ~30 ms of the
    client's own work): on a 2-core machine the client must stay the cheaper side.
    Answers pings; text frames after the welcome go to `on_text(payload, received_at)`."""

    HELLO = b'{"type":"hello","visitor_token":null,"last_seq":null}'

    def __init__(self, hello: bytes, on_text: Callable[[bytes, float], None] | None) -> None:
        self.hello_frame = self.frame(0x1, hello)
        self.on_text = on_text
        self.buffer = bytearray()
        self.upgraded = False
        self.welcome: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self.transport: asyncio.Transport | None = None

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
    async def hello(
        cls, url: str, hello: bytes = HELLO,
        on_text: Callable[[bytes, float], None] | None = None, origin: str | None = ORIGIN,
    ) -> tuple[LeanSocket, float]:  # fmt: skip
        """Connect, upgrade, say hello and wait for the welcome; returns the time it took."""
        started = time.monotonic()
        parts = urllib.parse.urlsplit(url)
        loop = asyncio.get_running_loop()
        _transport, lean = await loop.create_connection(
            lambda: cls(hello, on_text), parts.hostname, parts.port
        )
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        key = base64.b64encode(os.urandom(16)).decode()
        origin_line = f"Origin: {origin}\r\n" if origin else ""  # agents: no Origin
        lean.send_raw(
            f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            f"Sec-WebSocket-Version: 13\r\n{origin_line}\r\n".encode()
        )
        try:
            await asyncio.wait_for(lean.welcome, 30)
        except BaseException:
            lean.abort()
            raise
        return lean, time.monotonic() - started

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.welcome.done():
            self.welcome.set_exception(ConnectionError(f"closed before welcome: {exc}"))

    def data_received(self, data: bytes) -> None:
        received_at = time.monotonic()
        self.buffer += data
        start = 0
        if not self.upgraded:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            if not self.buffer.startswith(b"HTTP/1.1 101"):
                self.fail(f"upgrade refused: {bytes(self.buffer[:80])!r}")
                return
            self.upgraded, start = True, end + 4
            self.send_raw(self.hello_frame)
        buffer, size_of_buffer = self.buffer, len(self.buffer)
        while size_of_buffer - start >= 2:
            opcode, size, head = buffer[start] & 0x0F, buffer[start + 1] & 0x7F, 2
            if size == 126:
                size, head = int.from_bytes(buffer[start + 2 : start + 4], "big"), 4
            elif size == 127:
                size, head = int.from_bytes(buffer[start + 2 : start + 10], "big"), 10
            if size_of_buffer - start < head + size:
                break
            payload = bytes(buffer[start + head : start + head + size])
            start += head + size
            self.on_frame(opcode, payload, received_at)
        del buffer[:start]

    def on_frame(self, opcode: int, payload: bytes, received_at: float) -> None:
        if opcode == 0x1:
            if self.welcome.done():
                if self.on_text is not None:
                    self.on_text(payload, received_at)
            elif b'"welcome"' in payload:
                self.welcome.set_result(payload)
            elif b'"error"' in payload:
                self.fail(f"error before welcome: {payload[:120]!r}")
        elif opcode == 0x9:
            self.send_raw(self.frame(0xA, payload))
        elif opcode == 0x8:
            self.fail(f"closed by server: {payload[:80]!r}")

    def fail(self, reason: str) -> None:
        if not self.welcome.done():
            self.welcome.set_exception(RuntimeError(reason))
        self.abort()

    def send_raw(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    def send_text(self, payload: bytes) -> None:
        self.send_raw(self.frame(0x1, payload))

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()

    async def close(self) -> None:
        self.send_raw(self.frame(0x8, (1000).to_bytes(2, "big")))
        if self.transport is not None:
            self.transport.close()


async def open_many(
    url: str, count: int, on_text: Callable[[bytes, float], None] | None = None,
    concurrency: int = 100,
) -> list[LeanSocket]:  # fmt: skip
    gate = asyncio.Semaphore(concurrency)

    async def one() -> LeanSocket:
        async with gate:
            lean, _took = await LeanSocket.hello(url, on_text=on_text)
            return lean

    return await asyncio.gather(*(one() for _ in range(count)))


async def close_all(sockets: list[LeanSocket]) -> None:
    await asyncio.gather(*(lean.close() for lean in sockets), return_exceptions=True)


async def connect_all(
    url: str, hellos: list[bytes], concurrency: int = 100
) -> tuple[list[tuple[LeanSocket, float]], float]:
    """Open one socket per hello, `concurrency` at a time; the ones opened with their connect
    times, and the time it all took. A refused or reset socket is counted, not retried."""
    gate = asyncio.Semaphore(concurrency)

    async def one(hello: bytes) -> tuple[LeanSocket, float] | None:
        async with gate:
            try:
                return await LeanSocket.hello(url, hello)
            except (OSError, RuntimeError):
                return None

    started = time.monotonic()
    results = await asyncio.gather(*(one(hello) for hello in hellos))
    return [r for r in results if r is not None], time.monotonic() - started


async def idle(target: Target, count: int, concurrency: int = 100) -> dict:
    """N visitors say hello and stay: connect time, and server memory per socket."""
    await asyncio.sleep(1)
    before = rss_bytes(target.pid)
    opened, elapsed = await connect_all(target.visitor_url, [LeanSocket.HELLO] * count, concurrency)
    await asyncio.sleep(2)  # let the server settle before reading its memory
    after = rss_bytes(target.pid)
    await close_all([lean for lean, _ in opened])
    return {
        "scenario": "idle", "target": target.name, "sockets": len(opened),
        "failed": count - len(opened),
        "connect_all_s": round(elapsed, 3),
        "connect": percentiles([took for _, took in opened]),
        "rss_before_mb": round(before / 2**20, 1), "rss_after_mb": round(after / 2**20, 1),
        "rss_per_socket_kb": round((after - before) / max(1, len(opened)) / 1024, 2),
    }  # fmt: skip


async def returning(target: Target, count: int, concurrency: int = 100) -> dict:
    """Shoppers who come back (most page views): N visitors connect once and leave, then all
    reconnect with their token: a token lookup, the visit recorded, their thread read back."""
    first = await open_many(target.visitor_url, count, concurrency=concurrency)
    hellos = [
        json.dumps({"type": "hello", "visitor_token": token, "last_seq": None}).encode()
        for token in (json.loads(lean.welcome.result())["visitor_token"] for lean in first)
    ]
    await close_all(first)
    await asyncio.sleep(2)  # the first visits' cleanups are done
    opened, elapsed = await connect_all(target.visitor_url, hellos, concurrency)
    await close_all([lean for lean, _ in opened])
    return {
        "scenario": "returning", "target": target.name, "sockets": len(opened),
        "failed": count - len(opened), "connect_all_s": round(elapsed, 3),
        "connect": percentiles([took for _, took in opened]),
    }  # fmt: skip


async def chat(target: Target, visitors: int, rate: float, seconds: float) -> dict:
    """V visitors in their own conversations send `rate` messages/s in total; one agent
    receives them all. Latency send->ack (commit) and send->agent."""
    sent_at: dict[str, float] = {}
    ack_latency: list[float] = []
    agent_latency: list[float] = []

    def on_visitor_frame(payload: bytes, received_at: float) -> None:
        frame = json.loads(payload)
        if frame["type"] == "ack":
            ack_latency.append(received_at - sent_at[frame["client_msg_id"]])

    def on_agent_frame(payload: bytes, received_at: float) -> None:
        frame = json.loads(payload)
        if frame["type"] == "message":
            sent = sent_at.get(frame["message"].get("client_msg_id"))
            if sent is not None:
                agent_latency.append(received_at - sent)

    opened = await open_many(target.visitor_url, visitors, on_visitor_frame)
    agent_hello = json.dumps({"type": "hello", "token": target.agent_token}).encode()
    agent, _took = await LeanSocket.hello(  # subscribed from its welcome on
        target.agent_url or "", agent_hello, on_agent_frame, origin=None
    )
    interval, total = 1 / rate, int(rate * seconds)
    started = time.monotonic()
    for n in range(total):
        cid = uuid.uuid4().hex
        frame = {"type": "message", "client_msg_id": cid, "body": f"load {n}"}
        sent_at[cid] = time.monotonic()
        opened[n % visitors].send_text(json.dumps(frame).encode())
        delay = started + (n + 1) * interval - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
    await wait_until(lambda: len(ack_latency) >= total and len(agent_latency) >= total)
    elapsed = time.monotonic() - started
    await close_all([*opened, agent])
    return {
        "scenario": "chat", "target": target.name, "visitors": visitors, "rate": rate,
        "sent": total, "acked": len(ack_latency), "agent_received": len(agent_latency),
        "stored_per_s": round(len(ack_latency) / elapsed, 1),
        "ack": percentiles(ack_latency), "to_agent": percentiles(agent_latency),
    }  # fmt: skip


async def push(target: Target, visitors: int, rate: float, seconds: float) -> dict:
    """V visitors connected; the shop's backend pushes to all `rate` times/s."""
    assert target.push is not None
    latencies: list[float] = []

    def on_frame(payload: bytes, received_at: float) -> None:
        frame = json.loads(payload)
        if frame["type"] == "event":
            latencies.append(received_at - frame["event"]["t"])

    opened = await open_many(target.visitor_url, visitors, on_frame)
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
    await close_all(opened)
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
