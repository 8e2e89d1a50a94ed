"""Raw SQL, written once in PostgreSQL's form ($1, $2… in order) and run in either dialect."""

from __future__ import annotations

import re
from typing import Any

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

_PLACEHOLDER = re.compile(r"\$\d+")


def sqlite_sql(sql: str) -> str:
    """Statements are written with PostgreSQL's $1, $2… in order; SQLite wants `?`."""
    return _PLACEHOLDER.sub("?", sql)


def sqlite_numbered(sql: str) -> str:
    """For a statement that uses a parameter more than once: SQLite's numbered ?NNN."""
    return _PLACEHOLDER.sub(lambda match: "?" + match.group()[1:], sql)


def dialect_sql(connection: BaseDBAsyncClient, sql: str) -> str:
    return sqlite_sql(sql) if connection.capabilities.dialect == "sqlite" else sql


async def select(sql: str, params: list[Any]) -> list[dict[str, Any]]:
    """Run a statement written with $1, $2… on the default connection."""
    connection = connections.get("default")
    return await connection.execute_query_dict(dialect_sql(connection, sql), params)


class Conditions:
    """WHERE terms and their parameters, numbered $1, $2… in the order they are added; a `?`
    in a term stands for its next value."""

    def __init__(self) -> None:
        self.terms: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *values: Any) -> None:
        for value in values:
            sql = sql.replace("?", self.param(value), 1)
        self.terms.append(sql)

    def param(self, value: Any) -> str:
        """Take one more parameter (e.g. a LIMIT); its placeholder."""
        self.params.append(value)
        return f"${len(self.params)}"

    def where(self) -> str:
        return "WHERE " + " AND ".join(self.terms)
