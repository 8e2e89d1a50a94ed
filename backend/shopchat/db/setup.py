"""Database set-up: the Tortoise config, per-dialect aerich migrations, open and close."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tortoise import Tortoise
from tortoise.exceptions import OperationalError

from ..config import PACKAGE_DIR, Settings

if TYPE_CHECKING:
    from aerich import Command

MIGRATIONS_DIR = PACKAGE_DIR / "migrations"
T = TypeVar("T")


class UnmigratedError(Exception):
    """The database schema is behind the code's migrations."""


def tortoise_config(settings: Settings, *, migrations: bool = True) -> dict[str, Any]:
    """With `migrations=False` aerich's own model is left out: a serving process never
    imports aerich (about 14 MB of RSS for code that only runs when the schema changes)."""
    url = settings.database_url
    if settings.database_dialect == "sqlite":
        db_path = Path(url.removeprefix("sqlite://"))
        if str(db_path) != ":memory:":
            db_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "connections": {"default": url},
        "apps": {
            "models": {
                "models": ["shopchat.models", *(["aerich.models"] if migrations else [])],
                "default_connection": "default",
            }
        },
        "use_tz": True,
        "timezone": "UTC",
    }


def _command(settings: Settings) -> Command:
    from aerich import Command

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


def _migration_files(settings: Settings) -> set[str]:
    folder = MIGRATIONS_DIR / settings.database_dialect / "models"
    return {path.name for path in folder.glob("*.py") if not path.name.startswith("__")}


async def _up_to_date(settings: Settings) -> bool:
    """Every migration file recorded as applied in aerich's table: read without aerich."""
    await Tortoise.init(config=tortoise_config(settings, migrations=False))
    try:
        connection = Tortoise.get_connection("default")
        _count, rows = await connection.execute_query(
            "SELECT version FROM aerich WHERE app = 'models'"
        )
    except OperationalError:  # no aerich table yet
        return False
    finally:
        await Tortoise.close_connections()
    return _migration_files(settings) <= {row["version"] for row in rows}


async def prepare_database(settings: Settings) -> None:
    """SQLite migrates itself; PostgreSQL must be migrated explicitly by an operator."""
    if await _up_to_date(settings):
        return
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
    await Tortoise.init(
        config=tortoise_config(settings, migrations=False), _enable_global_fallback=True
    )


async def close_database() -> None:
    await Tortoise.close_connections()


async def ping() -> bool:
    """The database answers (readiness)."""
    try:
        await Tortoise.get_connection("default").execute_query("SELECT 1")
    except Exception:
        return False
    return True
