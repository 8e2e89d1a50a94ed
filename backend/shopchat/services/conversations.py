"""Conversations: one per visitor thread, listed to agents newest activity first."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from functools import cache, reduce
from operator import or_
from typing import Any

from tortoise import connections
from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from ..models import Agent, Author, Conversation, Message, Shop, Status, Visitor
from .errors import InvalidInput, NotFound
from .group_commit import dialect_sql

LIST_LIMIT_MAX = 100


@dataclass(frozen=True)
class ConversationPage:
    conversations: list[Conversation]
    last_messages: dict[int, Message]
    next_cursor: str | None


async def current_conversation(*, shop: Shop, visitor: Visitor) -> Conversation:
    """The visitor's latest conversation, created on first contact."""
    conversation = await Conversation.filter(shop=shop, visitor=visitor).order_by("-id").first()
    if conversation is None:
        conversation = await Conversation.create(shop=shop, visitor=visitor)
    return conversation


async def get_conversation(*, shop: Shop, conversation_id: int) -> Conversation:
    """A conversation of this shop with its visitor and assignee, or NotFound (also for
    other shops' ids)."""
    connection = connections.get("default")
    rows = await connection.execute_query_dict(
        dialect_sql(connection, _conversation_sql()), [conversation_id, shop.id]
    )
    if not rows:
        raise NotFound("no such conversation")
    return _conversation_from_row(rows[0])


# Read on every message for the inbox update: one prepared join instead of the ORM's
# select_related, whose query building cost more CPU than the query (py-spy).
_JOINED = (("c", Conversation), ("v", Visitor), ("a", Agent))


@cache
def _conversation_sql() -> str:
    columns = ", ".join(
        f'{alias}."{column}" AS "{alias}_{column}"'
        for alias, model in _JOINED
        for column in model._meta.db_fields
    )
    return (
        f"SELECT {columns} FROM conversation c JOIN visitor v ON v.id = c.visitor_id "
        "LEFT JOIN agent a ON a.id = c.assignee_id WHERE c.id = $1 AND c.shop_id = $2"
    )


def _conversation_from_row(row: dict[str, Any]) -> Conversation:
    found: dict[str, dict[str, Any]] = {alias: {} for alias, _ in _JOINED}
    for key, value in row.items():
        alias, column = key.split("_", 1)
        found[alias][column] = value
    conversation = Conversation._init_from_db(**found["c"])
    conversation.visitor = Visitor._init_from_db(**found["v"])
    assignee = Agent._init_from_db(**found["a"]) if found["a"]["id"] is not None else None
    conversation.assignee = assignee
    return conversation


async def agent_read_seq(*, conversation_id: int) -> int:
    """The last seq an agent has read (for a conversation the caller already scoped)."""
    seq = await (
        Conversation.filter(id=conversation_id).first().values_list("agent_read_seq", flat=True)
    )
    return int(seq or 0)


def encode_cursor(conversation: Conversation) -> str:
    assert conversation.last_message_at is not None
    raw = f"{conversation.last_message_at.isoformat()}|{conversation.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, conversation_id = raw.split("|")
        return datetime.fromisoformat(stamp), int(conversation_id)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InvalidInput("cursor is not one this API returned") from None


async def list_conversations(
    *,
    shop: Shop,
    agent: Agent,
    status: str = "all",
    assignee: str = "any",
    cursor: str | None = None,
    limit: int = 50,
) -> ConversationPage:
    """Keyset-paginated list, newest activity first; conversations without messages hidden."""
    query = Conversation.filter(shop=shop, last_message_at__isnull=False)
    if status != "all":
        query = query.filter(status=Status(status))
    if assignee == "me":
        query = query.filter(assignee_id=agent.id)
    elif assignee == "none":
        query = query.filter(assignee_id__isnull=True)
    return await keyset_page(query, cursor=cursor, limit=limit)


