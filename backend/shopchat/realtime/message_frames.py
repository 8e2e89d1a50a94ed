"""A message frame from either side: its parts checked, stored, acknowledged, fanned out.

Visitors and agents send the same `message` frame (an agent's also names the conversation
and may be internal), and the shop's REST calls send its fields; all go through here so they
cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Agent, Author, Kind, Shop, Upload
from ..services import conversations, messages
from ..services.errors import NotFound
from ..services.uploads import upload_for_message
from . import fanout
from .connection import Connection
from .node import Runtime
from .protocol import ProtocolError, RestMessage, VisitorMessage, check_body


@dataclass(frozen=True)
class Parts:
    body: str
    kind: Kind
    upload: Upload | None = None


async def message_parts(
    frame: VisitorMessage, *, shop: Shop, max_body_chars: int, visitor_id: int | None
) -> Parts:
    """Body, kind and upload; an image message (upload_id) may have an empty body. A
    visitor (visitor_id) may attach only its own uploads, an agent any of the shop's."""
    if frame.upload_id is None:
        return Parts(check_body(frame, max_body_chars), Kind.TEXT)
    body = check_body(frame, max_body_chars) if frame.body.strip() else ""
    try:
        upload = await upload_for_message(shop=shop, key=frame.upload_id, visitor_id=visitor_id)
    except NotFound:
        raise ProtocolError("not_found", "no such upload", frame.client_msg_id) from None
    return Parts(body, Kind.IMAGE, upload)


async def store_and_publish(
    runtime: Runtime,
    frame: VisitorMessage,
    parts: Parts,
    *,
    shop: Shop,
    conversation_id: int,
    author: Author,
    agent: Agent | None = None,
    internal: bool = False,
    sender: Connection | None = None,
) -> messages.Stored:
    """The one message path of sockets and the REST API: store once per client_msg_id, ack
    the sending socket if any, fan a new message out to every other socket."""
    stored = await messages.store_message(
        shop=shop,
        conversation_id=conversation_id,
        author=author,
        agent=agent,
        body=parts.body,
        client_msg_id=frame.client_msg_id,
        internal=internal,
        kind=parts.kind,
        upload=parts.upload,
    )
    if sender is not None:
        summary = messages.message_summary(stored.message)
        sender.send({"type": "ack", "client_msg_id": frame.client_msg_id, "message": summary})
    if stored.created:
        await fanout.message_stored(runtime, shop, stored, sender=sender)
    return stored


async def send_as_shop(
    runtime: Runtime,
    message: RestMessage,
    *,
    shop: Shop,
    agent: Agent | None,
    conversation_id: int | None = None,
    visitor_public_id: str | None = None,
) -> messages.Stored:
    """A message from the shop's side over REST, to a conversation or to a shopper's current
    one (created if needed): the same checks, store and fan-out as a socket's message.
    Idempotent on client_msg_id (per conversation, or per shopper)."""
    frame = message.frame()
    limit = runtime.settings.max_body_chars
    parts = await message_parts(frame, shop=shop, max_body_chars=limit, visitor_id=None)
    if conversation_id is None:
        assert visitor_public_id is not None
        conversation = await conversations.thread_of_visitor(shop=shop, public_id=visitor_public_id)
        before = await messages.sent_before(
            shop=shop, visitor_id=conversation.visitor_id, client_msg_id=frame.client_msg_id,
            body=parts.body,
        )  # fmt: skip
        if before is not None:
            return before
        conversation_id = conversation.id
    return await store_and_publish(
        runtime, frame, parts, shop=shop, conversation_id=conversation_id, author=Author.AGENT,
        agent=agent, internal=message.internal,
    )  # fmt: skip
