"""Run the benchmark suite: shopchat and the two references, driven by the same client.

    python bench/run.py --quick           # small sizes, a few minutes
    python bench/run.py                   # the sizes of docs/performance.md (under 10 min)
    python bench/run.py --postgres postgres://postgres@127.0.0.1:5432/test   # and PostgreSQL
    python bench/run.py --only push chat  # some scenarios only
    python bench/run.py --postgres URL --redis redis://127.0.0.1:6379/15  # and a 2-worker node

Prints one JSON line per result, appends them to bench/results/<date>.jsonl and draws
bench/results/<date>.png (latency against load, bench/plot.py).
Loopback only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from loadclient import Target, chat, idle, push, reads, returning, rss_bytes

from shopchat.testing import ServerProcess, free_port
from shopchat.testing.server import ServerError

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
SCENARIOS = ["startup", "idle", "returning", "push", "chat", "history", "inbox", "widget"]
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
    def __init__(
        self, workdir: Path, database_url: str | None, broker_url: str | None = None,
        workers: int = 1,
    ) -> None:  # fmt: skip
        env = {"SHOPCHAT_VAR_DIR": str(workdir / "var"), **UNLIMITED}
        env["SHOPCHAT_DATABASE_URL"] = database_url or f"sqlite://{workdir}/var/shopchat.db"
        if broker_url:
            env["SHOPCHAT_BROKER_URL"] = broker_url
        self.database = "postgresql" if database_url else "sqlite"
        self.name = f"shopchat ({self.database})"
        if broker_url:  # the production node: PostgreSQL, Redis, several workers
            self.name = f"shopchat ({self.database}, redis, {workers} workers)"
        self.workers = workers
        self.process = ServerProcess(workdir, env)
        if database_url:
            self.process.cli("migrate")
        self.shop_key, self.secret, _ = self.new_shop("Bench", "bench@shop.test")
        started = time.monotonic()
        self.process.start("--workers", str(self.workers))
        self.ready_s = time.monotonic() - started  # process start until /readyz answers 200
        self.token = self.login("bench@shop.test")

    def new_shop(self, name: str, email: str) -> tuple[str, str, str]:
        shop = self.process.cli("create-shop", "--name", name, "--origin", "http://127.0.0.1:*")
        self.process.cli(
            "create-agent", "--shop", shop["shop_key"], "--email", email,
            "--password", "bench password", "--role", "owner",
        )  # fmt: skip
        return shop["shop_key"], shop["secret"], email

    def login(self, email: str) -> str:
        return post_json(
            self.process.url + "/api/v1/agent/login",
            {"email": email, "password": "bench password"}, {},
        )["token"]  # fmt: skip

    def seed(self, shop_key: str, conversations: int, messages_each: int) -> dict:
        result = subprocess.run(
            [sys.executable, "-m", "shopchat.testing.seed_inbox", "--shop", shop_key,
             "--count", str(conversations), "--messages", str(messages_each)],
            cwd=self.process.workdir, env=self.process.env, capture_output=True, text=True,
            timeout=600, check=True,
        )  # fmt: skip
        return json.loads(result.stdout)

    def target(self) -> Target:
        url = self.process.url

        async def push_all(event: dict) -> int:
            answer = await asyncio.to_thread(
                post_json, url + "/api/v1/push", {"to": "all", "event": event},
                {"Authorization": f"Bearer {self.secret}"},
            )  # fmt: skip
            return answer["sockets"]

        return Target(
            name=self.name,
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


async def startup(shopchat: Shopchat) -> dict:
    await asyncio.sleep(1)
    return {
        "scenario": "startup", "target": shopchat.target().name,
        "ready_s": round(shopchat.ready_s, 3),
        "idle_rss_mb": round(rss_bytes(shopchat.process._process.pid) / 2**20, 1),
    }  # fmt: skip


def _json_get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


async def history_and_inbox(shopchat: Shopchat, args: argparse.Namespace) -> list[dict]:
    """A busy shop of its own: N conversations, M messages each, then read latencies."""
    key, _secret, email = shopchat.new_shop("Busy", "busy@shop.test")
    seeded = await asyncio.to_thread(shopchat.seed, key, args.conversations, args.messages_each)
    token = shopchat.login(email)
    base = shopchat.process.url + "/api/v1/conversations"
    ids: list[int] = []
    cursor = ""
    while len(ids) < 1000:
        page = _json_get(f"{base}?status=all&limit=100{cursor}", token)
        ids += [c["id"] for c in page["conversations"]]
        if not page["next_cursor"]:
            break
        cursor = "&cursor=" + page["next_cursor"]
    pick = random.Random(7)
    newest = [f"/api/v1/conversations/{pick.choice(ids)}/messages?limit=50" for _ in range(300)]
    older = [
        f"/api/v1/conversations/{pick.choice(ids)}/messages?limit=50"
        f"&before_seq={pick.randint(51, args.messages_each)}"
        for _ in range(300)
    ]
    inbox = ["/api/v1/conversations?status=open&limit=30"] * 300
    figures = {"database": shopchat.database, "conversations": seeded["conversations"],
               "messages": seeded["messages"], "seed_s": seeded["seconds"]}  # fmt: skip
    url = shopchat.process.url
    return [
        await reads("history", url, token, newest + older, **figures),
        await reads("inbox", url, token, inbox, **figures),
    ]


async def suite(args: argparse.Namespace, out: Path) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="shopchat-bench-"))
    shopchat = Shopchat(workdir, None)
    websockets_ref = Reference("reference_ws.py", "websockets+uvloop")
    sanic_ref = Reference("reference_sanic.py", "bare-sanic")
    wanted = args.only
    try:
        if "startup" in wanted:
            record(await startup(shopchat), out)
        if "idle" in wanted:
            for target in (shopchat.target(), websockets_ref.target(), sanic_ref.target()):
                record(await idle(target, args.idle), out)
        for rate in args.push_rates if "push" in wanted else []:
            for target in (shopchat.target(), websockets_ref.target()):
                record(await push(target, args.push_visitors, rate, args.seconds), out)
        await database_scenarios(shopchat, args, out)
    finally:
        for server in (shopchat, websockets_ref, sanic_ref):
            server.stop()
    if args.postgres:
        await postgres_suite(args, out)


async def database_scenarios(shopchat: Shopchat, args: argparse.Namespace, out: Path) -> None:
    """What the database decides, run on each database: returning shoppers, chat, reads."""
    wanted = args.only
    if "returning" in wanted:
        record(await returning(shopchat.target(), args.idle // 2), out)
    for rate in args.chat_rates if "chat" in wanted else []:
        record(await chat(shopchat.target(), args.chat_visitors, rate, args.seconds), out)
    if wanted & {"history", "inbox"}:
        for result in await history_and_inbox(shopchat, args):
            if result["scenario"] in wanted:
                record(result, out)


async def postgres_suite(args: argparse.Namespace, out: Path) -> None:
    """The scenarios the database decides (chat, reads), on a throwaway PostgreSQL database;
    with --redis also the production node's connect rate (PostgreSQL, Redis, 2 workers)."""
    try:
        database_url = await create_database(args.postgres)
    except OSError as error:
        print(f"PostgreSQL at {args.postgres} not reachable, skipped: {error}", file=sys.stderr)
        return
    shopchat = Shopchat(Path(tempfile.mkdtemp(prefix="shopchat-bench-pg-")), database_url)
    wanted = args.only
    try:
        if "idle" in wanted:
            record(await idle(shopchat.target(), args.idle // 2), out)
        await database_scenarios(shopchat, args, out)
    finally:
        shopchat.stop()
        await drop_database(args.postgres, database_url)
    if args.redis and wanted & {"idle", "returning"}:
        await node_suite(args, out)


async def node_suite(args: argparse.Namespace, out: Path) -> None:
    """New and returning shoppers on a production-shaped node: PostgreSQL + Redis + 2 worker
    processes."""
    database_url = await create_database(args.postgres)
    workdir = Path(tempfile.mkdtemp(prefix="shopchat-bench-node-"))
    try:
        shopchat = Shopchat(workdir, database_url, broker_url=args.redis, workers=2)
    except ServerError as error:  # e.g. Redis not reachable: the server does not start
        print(f"node scenario skipped: {error}", file=sys.stderr)
        await drop_database(args.postgres, database_url)
        return
    try:
        if "idle" in args.only:
            record(await idle(shopchat.target(), args.idle // 2), out)
        if "returning" in args.only:
            record(await returning(shopchat.target(), args.idle // 2), out)
    finally:
        shopchat.stop()
        await drop_database(args.postgres, database_url)


async def _psql(admin_url: str, sql: str) -> None:
    import asyncpg

    try:
        connection = await asyncpg.connect(admin_url, timeout=5)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()
    except (asyncpg.PostgresError, TimeoutError) as error:
        raise OSError(str(error)) from error


async def create_database(admin_url: str) -> str:
    name = f"shopchat_bench_{secrets.token_hex(4)}"
    await _psql(admin_url, f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(admin_url)._replace(path=f"/{name}"))


async def drop_database(admin_url: str, database_url: str) -> None:
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    await _psql(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, about a minute")
    parser.add_argument(
        "--postgres", metavar="ADMIN_URL",
        help="also run chat and reads on a throwaway database created through this URL, "
        "e.g. postgres://postgres@127.0.0.1:5432/test",
    )  # fmt: skip
    parser.add_argument(
        "--redis", metavar="URL",
        help="with --postgres: also connect visitors to a 2-worker node using this Redis, "
        "e.g. redis://127.0.0.1:6379/15",
    )  # fmt: skip
    parser.add_argument(
        "--only", nargs="+", choices=SCENARIOS, default=SCENARIOS, metavar="SCENARIO",
        help=f"run these scenarios only (of {', '.join(SCENARIOS)})",
    )  # fmt: skip
    args = parser.parse_args()
    args.only = set(args.only)
    quick = args.quick
    args.idle = 1000 if quick else 10_000
    args.seconds = 3 if quick else 10
    args.push_visitors = 200 if quick else 1000
    args.push_rates = [5, 20] if quick else [2, 5, 10, 20]
    args.chat_visitors = 20 if quick else 100
    args.chat_rates = [100] if quick else [200, 500, 1000, 2000, 3000, 4000]
    args.conversations = 1000 if quick else 10_000
    args.messages_each = 100
    raise_file_limit()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{datetime.now(UTC):%Y%m%d-%H%M%S}{'-quick' if quick else ''}.jsonl"
    asyncio.run(suite(args, out))
    widget = widget_budgets() if "widget" in args.only else None
    if widget:
        record(widget, out)
    print(f"results: {out}; plot: {plot(out)}", file=sys.stderr)


def widget_budgets() -> dict | None:
    """The widget's bytes before and after opening (bench/widget_size.py, a real browser)."""
    result = subprocess.run(
        [sys.executable, str(BENCH / "widget_size.py")], capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    if result.returncode != 0:
        print(f"widget budgets not measured: {result.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    sizes = json.loads(result.stdout)
    return {
        "scenario": "widget", "target": "widget",
        "before_open": {k: sizes["before_open"][k] for k in ("requests", "bytes", "budget", "ok")},
        "after_open": {k: sizes["after_open"][k] for k in ("requests", "bytes", "budget", "ok")},
    }  # fmt: skip


def plot(results: Path) -> Path:
    from plot import plot_results

    return plot_results(results)


if __name__ == "__main__":
    main()
