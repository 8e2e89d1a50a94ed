"""Group commit: the writes that arrive together share one transaction and one commit.

Every caller still awaits its own commit (a message is acknowledged only once it is stored),
but a hundred shoppers typing at once cost one COMMIT (one fsync) instead of a hundred.

A write that fails must not take its neighbours down:
- SQLite: the whole batch runs in one call on the database's own thread (aiosqlite), each
  write inside a SAVEPOINT, so a failing write is rolled back alone. Before this, every
  statement was a round trip between the event loop and that thread, and the loop spent its
  time waiting for the thread (py-spy: selector wait and thread wake-ups on top).
- PostgreSQL: writes run back to back in one transaction; when one fails the batch is rolled
  back and each write runs again alone, in its own transaction.
Writes therefore change nothing outside the transaction they are given.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError, OperationalError
from tortoise.transactions import in_transaction

T = TypeVar("T")

# Enough to amortise a commit; small enough that one batch never holds the write lock long.
MAX_BATCH = 256


@dataclass(frozen=True)
class Write(Generic[T]):
    """One write, in each dialect's form: SQLite's runs on the database thread."""

    postgres: Callable[[BaseDBAsyncClient], Awaitable[T]]
    sqlite: Callable[[sqlite3.Connection], T]


Pending = tuple[Write[Any], asyncio.Future[Any]]


class GroupCommit:
    def __init__(self, connection_name: str = "default", max_batch: int = MAX_BATCH) -> None:
        self._connection_name = connection_name
        self._max_batch = max_batch
        self._pending: list[Pending] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, write: Write[T]) -> T:
        """Run `write` in a transaction shared with other writes; return once committed."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending.append((write, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write(), name="group-commit")
        return await future

    async def _write(self) -> None:
        while self._pending:
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
            try:
                await self._commit(batch)
            except Exception as error:  # the commit itself failed: nobody's write stands
                for _write, future in batch:
                    _settle(future, error=error)

    async def _commit(self, batch: list[Pending]) -> None:
        client = connections.get(self._connection_name)
        if client.capabilities.dialect == "sqlite":
            await self._commit_sqlite(client, batch)
        else:
            await self._commit_postgres(batch)

    async def _commit_sqlite(self, client: BaseDBAsyncClient, batch: list[Pending]) -> None:
        # Tortoise's lock keeps its other queries out of this transaction. aiosqlite private
        # API: _execute runs a function on the database's thread, _conn is its sqlite3
        # connection (pinned by tests/unit/test_db.py).
        async with client.acquire_connection() as connection:
            outcomes = await connection._execute(
                _sqlite_batch, connection._conn, [write.sqlite for write, _ in batch]
            )
        for (_write, future), (result, error) in zip(batch, outcomes, strict=True):
            _settle(future, result=result, error=error)

    async def _commit_postgres(self, batch: list[Pending]) -> None:
        results: list[Any] = []
        try:
            async with in_transaction(self._connection_name) as connection:
                for write, _future in batch:
                    results.append(await write.postgres(connection))
        except Exception as error:
            if len(batch) == 1:
                _settle(batch[0][1], error=error)
                return
            for single in batch:  # isolate the failing write: its neighbours still commit
                await self._commit_postgres([single])
            return
        for (_write, future), result in zip(batch, results, strict=True):
            _settle(future, result=result)


def _sqlite_batch(
    connection: sqlite3.Connection, writes: list[Callable[[sqlite3.Connection], Any]]
) -> list[tuple[Any, Exception | None]]:
    """Runs on aiosqlite's thread: one transaction, one savepoint per write."""
    outcomes: list[tuple[Any, Exception | None]] = []
    connection.execute("BEGIN IMMEDIATE")
    try:
        for write in writes:
            connection.execute("SAVEPOINT write")
            try:
                outcomes.append((write(connection), None))
            except Exception as error:
                connection.execute("ROLLBACK TO write")
                outcomes.append((None, _translated(error)))
            connection.execute("RELEASE write")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    return outcomes


def _translated(error: Exception) -> Exception:
    """The exceptions Tortoise would have raised, so callers handle one kind."""
    if isinstance(error, sqlite3.IntegrityError):
        return IntegrityError(error)
    if isinstance(error, sqlite3.OperationalError):
        return OperationalError(error)
    return error


def _settle(future: asyncio.Future[Any], *, result: Any = None, error: Exception | None = None):
    if future.done():  # the caller went away (socket closed); the write stands regardless
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


_writers: dict[asyncio.AbstractEventLoop, GroupCommit] = {}


def writer() -> GroupCommit:
    """The process's group-commit writer for the running event loop."""
    loop = asyncio.get_running_loop()
    found = _writers.get(loop)
    if found is None:
        for stale in [other for other in _writers if other.is_closed()]:
            del _writers[stale]
        found = _writers[loop] = GroupCommit()
    return found
