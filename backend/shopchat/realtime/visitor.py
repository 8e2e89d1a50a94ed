"""The shopper's socket: hello/welcome, then message, typing and read frames."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Author, Shop, Visitor
from ..origins import origin_allowed
from ..runtime import Runtime
from ..services import conversations, messages, visitors
from ..services.messages import message_summary
from ..services.shops import get_shop_by_key
from ..services.visitors import VisitorContext
from . import fanout
from .connection import Connection
from .hub import visitor_channel, visitors_channel
from .presence import agents_key, shop_visitors_key, visitor_key
from .protocol import VISITOR_FRAMES, VisitorHello, VisitorMessage, VisitorRead, check_body
from .session import (
    CLOSE_ORIGIN_REFUSED,
    CLOSE_UNAUTHORIZED,
    CLOSE_UNKNOWN_SHOP,
    Handler,
    Refused,
    WebSocket,
    receive_hello,
    serve_frames,
)


@dataclass
class VisitorSession:
    runtime: Runtime
    connection: Connection
    shop: Shop
    visitor: Visitor
    conversation_id: int


async def on_message(session: VisitorSession, frame: VisitorMessage) -> None:
    body = check_body(frame, session.runtime.settings.max_body_chars)
    stored = await messages.store_message(
        shop=session.shop,
        conversation_id=session.conversation_id,
        author=Author.VISITOR,
        body=body,
        client_msg_id=frame.client_msg_id,
    )
    summary = message_summary(stored.message)
    session.connection.send(
        {"type": "ack", "client_msg_id": frame.client_msg_id, "message": summary}
    )
    if stored.created:
        conversation = await conversations.get_conversation(
            shop=session.shop, conversation_id=session.conversation_id
        )
        await fanout.message_stored(
            session.runtime, session.shop, conversation, stored.message, sender=session.connection
        )


async def on_typing(session: VisitorSession, _frame: Any) -> None:
    frame = {"type": "typing", "conversation_id": session.conversation_id, "author": "visitor"}
    await fanout.to_agents(session.runtime, session.shop.id, frame)


async def on_read(session: VisitorSession, frame: VisitorRead) -> None:
    conversation = await conversations.get_conversation(
        shop=session.shop, conversation_id=session.conversation_id
    )
    await conversations.mark_read(conversation=conversation, reader=Author.VISITOR, seq=frame.seq)
    read = {"type": "read", "conversation_id": conversation.id, "seq": frame.seq, "by": "visitor"}
    await fanout.to_agents(session.runtime, session.shop.id, read)
    await fanout.to_visitor(
        session.runtime, session.visitor.id, read, skip=session.connection
    )  # the shopper's other tabs clear their badges too
    await fanout.conversation_changed(session.runtime, session.shop, conversation.id)


HANDLERS: dict[str, Handler[VisitorSession]] = {
    "message": on_message,
    "typing": on_typing,
    "read": on_read,
}


async def _identify(
    runtime: Runtime, shop: Shop, hello: VisitorHello, context: VisitorContext
) -> tuple[Visitor, str]:
    if hello.visitor_token is None:
        return await visitors.create_visitor(shop=shop, context=context)
    visitor = await visitors.visitor_for_token(shop=shop, token=hello.visitor_token)
    if visitor is None:
        raise Refused(CLOSE_UNAUTHORIZED, "unknown visitor token")
    await visitors.record_visit(visitor=visitor, context=context)
    return visitor, hello.visitor_token


async def _welcome(session: VisitorSession, hello: VisitorHello, token: str) -> dict[str, Any]:
    conversation = await conversations.get_conversation(
        shop=session.shop, conversation_id=session.conversation_id
    )
    settings = session.runtime.settings
    if hello.last_seq is None:
        page = await messages.history(
            conversation=conversation, limit=settings.history_limit_default, include_internal=False
        )
    else:
        page = await messages.history(
            conversation=conversation,
            after_seq=hello.last_seq,
            limit=settings.welcome_backlog_max,
            include_internal=False,
        )
    agents_online = await session.runtime.presence.count(agents_key(session.shop.id)) > 0
    return {
        "type": "welcome",
        "visitor_token": token,
        "visitor_id": session.visitor.public_id,
        "conversation_id": conversation.id,
        "shop": {
            "name": session.shop.name,
            "online": agents_online,
            "greeting": session.shop.greeting,
        },
        "messages": [message_summary(m) for m in page.messages],
        "more": page.has_more,
    }


def _after(last_seq: int) -> Any:
    """Keep held frames the welcome did not already carry."""

    def keep(frame: dict[str, Any]) -> bool:
        message = frame.get("message")
        return not (frame.get("type") == "message" and message and message["seq"] <= last_seq)

    return keep


async def serve_visitor(
    runtime: Runtime, ws: WebSocket, *, shop_key: str, origin: str | None, user_agent: str | None
) -> None:
    shop = await get_shop_by_key(shop_key)
    if shop is None:
        raise Refused(CLOSE_UNKNOWN_SHOP, "unknown shop key")
    if not origin_allowed(origin, shop.allowed_origins):
        raise Refused(CLOSE_ORIGIN_REFUSED, "this page's origin is not allowed by the shop")
    hello = await receive_hello(ws, VisitorHello, runtime.settings.hello_timeout_seconds)
    context = VisitorContext(page_url=hello.page_url, user_agent=user_agent, locale=hello.locale)
    visitor, token = await _identify(runtime, shop, hello, context)
    conversation = await conversations.current_conversation(shop=shop, visitor=visitor)
    connection = Connection(ws, role="visitor")
    session = VisitorSession(runtime, connection, shop, visitor, conversation.id)
    connection.start()
    connection.hold()
    try:
        await runtime.hub.join(connection, visitor_channel(visitor.id))
        await runtime.hub.join(connection, visitors_channel(shop.id))
        await runtime.presence.add(shop_visitors_key(shop.id))
        if await runtime.presence.add(visitor_key(visitor.id)) == 1:
            await _announce_visitor(runtime, shop, conversation.id, online=True)
        welcome = await _welcome(session, hello, token)
        connection.send(welcome)
        last = welcome["messages"][-1]["seq"] if welcome["messages"] else hello.last_seq or 0
        connection.release(_after(last))
        await serve_frames(ws, connection, session, VISITOR_FRAMES, HANDLERS)
    finally:
        await runtime.hub.leave_all(connection)
        await runtime.presence.remove(shop_visitors_key(shop.id))
        if await runtime.presence.remove(visitor_key(visitor.id)) == 0:
            await _announce_visitor(runtime, shop, conversation.id, online=False)
        await connection.stop()


async def _announce_visitor(
    runtime: Runtime, shop: Shop, conversation_id: int, *, online: bool
) -> None:
    frame = {"type": "visitor_presence", "conversation_id": conversation_id, "online": online}
    await fanout.to_agents(runtime, shop.id, frame)