async def keyset_page(
    query: QuerySet[Conversation], *, cursor: str | None, limit: int
) -> ConversationPage:
    """One page of a conversation query, newest activity first, after the cursor (no OFFSET:
    the index (shop_id, last_message_at, id) makes any depth cost the same)."""
    if cursor:
        stamp, before_id = decode_cursor(cursor)
        query = query.filter(
            Q(last_message_at__lt=stamp) | Q(last_message_at=stamp, id__lt=before_id)
        )
    rows = (
        await query.order_by("-last_message_at", "-id")
        .limit(limit + 1)
        .select_related("visitor", "assignee")
    )
    page = rows[:limit]
    return ConversationPage(
        conversations=page,
        last_messages=await last_messages_of_page(page),
        next_cursor=encode_cursor(page[-1]) if len(rows) > limit else None,
    )


async def last_messages_of_page(conversations: list[Conversation]) -> dict[int, Message]:
    if not conversations:
        return {}
    condition = reduce(or_, (Q(conversation_id=c.id, seq=c.last_seq) for c in conversations))
    return {m.conversation_id: m for m in await Message.filter(condition)}


async def last_message_of(conversation: Conversation) -> Message | None:
    return (await last_messages_of_page([conversation])).get(conversation.id)


async def set_status(*, shop: Shop, conversation_id: int, status: Status) -> Conversation:
    updated = await Conversation.filter(id=conversation_id, shop=shop).update(status=status)
    if not updated:
        raise NotFound("no such conversation")
    return await get_conversation(shop=shop, conversation_id=conversation_id)


async def mark_read(*, conversation: Conversation, reader: Author, seq: int) -> Conversation:
    """Record that one side read up to seq, and recount that side's unread messages."""
    seq = min(seq, conversation.last_seq)
    if reader is Author.VISITOR:
        conversation.visitor_read_seq = max(conversation.visitor_read_seq, seq)
        conversation.unread_visitor = (
            await Message.filter(
                conversation_id=conversation.id,
                seq__gt=conversation.visitor_read_seq,
                internal=False,
            )
            .exclude(author=Author.VISITOR)
            .count()
        )
        fields = ["visitor_read_seq", "unread_visitor"]
    else:
        conversation.agent_read_seq = max(conversation.agent_read_seq, seq)
        conversation.unread_agent = await Message.filter(
            conversation_id=conversation.id,
            seq__gt=conversation.agent_read_seq,
            author=Author.VISITOR,
        ).count()
        fields = ["agent_read_seq", "unread_agent"]
    await conversation.save(update_fields=fields)
    return conversation


def _stamp(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def conversation_summary(
    conversation: Conversation,
    *,
    visitor_online: bool,
    last_message: Message | None = None,
) -> dict[str, object]:
    visitor: Visitor = conversation.visitor
    assignee: Agent | None = conversation.assignee
    return {
        "id": conversation.id,
        "visitor": {
            "id": visitor.public_id,
            "name": visitor.name,
            "email": visitor.email,
            "online": visitor_online,
            "verified": visitor.verified,
            "external_id": visitor.external_id,
            "page_url": visitor.last_page_url,
            "page_title": visitor.last_page_title,
            "referrer": visitor.referrer,
            "locale": visitor.locale,
            "timezone": visitor.timezone,
        },
        # setContext() from the widget: {"product", "cart", "order", "page_url", …}
        "context": conversation.context or {},
        "status": str(conversation.status),
        "assignee": {"id": assignee.id, "name": assignee.name} if assignee else None,
        "last_message_at": _stamp(conversation.last_message_at),
        "last_seq": conversation.last_seq,
        "unread_agent": conversation.unread_agent,
        "unread_visitor": conversation.unread_visitor,
        "last_message": (
            {
                "seq": last_message.seq,
                "author": str(last_message.author),
                "body": last_message.body,
                "kind": str(last_message.kind),
                "internal": last_message.internal,
                "created_at": _stamp(last_message.created_at),
            }
            if last_message
            else None
        ),
    }
