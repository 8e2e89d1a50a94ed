"""Visitors: anonymous shoppers identified by an unguessable token."""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from ..auth import digest, new_token
from ..models import Conversation, Shop, Status, Visitor
from .errors import NotFound
from .group_commit import Write, sqlite_sql, writer


@dataclass(frozen=True)
class VisitorContext:
    """What the browser tells us about the shopper; every field may be missing."""

    page_url: str | None = None
    user_agent: str | None = None
    locale: str | None = None


def _clip(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else None


async def create_visitor(*, shop: Shop, context: VisitorContext) -> tuple[Visitor, str]:
    """Create a visitor; return it with its token (stored only as a digest)."""
    visitor, token, _conversation = await create_visitor_with_conversation(
        shop=shop, context=context
    )
    return visitor, token


# Every first page view of a new shopper lands here, so these are plain SQL through the
# group commit (see services/group_commit.py for the measurements).
_INSERT_VISITOR = """
INSERT INTO visitor (shop_id, public_id, token_hash, verified, last_page_url, user_agent,
    locale, visits, first_seen, last_seen)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"""
_INSERT_CONVERSATION = f"""
INSERT INTO conversation (shop_id, visitor_id, status, last_seq, unread_agent, unread_visitor,
    visitor_read_seq, agent_read_seq, context, created_at)
VALUES ($1, $2, '{Status.OPEN.value}', 0, 0, 0, 0, 0, '{{}}', $3) RETURNING id"""
_INSERT_VISITOR_SQLITE = sqlite_sql(_INSERT_VISITOR)
_INSERT_CONVERSATION_SQLITE = sqlite_sql(_INSERT_CONVERSATION)


def _create_write(visitor_row: list[Any], now: datetime) -> Write[tuple[int, int]]:
    """Insert the visitor and its first conversation: (visitor id, conversation id)."""
    shop_id = visitor_row[0]

    async def postgres(connection: BaseDBAsyncClient) -> tuple[int, int]:
        rows = await connection.execute_query_dict(_INSERT_VISITOR, visitor_row)
        visitor_id = int(rows[0]["id"])
        rows = await connection.execute_query_dict(_INSERT_CONVERSATION, [shop_id, visitor_id, now])
        return visitor_id, int(rows[0]["id"])

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
    for row in (visitor, conversation):
        row._saved_in_db = True
    return visitor, token, conversation


async def visitor_for_token(*, shop: Shop, token: str) -> Visitor | None:
    if not token or len(token) > 200:
        return None
    return await Visitor.get_or_none(shop=shop, token_hash=digest(token))


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


async def get_visitor(*, shop: Shop, public_id: str) -> Visitor | None:
    return await Visitor.get_or_none(shop=shop, public_id=public_id)


async def record_visit(*, visitor: Visitor, context: VisitorContext) -> None:
    visitor.last_seen = datetime.now(UTC)
    update = ["last_seen"]
    for name, limit in (("page_url", 2000), ("user_agent", 500), ("locale", 35)):
        value = getattr(context, name)
        if value:
            column = "last_page_url" if name == "page_url" else name
            setattr(visitor, column, value[:limit])
            update.append(column)
    await visitor.save(update_fields=update)


def visitor_summary(visitor: Visitor, *, online: bool = False) -> dict[str, object]:
    return {
        "id": visitor.public_id,
        "name": visitor.name,
        "email": visitor.email,
        "online": online,
    }
