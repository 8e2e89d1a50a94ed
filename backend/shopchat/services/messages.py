"""Messages: stored once per client_msg_id, numbered without gaps inside a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.exceptions import IntegrityError
from tortoise.expressions import F
from tortoise.transactions import in_transaction

from ..models import Agent, Author, Conversation, Kind, Message, Shop, Status, Upload
from .errors import Conflict, NotFound


@dataclass(frozen=True)
class Stored:
    message: Message
    created: bool  # False when client_msg_id was seen before: nothing new was stored


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
) -> Stored:
    """Commit a message; its seq is allocated inside the same transaction.

    The UPDATE of conversation.last_seq locks the conversation row (PostgreSQL) or the
    database (SQLite) until commit, so concurrent writers in any process get consecutive
    numbers, and a rolled-back insert leaves no gap.
    """
    try:
        async with in_transaction() as connection:
            if client_msg_id is not None:
                existing = await _find_by_client_id(conversation_id, client_msg_id, connection)
                if existing is not None:
                    return _resent(existing, body)
            now = datetime.now(UTC)
            changes: dict[str, object] = {"last_seq": F("last_seq") + 1, "last_message_at": now}
            if author is Author.VISITOR:
                changes["unread_agent"] = F("unread_agent") + 1
                changes["status"] = Status.OPEN  # a shopper's message reopens a closed thread
            elif not internal:
                changes["unread_visitor"] = F("unread_visitor") + 1
            updated = (
                await Conversation.filter(id=conversation_id, shop=shop)
                .using_db(connection)
                .update(**changes)
            )
            if not updated:
                raise NotFound("no such conversation")
            seq = await (
                Conversation.filter(id=conversation_id)
                .using_db(connection)
                .first()
                .values_list("last_seq", flat=True)
            )
            message = await Message.create(
                conversation_id=conversation_id,
                seq=seq,
                author=author,
                agent=agent,
                kind=kind,
                body=body,
                client_msg_id=client_msg_id,
                internal=internal,
                upload=upload,
                created_at=now,
                using_db=connection,
            )
    except IntegrityError:
        # Another request stored the same client_msg_id first; its transaction won.
        if client_msg_id is None:
            raise
        existing = await _find_by_client_id(conversation_id, client_msg_id, None)
        if existing is None:
            raise
        return _resent(existing, body)
    message.agent = agent
    message.upload = upload
    return Stored(message, created=True)


def _resent(existing: Message, body: str) -> Stored:
    """A resend is the same message again; the same id with other text is a client bug."""
    if existing.body != body:
        raise Conflict("client_msg_id was already used for a different message")
    return Stored(existing, created=False)


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
    query = Message.filter(conversation_id=conversation.id).select_related("agent", "upload")
    if not include_internal:
        query = query.filter(internal=False)
    if after_seq is not None:
        rows = await query.filter(seq__gt=after_seq).order_by("seq").limit(limit + 1)
        return HistoryPage(messages=rows[:limit], has_more=len(rows) > limit)
    if before_seq is not None:
        query = query.filter(seq__lt=before_seq)
    rows = await query.order_by("-seq").limit(limit + 1)
    return HistoryPage(messages=list(reversed(rows[:limit])), has_more=len(rows) > limit)


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
        "created_at": message.created_at.isoformat(),
        "client_msg_id": message.client_msg_id,
        "image": _image(message),
    }


def _image(message: Message) -> dict[str, object] | None:
    """{url, width, height} for an image message; url is a path on the chat server."""
    upload = message.__dict__.get("_upload")
    if not message.upload_id or not isinstance(upload, Upload):
        return None
    return {
        "url": f"/api/v1/uploads/{upload.key}",
        "width": upload.width,
        "height": upload.height,
        "content_type": upload.content_type,
    }
