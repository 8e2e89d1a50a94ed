"""Visitors: anonymous shoppers identified by an unguessable token."""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from ..auth import digest, new_token
from ..db import rows, sql
from ..db.group_commit import Write, writer
from ..models import Conversation, Shop, Status, Visitor
from .errors import NotFound


@dataclass(frozen=True)
class VisitorContext:
    """What the browser tells us about the shopper; every field may be missing."""

    page_url: str | None = None
    user_agent: str | None = None
    locale: str | None = None


def _clip(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else None


# Every first page view of a new shopper lands here, so these are plain SQL through the
# group commit (see db/group_commit.py for the measurements).
_INSERT_VISITOR = """
INSERT INTO visitor (shop_id, public_id, token_hash, verified, last_page_url, user_agent,
    locale, visits, first_seen, last_seen)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"""
_INSERT_CONVERSATION = f"""
INSERT INTO conversation (shop_id, visitor_id, status, last_seq, unread_agent, unread_visitor,
    visitor_read_seq, agent_read_seq, context, created_at, staff_mailed_seq,
    visitor_mailed_seq, visitor_unsubscribed)
VALUES ($1, $2, '{Status.OPEN.value}', 0, 0, 0, 0, 0, '{{}}', $3, 0, 0, FALSE) RETURNING id"""
_INSERT_VISITOR_SQLITE = sql.sqlite_sql(_INSERT_VISITOR)
_INSERT_CONVERSATION_SQLITE = sql.sqlite_sql(_INSERT_CONVERSATION)


def _create_write(visitor_row: list[Any], now: datetime) -> Write[tuple[int, int]]:
    """Insert the visitor and its first conversation: (visitor id, conversation id)."""
    shop_id = visitor_row[0]

    async def postgres(connection: BaseDBAsyncClient) -> tuple[int, int]:
        found = await connection.execute_query_dict(_INSERT_VISITOR, visitor_row)
        visitor_id = int(found[0]["id"])
        found = await connection.execute_query_dict(
            _INSERT_CONVERSATION, [shop_id, visitor_id, now]
        )
        return visitor_id, int(found[0]["id"])

    def sqlite(connection: sqlite3.Connection) -> tuple[int, int]:
        visitor_id = int(connection.execute(_INSERT_VISITOR_SQLITE, visitor_row).fetchone()[0])
        row = connection.execute(_INSERT_CONVERSATION_SQLITE, [shop_id, visitor_id, now])
        return visitor_id, int(row.fetchone()[0])

    return Write(postgres, sqlite)


async def create_visitor_with_conversation(
    *, shop: Shop, context: VisitorContext
) -> tuple[Visitor, str, Conversation]:
    """A first-time shopper: their visitor row and first conversation, committed together
    with the other shoppers arriving at the same moment."""
    token, now = new_token(), datetime.now(UTC)
    fields: dict[str, Any] = {
        "shop_id": shop.id,
        "public_id": "v_" + secrets.token_urlsafe(12),
        "token_hash": digest(token),
        "verified": False,
        "last_page_url": _clip(context.page_url, 2000),
        "user_agent": _clip(context.user_agent, 500),
        "locale": _clip(context.locale, 35),
        "visits": 1,
        "first_seen": now,
        "last_seen": now,
    }
    visitor_id, conversation_id = await writer().run(_create_write(list(fields.values()), now))
    visitor = Visitor(id=visitor_id, **fields)
    conversation = Conversation(
        id=conversation_id, shop_id=shop.id, visitor_id=visitor_id, context={}, created_at=now
    )
    rows.mark_saved(visitor, conversation)
    return visitor, token, conversation


_WITH_THREAD: rows.Join = (("v", Visitor), ("c", Conversation))


async def visitor_with_thread(*, shop: Shop, token: str) -> tuple[Visitor, Conversation | None]:
    """A returning shopper's visitor row and its latest conversation, in one statement (it
    was two ORM queries, a quarter of a returning connect in py-spy); NotFound for a token
    this shop never issued."""
    if not token or len(token) > 200:
        raise NotFound("unknown visitor token")
    found = await sql.select(
        f"SELECT {rows.columns(_WITH_THREAD)} FROM visitor v LEFT JOIN conversation c "
        "ON c.id = (SELECT max(id) FROM conversation WHERE visitor_id = v.id AND shop_id = $1) "
        "WHERE v.shop_id = $2 AND v.token_hash = $3",
        [shop.id, shop.id, digest(token)],
    )
    if not found:
        raise NotFound("unknown visitor token")
    parts = rows.split(_WITH_THREAD, found[0])
    visitor = rows.from_db(Visitor, parts["v"])
    assert visitor is not None
    return visitor, rows.from_db(Conversation, parts["c"])


async def visitor_by_token(token: str) -> Visitor | None:
    """The visitor behind a token, with its shop loaded (tokens are unique across shops)."""
    if not token or len(token) > 200:
        return None
    return await Visitor.get_or_none(token_hash=digest(token)).select_related("shop")


async def visitor_by_id(*, shop: Shop, visitor_id: int) -> Visitor:
    """A visitor row of this shop, read fresh (sockets keep only the id)."""
    visitor = await Visitor.get_or_none(id=visitor_id, shop_id=shop.id)
    if visitor is None:  # erased while its socket was open
        raise NotFound("this visitor no longer exists")
    return visitor


# What create makes ("v_" + 16 URL-safe characters), with room to spare: anything else names no
# visitor, and must not reach the query (Tortoise raises on a value over the column's 40).
PUBLIC_ID = re.compile(r"v_[A-Za-z0-9_-]{1,38}")


def is_public_id(value: str) -> bool:
    return PUBLIC_ID.fullmatch(value) is not None


async def get_visitor(*, shop: Shop, public_id: str) -> Visitor | None:
    if not is_public_id(public_id):
        return None
    return await Visitor.get_or_none(shop=shop, public_id=public_id)


# A returning shopper's page view. Through the group commit: it was one commit (one fsync)
# per connect, which held returning shoppers to ~360 connects/s (bench/run.py returning).
# A page view after VISIT_GAP without one starts a new visit.
VISIT_GAP = timedelta(minutes=30)
_RECORD_VISIT = """
UPDATE visitor SET visits = visits + CASE WHEN last_seen < $1 THEN 1 ELSE 0 END,
    last_seen = $2, last_page_url = COALESCE($3, last_page_url),
    user_agent = COALESCE($4, user_agent), locale = COALESCE($5, locale)
WHERE id = $6"""
_RECORD_VISIT_SQLITE = sql.sqlite_sql(_RECORD_VISIT)


def _visit_write(params: list[Any]) -> Write[None]:
    async def postgres(connection: BaseDBAsyncClient) -> None:
        await connection.execute_query(_RECORD_VISIT, params)

    def sqlite(connection: sqlite3.Connection) -> None:
        connection.execute(_RECORD_VISIT_SQLITE, params)

    return Write(postgres, sqlite)


async def record_visit(*, visitor: Visitor, context: VisitorContext) -> None:
    now = datetime.now(UTC)
    page_url = _clip(context.page_url, 2000)
    user_agent = _clip(context.user_agent, 500)
    locale = _clip(context.locale, 35)
    params = [now - VISIT_GAP, now, page_url, user_agent, locale, visitor.id]
    await writer().run(_visit_write(params))
    if visitor.last_seen < now - VISIT_GAP:
        visitor.visits += 1
    visitor.last_seen = now
    visitor.last_page_url = page_url or visitor.last_page_url
    visitor.user_agent = user_agent or visitor.user_agent
    visitor.locale = locale or visitor.locale
