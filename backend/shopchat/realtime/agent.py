"""The agent console's socket: every conversation of the agent's shop, live."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Agent, Author, Kind, Shop, Upload
from ..services import accounts, agents, conversations, messages, uploads
from ..services.errors import NotFound
from ..services.messages import message_summary
from . import fanout
from .channels import agent_channel, agents_channel
from .close_codes import Close
from .connection import Connection
from .node import Runtime
from .presence import agents_key
from .protocol import (
    AGENT_FRAMES,
    AgentHello,
    AgentMessage,
    AgentRead,
    AgentTyping,
    ProtocolError,
    check_body,
)
from .revocation import RevocationWatch
from .session import Handler, Refused, WebSocket, receive_hello, serve_frames


@dataclass
class AgentSession:
    runtime: Runtime
    connection: Connection
    shop: Shop
    agent: Agent


async def _message_parts(
    session: AgentSession, frame: AgentMessage
) -> tuple[str, Kind, Upload | None]:
    """Body, kind and upload; an image message (upload_id) may have an empty body."""
    limit = session.runtime.settings.max_body_chars
    if frame.upload_id is None:
        return check_body(frame, limit), Kind.TEXT, None
    body = check_body(frame, limit) if frame.body.strip() else ""
    try:
        upload = await uploads.upload_for_message(
            shop=session.shop, key=frame.upload_id, agent=session.agent
        )
    except NotFound:
        raise ProtocolError("not_found", "no such upload", frame.client_msg_id) from None
    return body, Kind.IMAGE, upload


async def on_message(session: AgentSession, frame: AgentMessage) -> None:
    body, kind, upload = await _message_parts(session, frame)
    stored = await messages.store_message(
        shop=session.shop,
        conversation_id=frame.conversation_id,
        author=Author.AGENT,
        agent=session.agent,
        body=body,
        client_msg_id=frame.client_msg_id,
        internal=frame.internal,
        kind=kind,
        upload=upload,
    )
    summary = message_summary(stored.message)
    session.connection.send(
        {"type": "ack", "client_msg_id": frame.client_msg_id, "message": summary}
    )
    if stored.created:
        await fanout.message_stored(
            session.runtime, session.shop, stored, sender=session.connection
        )


async def on_typing(session: AgentSession, frame: AgentTyping) -> None:
    conversation = await conversations.get_conversation(
        shop=session.shop, conversation_id=frame.conversation_id
    )
    typing = {"type": "typing", "conversation_id": conversation.id, "author": "agent"}
    await fanout.to_visitor(session.runtime, conversation.visitor_id, typing)


async def on_read(session: AgentSession, frame: AgentRead) -> None:
    conversation = await conversations.get_conversation(
        shop=session.shop, conversation_id=frame.conversation_id
    )
    await conversations.mark_read(conversation=conversation, reader=Author.AGENT, seq=frame.seq)
    read = {"type": "read", "conversation_id": conversation.id, "seq": frame.seq, "by": "agent"}
    await fanout.to_visitor(session.runtime, conversation.visitor_id, read)
    await fanout.conversation_changed(session.runtime, session.shop, conversation.id)


HANDLERS: dict[str, Handler[AgentSession]] = {
    "message": on_message,
    "typing": on_typing,
    "read": on_read,
}


async def serve_agent(runtime: Runtime, ws: WebSocket) -> None:
    hello = await receive_hello(ws, AgentHello, runtime.settings.hello_timeout_seconds)
    agent = await agents.agent_for_token(hello.token)
    login = await accounts.session_for_token(hello.token)
    if agent is None or login is None:
        raise Refused(Close.UNAUTHORIZED, "invalid or expired token")
    shop: Shop = agent.shop
    connection = Connection(ws, role="agent")
    session = AgentSession(runtime, connection, shop, agent)
    watch = RevocationWatch(ws, login.id)  # logout etc. close this socket with 4401
    connection.start()
    try:
        await runtime.hub.join(watch, agent_channel(agent.id))  # type: ignore[arg-type]
        await runtime.hub.join(connection, agents_channel(shop.id))
        if await runtime.presence.add(agents_key(shop.id)) == 1:
            await fanout.to_shop_visitors(runtime, shop.id, {"type": "presence", "online": True})
        connection.send(
            {
                "type": "welcome",
                "agent": agents.agent_summary(agent),
                "shop": {"name": shop.name, "key": shop.key},
            }
        )
        await serve_frames(ws, connection, session, AGENT_FRAMES, HANDLERS)
    finally:
        await runtime.finish(_leave(runtime, connection, watch, shop.id))


async def _leave(
    runtime: Runtime, connection: Connection, watch: RevocationWatch, shop_id: int
) -> None:
    await runtime.hub.leave_all(watch)  # type: ignore[arg-type]
    await runtime.hub.leave_all(connection)
    if await runtime.presence.remove(agents_key(shop_id)) == 0:
        await fanout.to_shop_visitors(runtime, shop_id, {"type": "presence", "online": False})
    await connection.stop()
