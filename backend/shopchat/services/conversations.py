"""Conversations: one per visitor thread, listed to agents newest activity first."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from ..db import rows, sql
from ..models import Agent, Author, Conversation, Message, Shop, Status, Visitor
from .errors import InvalidInput, NotFound
from .identity import canonical_visitor
from .visitors import is_public_id

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


async def thread_of_visitor(*, shop: Shop, public_id: str) -> Conversation:
    """The conversation a shopper sees on their next visit, by the welcome's `visitor_id`: the
    latest (even if closed) of the visitor, or of the customer a verified one belongs to;
    created when there is none. NotFound for a visitor that is not the shop's."""
    visitor = None
    if is_public_id(public_id):
        visitor = await Visitor.get_or_none(shop_id=shop.id, public_id=public_id)
    if visitor is None:
        raise NotFound("no such visitor")
    return await current_conversation(shop=shop, visitor=await canonical_visitor(visitor))


async def get_conversation(*, shop: Shop, conversation_id: int) -> Conversation:
    """A conversation of this shop with its visitor and assignee, or NotFound (also for
    other shops' ids)."""
    found = await _select("WHERE c.id = $1 AND c.shop_id = $2", [conversation_id, shop.id])
    if not found:
        raise NotFound("no such conversation")
    return conversation_from_row(found[0])


JOINED: rows.Join = (("c", Conversation), ("v", Visitor), ("a", Agent))
JOINS = " JOIN visitor v ON v.id = c.visitor_id LEFT JOIN agent a ON a.id = c.assignee_id "
_FROM = " FROM conversation c" + JOINS


async def _select(where: str, params: list[Any]) -> list[dict[str, Any]]:
    """Conversations with their visitor and assignee, one statement; `where` uses $1, $2…"""
    return await sql.select(f"SELECT {rows.columns(JOINED)}{_FROM}{where}", params)


def conversation_from_row(row: dict[str, Any]) -> Conversation:
    conversation: Conversation = rows.build(JOINED, row, visitor="v", assignee="a")
    return conversation


async def read_marks(*, conversation_id: int) -> tuple[int, int]:
    """The conversation's last seq and the last seq an agent has read, as they are now (for
    a conversation the caller already scoped)."""
    found = await sql.select(
        "SELECT last_seq, agent_read_seq FROM conversation WHERE id = $1", [conversation_id]
    )
    return (int(found[0]["last_seq"]), int(found[0]["agent_read_seq"])) if found else (0, 0)


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
    """Keyset-paginated list, newest activity first; conversations without messages hidden.
    No OFFSET: the index (shop_id, last_message_at, id) makes any depth cost the same."""
    conditions = sql.Conditions()
    conditions.add("c.shop_id = ?", shop.id)
    conditions.add("c.last_message_at IS NOT NULL")
    if status != "all":
        conditions.add("c.status = ?", Status(status).value)
    if assignee == "me":
        conditions.add("c.assignee_id = ?", agent.id)
    elif assignee == "none":
        conditions.add("c.assignee_id IS NULL")
    if cursor:
        stamp, before_id = decode_cursor(cursor)
        conditions.add("(c.last_message_at < ? OR (c.last_message_at = ? AND c.id < ?))",
                       stamp, stamp, before_id)  # fmt: skip
    order = f" ORDER BY c.last_message_at DESC, c.id DESC LIMIT {conditions.param(limit + 1)}"
    found = await _select(conditions.where() + order, conditions.params)
    page = [conversation_from_row(row) for row in found[:limit]]
    return ConversationPage(
        conversations=page,
        last_messages=await last_messages_of_page(page),
        next_cursor=encode_cursor(page[-1]) if len(found) > limit else None,
    )


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
    marks = ", ".join(f"${n}" for n in range(1, len(conversations) + 1))
    found = await sql.select(
        f"SELECT {rows.columns(_LAST)} FROM conversation c JOIN message m "
        f"ON m.conversation_id = c.id AND m.seq = c.last_seq WHERE c.id IN ({marks})",
        [c.id for c in conversations],
    )
    last = [rows.from_db(Message, rows.split(_LAST, row)["m"]) for row in found]
    return {message.conversation_id: message for message in last if message is not None}


_LAST: rows.Join = (("m", Message),)


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
        # an agent has read: the next unread stretch may mail the staff again
        conversation.notified_at = conversation.escalated_at = None
        fields = ["agent_read_seq", "unread_agent", "notified_at", "escalated_at"]
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
