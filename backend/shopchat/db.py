"""Database set-up: the Tortoise config and per-dialect aerich migrations."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from aerich import Command
from tortoise import Tortoise
from tortoise.exceptions import OperationalError

from .config import PACKAGE_DIR, Settings

MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
T = TypeVar("T")


class UnmigratedError(Exception):
    """The database schema is behind the code's migrations."""


def tortoise_config(settings: Settings) -> dict[str, Any]:
    url = settings.database_url
    if settings.database_dialect == "sqlite":
        db_path = Path(url.removeprefix("sqlite://"))
        if str(db_path) != ":memory:":
            db_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {"default": url},
        "apps": {
            "models": {
                "models": ["shopchat.models", "aerich.models"],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _command(settings: Settings) -> Command:
    location = MIGRATIONS_DIR / settings.database_dialect
    return Command(tortoise_config(settings), app="models", location=str(location))


async def _run_command(settings: Settings, action: Callable[[Command], Awaitable[T]]) -> T:
    # aerich's own context manager skips Tortoise.init once Tortoise was ever initialised,
    # so the connection is opened and closed here explicitly around each command.
    await Tortoise.init(config=tortoise_config(settings))
    try:
        command = _command(settings)
        await command.init()
        return await action(command)
    finally:
        await Tortoise.close_connections()


async def migrate(settings: Settings) -> list[str]:
    """Apply pending migrations; return the names of those applied."""
    return await _run_command(settings, lambda command: command.upgrade(run_in_transaction=True))


async def _pending(command: Command) -> list[str]:
    try:
        return await command.heads()
    except OperationalError:  # no aerich table yet: everything is pending
        return await command.history()


async def pending_migrations(settings: Settings) -> list[str]:
    return await _run_command(settings, _pending)


async def prepare_database(settings: Settings) -> None:
    """SQLite migrates itself; PostgreSQL must be migrated explicitly by an operator."""
    if settings.database_dialect == "sqlite":
        await migrate(settings)
        return
    pending = await pending_migrations(settings)
    if pending:
        raise UnmigratedError(
            f"database schema is not up to date ({len(pending)} pending migration(s)): "
            "run `shopchat migrate`"
        )


async def open_database(settings: Settings) -> None:
    await Tortoise.init(config=tortoise_config(settings), _enable_global_fallback=True)


async def close_database() -> None:
    await Tortoise.close_connections()
