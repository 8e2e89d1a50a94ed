"""Messages: stored once per client_msg_id, numbered without gaps inside a conversation."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from ..db import group_commit, rows, sql
from ..models import Agent, Author, Conversation, Kind, Message, Shop, Status, Upload, Via
from . import conversations
from .errors import Conflict, NotFound


@dataclass(frozen=True)
class Stored:
    message: Message
    created: bool  # False when client_msg_id was seen before: nothing new was stored
    conversation: Conversation | None = None  # as the inbox shows it, just after this message


# The hottest path of the product, so plain SQL: building these through the ORM cost more
# CPU than the database did (py-spy: pypika query building was the top of the profile).
# A resend is not looked up first: the unique (conversation, client_msg_id) index refuses
# it, and the rare refusal is answered by a lookup afterwards.
# Any agent message means an agent has seen everything before it (issue 14's read contract):
# it clears the unread count, moves the agent read mark and re-arms the staff mail.
_NEXT_SEQ = f"""
UPDATE conversation SET last_seq = last_seq + 1, last_message_at = $1,
    unread_agent = CASE WHEN $4 THEN unread_agent + $2 ELSE 0 END,
    unread_visitor = unread_visitor + $3,
    status = CASE WHEN $4 THEN '{Status.OPEN.value}' ELSE status END,
    agent_read_seq = CASE WHEN $4 THEN agent_read_seq ELSE last_seq + 1 END,
    notified_at = CASE WHEN $4 THEN notified_at END,
    escalated_at = CASE WHEN $4 THEN escalated_at END
WHERE id = $5 AND shop_id = $6 RETURNING last_seq"""
_COLUMNS = "conversation_id, author, agent_id, kind, body, client_msg_id, internal, upload_id, via"
_INSERT = f"""
INSERT INTO message ({_COLUMNS}, created_at, seq)
VALUES ($7, $8, $9, $10, $11, $12, $13, $14, $15, $1, $16) RETURNING id"""
# The conversation as the inbox shows it, read inside the same write: the fan-out needs it
# for every message, and a separate read waited behind the next batch (chat: 570 msg/s).
_CONVERSATION = (
    f"SELECT {rows.columns(conversations.JOINED)} FROM conversation c{conversations.JOINS}"
    "WHERE c.id = $1"
)
# PostgreSQL: all three in one statement, one round trip per message.
_STORE_POSTGRES = f"""
WITH next AS ({_NEXT_SEQ.replace("RETURNING last_seq", "RETURNING *")}),
stored AS (INSERT INTO message ({_COLUMNS}, created_at, seq)
    SELECT $7, $8, $9, $10, $11, $12, $13, $14, $15, $1, next.last_seq FROM next RETURNING id)
SELECT stored.id AS stored_id, {rows.columns(conversations.JOINED)}
FROM stored, next c{conversations.JOINS}"""
_NEXT_SEQ_SQLITE = sql.sqlite_numbered(_NEXT_SEQ)  # $4 appears more than once
_INSERT_SQLITE = sql.sqlite_sql(_INSERT)
_CONVERSATION_SQLITE = sql.sqlite_sql(_CONVERSATION)

StoredRow = tuple[int, dict[str, Any]]  # the message id, the conversation's joined row


def _store_write(values: list[Any]) -> group_commit.Write[StoredRow]:
    """Allocate the seq, insert, read the conversation back. NotFound for a conversation
    that is not the shop's."""

    async def postgres(connection: BaseDBAsyncClient) -> StoredRow:
        found = await connection.execute_query_dict(_STORE_POSTGRES, values)
        if not found:
            raise NotFound("no such conversation")
        row = dict(found[0])
        return int(row.pop("stored_id")), row

    def sqlite(connection: sqlite3.Connection) -> StoredRow:
        row = connection.execute(_NEXT_SEQ_SQLITE, values[:6]).fetchone()
        if row is None:
            raise NotFound("no such conversation")
        seq = int(row[0])
        inserted = connection.execute(_INSERT_SQLITE, [*values[6:], values[0], seq]).fetchone()
        conversation = connection.execute(_CONVERSATION_SQLITE, [values[4]]).fetchone()
        return int(inserted[0]), dict(zip(conversation.keys(), conversation, strict=True))

    return group_commit.Write(postgres, sqlite)


