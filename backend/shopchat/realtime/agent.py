"""The agent console's socket: every conversation of the agent's shop, live."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Agent, Author, Shop
from ..services import accounts, conversations, sessions
from . import fanout
from .channels import agent_channel, agents_channel
from .close_codes import Close
from .connection import Connection
from .message_frames import message_parts, store_and_publish
from .node import Runtime
from .presence import agents_key
from .protocol import (
    AGENT_FRAMES,
    AgentHello,
    AgentMessage,
    AgentRead,
    AgentTyping,
)
from .revocation import RevocationWatch
from .session import Handler, Refused, WebSocket, receive_hello, serve_frames


@dataclass
class AgentSession:
    runtime: Runtime
    connection: Connection
    shop: Shop
    agent: Agent


async def on_message(session: AgentSession, frame: AgentMessage) -> None:
    limit = session.runtime.settings.max_body_chars
    parts = await message_parts(frame, shop=session.shop, max_body_chars=limit, visitor_id=None)
    await store_and_publish(
        session.runtime,
        frame,
        parts,
        sender=session.connection,
        shop=session.shop,
        conversation_id=frame.conversation_id,
        author=Author.AGENT,
        agent=session.agent,
        internal=frame.internal,
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
    login = await sessions.lookup(hello.token)
    if login is None:
        raise Refused(Close.UNAUTHORIZED, "invalid or expired token")
    agent = login.agent
    shop: Shop = agent.shop
    connection = Connection(ws, role="agent")
    session = AgentSession(runtime, connection, shop, agent)
    watch = RevocationWatch(ws, login.session_id)  # logout etc. close this socket with 4401
    connection.start()
    try:
        await runtime.hub.join(watch, agent_channel(agent.id))  # type: ignore[arg-type]
        await runtime.hub.join(connection, agents_channel(shop.id))
        if await runtime.presence.add(agents_key(shop.id)) == 1:
            await fanout.to_shop_visitors(runtime, shop.id, {"type": "presence", "online": True})
        connection.send(
            {
                "type": "welcome",
                "agent": accounts.agent_summary(agent),
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
