"""A message frame from either side: its parts checked, stored, acknowledged, fanned out.

Visitors and agents send the same `message` frame (an agent's also names the conversation
and may be internal); both go through here so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Agent, Author, Kind, Shop, Upload
from ..services import messages
from ..services.errors import NotFound
from ..services.uploads import upload_for_message
from . import fanout
from .connection import Connection
from .node import Runtime
from .protocol import ProtocolError, VisitorMessage, check_body


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


async def store_and_acknowledge(
    runtime: Runtime,
    connection: Connection,
    frame: VisitorMessage,
    parts: Parts,
    *,
    shop: Shop,
    conversation_id: int,
    author: Author,
    agent: Agent | None = None,
    internal: bool = False,
) -> None:
    """Store once per client_msg_id, ack the sender, and fan a new message out (a resend is
    only acknowledged again)."""
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
    summary = messages.message_summary(stored.message)
    connection.send({"type": "ack", "client_msg_id": frame.client_msg_id, "message": summary})
    if stored.created:
        await fanout.message_stored(runtime, shop, stored, sender=connection)
