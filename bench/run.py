"""Run the benchmark suite: shopchat and the two references, driven by the same client.

    python bench/run.py --quick           # small sizes, a minute
    python bench/run.py                   # the sizes of docs/performance.md (under 10 min)

Prints one JSON line per result and appends them to bench/results/<date>.jsonl.
Loopback only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadclient import Target, chat, idle, push

from shopchat.testing import ServerProcess, free_port

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
UNLIMITED = {
    "SHOPCHAT_LIMIT_MESSAGE_BURST": "1000000",
    "SHOPCHAT_LIMIT_MESSAGE_PER_SECOND": "1000000",
    "SHOPCHAT_LIMIT_SOCKETS_PER_IP_MINUTE": "1000000",
    "SHOPCHAT_LIMIT_VISITORS_PER_IP_HOUR": "1000000",
    "SHOPCHAT_LOG_LEVEL": "WARNING",
}


def raise_file_limit() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def post_json(url: str, body: dict, headers: dict[str, str]) -> dict:
    request = urllib.request.Request(url, json.dumps(body).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    for name, value in headers.items():
        request.add_header(name, value)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def wait_healthy(url: str, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not start")


class Shopchat:
    def __init__(self, workdir: Path, database_url: str | None) -> None:
        env = {"SHOPCHAT_VAR_DIR": str(workdir / "var"), **UNLIMITED}
        env["SHOPCHAT_DATABASE_URL"] = database_url or f"sqlite://{workdir}/var/shopchat.db"
        self.process = ServerProcess(workdir, env)
        if database_url:
            self.process.cli("migrate")
        shop = self.process.cli("create-shop", "--name", "Bench", "--origin", "http://127.0.0.1:*")
        self.process.cli(
            "create-agent", "--shop", shop["shop_key"], "--email", "bench@shop.test",
            "--password", "bench password", "--role", "owner",
        )  # fmt: skip
        self.shop_key, self.secret = shop["shop_key"], shop["secret"]
        self.process.start()
        self.token = post_json(
            self.process.url + "/api/v1/agent/login",
            {"email": "bench@shop.test", "password": "bench password"}, {},
        )["token"]  # fmt: skip

    def target(self) -> Target:
        url = self.process.url

        async def push_all(event: dict) -> int:
            answer = await asyncio.to_thread(
                post_json, url + "/api/v1/push", {"to": "all", "event": event},
                {"Authorization": f"Bearer {self.secret}"},
            )  # fmt: skip
            return answer["sockets"]

        return Target(
            name="shopchat",
            visitor_url=f"{self.process.ws_url}/api/v1/ws/visitor?shop={self.shop_key}",
            pid=self.process._process.pid,
            push=push_all,
            agent_url=f"{self.process.ws_url}/api/v1/ws/agent",
            agent_token=self.token,
        )

    def stop(self) -> None:
        self.process.stop()


class Reference:
    def __init__(self, script: str, name: str) -> None:
        self.port = free_port()
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, str(BENCH / script), "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_healthy(f"http://127.0.0.1:{self.port}")

    def target(self) -> Target:
        base = f"http://127.0.0.1:{self.port}"

        async def push_all(event: dict) -> int:
            query = urllib.parse.urlencode({"event": json.dumps(event)})
            answer = await asyncio.to_thread(
                lambda: json.loads(urllib.request.urlopen(f"{base}/push?{query}").read())
            )
            return answer["sockets"]

        return Target(
            name=self.name,
            visitor_url=f"ws://127.0.0.1:{self.port}/api/v1/ws/visitor",
            pid=self.process.pid,
            push=push_all,
            agent_url=f"ws://127.0.0.1:{self.port}/api/v1/ws/agent",
        )

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def record(result: dict, out: Path) -> None:
    result = {"at": datetime.now(UTC).isoformat(timespec="seconds"), **result}
    line = json.dumps(result)
    print(line, flush=True)
    with out.open("a") as handle:
        handle.write(line + "\n")


async def suite(args: argparse.Namespace, out: Path) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="shopchat-bench-"))
    shopchat = Shopchat(workdir, args.database_url)
    websockets_ref = Reference("reference_ws.py", "websockets+uvloop")
    sanic_ref = Reference("reference_sanic.py", "bare-sanic")
    try:
        for target in (shopchat.target(), websockets_ref.target(), sanic_ref.target()):
            record(await idle(target, args.idle), out)
        for rate in args.push_rates:
            for target in (shopchat.target(), websockets_ref.target()):
                record(await push(target, args.push_visitors, rate, args.seconds), out)
        for rate in args.chat_rates:
            record(await chat(shopchat.target(), args.chat_visitors, rate, args.seconds), out)
    finally:
        for server in (shopchat, websockets_ref, sanic_ref):
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    parser.add_argument("--database-url", help="e.g. postgres://postgres@127.0.0.1:5432/bench")
    args = parser.parse_args()
    quick = args.quick
    args.idle = 1000 if quick else 10_000
    args.seconds = 3 if quick else 10
    args.push_visitors = 200 if quick else 1000
    args.push_rates = [5, 20] if quick else [2, 5, 10, 20]
    args.chat_visitors = 20 if quick else 100
    args.chat_rates = [100] if quick else [200, 500, 1000, 2000]
    raise_file_limit()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{datetime.now(UTC):%Y%m%d-%H%M%S}{'-quick' if quick else ''}.jsonl"
    asyncio.run(suite(args, out))


if __name__ == "__main__":
    main()