async def store_message(
    *,
    shop: Shop,
    conversation_id: int,
    author: Author,
    body: str,
    client_msg_id: str | None,
    agent: Agent | None = None,
    internal: bool = False,
    kind: Kind = Kind.TEXT,
    upload: Upload | None = None,
    via: Via = Via.CHAT,
) -> Stored:
    """Commit a message (group commit: with the others that arrive together); its seq is
    allocated inside the same transaction.

    The UPDATE of conversation.last_seq locks the conversation row (PostgreSQL) or the
    database (SQLite) until commit, so concurrent writers in any process get consecutive
    numbers, and a rolled-back insert leaves no gap.
    """
    now = datetime.now(UTC)
    visitor_wrote = author is Author.VISITOR
    values: list[Any] = [
        now, int(visitor_wrote), int(not visitor_wrote and not internal), visitor_wrote,
        conversation_id, shop.id,
        conversation_id, author.value, agent.id if agent else None, kind.value, body,
        client_msg_id, internal, upload.id if upload else None, via.value,
    ]  # fmt: skip
    try:
        message_id, row = await group_commit.writer().run(_store_write(values))
    except IntegrityError:
        if client_msg_id is None:
            raise
        existing = await _find_by_client_id(conversation_id, client_msg_id, None)
        if existing is None:
            raise
        return _resent(existing, body)
    conversation = conversations.conversation_from_row(row)
    message = Message(
        id=message_id, conversation_id=conversation_id, seq=conversation.last_seq,
        author=author, agent=agent, kind=kind, body=body, client_msg_id=client_msg_id,
        internal=internal, upload=upload, created_at=now, via=via,
    )  # fmt: skip
    rows.mark_saved(message)
    return Stored(message, created=True, conversation=conversation)


def _resent(existing: Message, body: str) -> Stored:
    """A resend is the same message again; the same id with other text is a client bug."""
    if existing.body != body:
        raise Conflict("client_msg_id was already used for a different message")
    return Stored(existing, created=False)


async def sent_before(
    *, shop: Shop, visitor_id: int, client_msg_id: str, body: str
) -> Stored | None:
    """A message already sent with this client_msg_id to any conversation of the visitor
    (a proactive send's retry may find a newer thread), or None; Conflict for another body."""
    existing = (
        await Message.filter(
            client_msg_id=client_msg_id,
            conversation__visitor_id=visitor_id,
            conversation__shop_id=shop.id,
        )
        .select_related("agent", "upload")
        .first()
    )
    return None if existing is None else _resent(existing, body)


async def _find_by_client_id(
    conversation_id: int, client_msg_id: str, connection: object
) -> Message | None:
    query = Message.filter(conversation_id=conversation_id, client_msg_id=client_msg_id)
    if connection is not None:
        query = query.using_db(connection)
    return await query.select_related("agent", "upload").first()


@dataclass(frozen=True)
class HistoryPage:
    messages: list[Message]
    has_more: bool


async def history(
    *,
    conversation: Conversation,
    before_seq: int | None = None,
    after_seq: int | None = None,
    limit: int = 50,
    include_internal: bool,
) -> HistoryPage:
    """A page of messages, oldest first: after after_seq going forward, else before before_seq."""
    conditions = sql.Conditions()
    conditions.add("m.conversation_id = ?", conversation.id)
    if not include_internal:
        conditions.add("m.internal = ?", False)
    forward = after_seq is not None
    if forward or before_seq is not None:
        conditions.add(f"m.seq {'>' if forward else '<'} ?", after_seq if forward else before_seq)
    limit_mark = conditions.param(limit + 1)
    found = await sql.select(
        f"SELECT {rows.columns(_WITH_AUTHOR)} FROM message m "
        "LEFT JOIN agent a ON a.id = m.agent_id LEFT JOIN upload u ON u.id = m.upload_id "
        f"{conditions.where()} ORDER BY m.seq {'ASC' if forward else 'DESC'} LIMIT {limit_mark}",
        conditions.params,
    )
    page = [_message_from_row(row) for row in found[:limit]]
    return HistoryPage(messages=page if forward else page[::-1], has_more=len(found) > limit)


_WITH_AUTHOR: rows.Join = (("m", Message), ("a", Agent), ("u", Upload))


def _message_from_row(row: dict[str, Any]) -> Message:
    message: Message = rows.build(_WITH_AUTHOR, row, agent="a", upload="u")
    return message


def message_summary(message: Message) -> dict[str, object]:
    agent: Agent | None = message.agent
    return {
        "id": message.id,
        "conversation_id": message.conversation_id,
        "seq": message.seq,
        "author": str(message.author),
        "agent": {"id": agent.id, "name": agent.name} if agent else None,
        "body": message.body,
        "kind": str(message.kind),
        "internal": message.internal,
        "via": str(message.via),
        "created_at": message.created_at.isoformat(),
        "client_msg_id": message.client_msg_id,
        "image": _image(message),
    }


def _image(message: Message) -> dict[str, object] | None:
    """{url, width, height} for an image message; url is a path on the chat server."""
    upload = rows.loaded(message, "upload")
    if not message.upload_id or not isinstance(upload, Upload):
        return None
    return {
        "url": f"/api/v1/uploads/{upload.key}",
        "width": upload.width,
        "height": upload.height,
        "content_type": upload.content_type,
    }
