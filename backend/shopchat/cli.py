"""The `shopchat` command: one JSON object on stdout, or one line on stderr and exit 1."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, NoReturn, TypeVar

from . import db
from .config import ConfigError, Settings, load_settings
from .models import Role
from .origins import InvalidOrigin
from .services.accounts import create_agent
from .services.errors import ServiceError
from .services.shops import create_shop, get_shop_by_key

T = TypeVar("T")


class CommandError(Exception):
    """A failure to report as one line."""


def _print(obj: dict[str, Any]) -> None:
    print(json.dumps(obj), flush=True)


def _fail(message: str) -> NoReturn:
    print(f"shopchat: error: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def _with_database(settings: Settings, work: Callable[[], Awaitable[T]]) -> T:
    async def run() -> T:
        await db.prepare_database(settings)
        await db.open_database(settings)
        try:
            return await work()
        finally:
            await db.close_database()

    return asyncio.run(run())


def cmd_migrate(settings: Settings, _args: argparse.Namespace) -> None:
    _print({"applied": asyncio.run(db.migrate(settings))})


def cmd_create_shop(settings: Settings, args: argparse.Namespace) -> None:
    async def work() -> dict[str, Any]:
        shop, secret = await create_shop(
            name=args.name,
            origins=args.origin,
            greeting=args.greeting or "",
            secret_key=settings.secret_key,
        )
        return {"shop_key": shop.key, "secret": secret}

    _print(_with_database(settings, work))


def cmd_create_agent(settings: Settings, args: argparse.Namespace) -> None:
    async def work() -> dict[str, Any]:
        shop = await get_shop_by_key(args.shop)
        if shop is None:
            raise CommandError(f"no shop with key {args.shop!r}")
        agent = await create_agent(
            shop=shop,
            email=args.email,
            password=args.password,
            name=args.name,
            role=Role(args.role),
        )
        return {"agent_id": agent.id}

    _print(_with_database(settings, work))


def _check_workers(settings: Settings, workers: int) -> None:
    if workers > 1 and settings.in_process_broker:
        raise CommandError(
            "--workers > 1 needs a shared broker: the in-process broker reaches only one "
            "process; set SHOPCHAT_BROKER_URL=redis://HOST:6379/0"
        )


# After a node restart or a broker outage every client reconnects at once (close 1012).
# With Sanic's default backlog of 100 the kernel drops the SYNs beyond it and those clients
# wait 1-7 s in TCP retransmits (seen in bench/run.py's idle scenario); the kernel caps this
# at net.core.somaxconn.
LISTEN_BACKLOG = 2048


def run_server(settings: Settings, host: str, port: int, workers: int) -> None:
    from sanic import Sanic
    from sanic.worker.loader import AppLoader

    from .app import create_app

    if workers == 1:
        app = create_app(settings)
        app.run(
            host=host, port=port, single_process=True, motd=False, access_log=False,
            backlog=LISTEN_BACKLOG,
        )  # fmt: skip
        return
    loader = AppLoader(factory=partial(create_app, settings))
    app = loader.load()
    app.prepare(
        host=host, port=port, workers=workers, motd=False, access_log=False,
        backlog=LISTEN_BACKLOG,
    )  # fmt: skip
    Sanic.serve(primary=app, app_loader=loader)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> None:
    _check_workers(settings, args.workers)
    asyncio.run(db.prepare_database(settings))
    _print({"serving": f"http://{args.host}:{args.port}", "workers": args.workers})
    run_server(settings, args.host, args.port, args.workers)


def cmd_demo(settings: Settings, args: argparse.Namespace) -> None:
    from .demo import ensure_demo_shop, start_demo_site

    chat_url = f"http://127.0.0.1:{args.port}"
    record = _with_database(settings, lambda: ensure_demo_shop(settings, args.site_port))
    site = start_demo_site("127.0.0.1", args.site_port, chat_url, record["shop_key"])
    store_url = f"http://127.0.0.1:{args.site_port}/"
    _print(
        {
            "console": f"{chat_url}/console/",
            "email": record["email"],
            "password": record["password"],
            "store": store_url,
            "shop_key": record["shop_key"],
        }
    )
    print(
        f"\n  Store:   {store_url}\n  Console: {chat_url}/console/  "
        f"(email {record['email']}, password {record['password']})\n  Ctrl-C stops both.\n",
        file=sys.stderr,
        flush=True,
    )
    try:
        run_server(settings, "127.0.0.1", args.port, 1)
    finally:
        site.shutdown()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shopchat", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the chat server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(handler=cmd_serve)

    shop = commands.add_parser("create-shop", help="create a shop; prints its key and secret")
    shop.add_argument("--name", required=True)
    shop.add_argument("--origin", action="append", required=True, help="allowed origin (repeat)")
    shop.add_argument("--greeting", default="")
    shop.set_defaults(handler=cmd_create_shop)

    agent = commands.add_parser("create-agent", help="create an agent of a shop")
    agent.add_argument("--shop", required=True, help="the shop key")
    agent.add_argument("--email", required=True)
    agent.add_argument("--password", required=True)
    agent.add_argument("--name")
    agent.add_argument("--role", choices=[r.value for r in Role], default=Role.AGENT.value)
    agent.set_defaults(handler=cmd_create_agent)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.set_defaults(handler=cmd_migrate)

    demo = commands.add_parser("demo", help="run the product with a demo shop and store")
    demo.add_argument("--port", type=int, default=8000)
    demo.add_argument("--site-port", type=int, default=8080)
    demo.set_defaults(handler=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(os.environ)
        args.handler(settings, args)
    except (ConfigError, CommandError, InvalidOrigin, db.UnmigratedError) as error:
        _fail(str(error))
    except ServiceError as error:
        _fail(error.message)
    except OSError as error:
        _fail(f"{error.strerror or error} ({type(error).__name__})")
    except KeyboardInterrupt:
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
