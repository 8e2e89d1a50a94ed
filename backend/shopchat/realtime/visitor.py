"""The shopper's socket: hello/welcome, then message, typing and read frames."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..limits import TokenBucket
from ..models import Author, Conversation, Shop, Visitor
from ..origins import origin_allowed
from ..services import conversations, messages, visitors
from ..services.errors import NotFound
from ..services.identity import canonical_visitor
from ..services.messages import message_summary
from ..services.shop_settings import widget_shop
from ..services.shops import cached_shop_by_key
from ..services.visitors import VisitorContext
from . import fanout, visitor_profile
from .channels import visitor_channel, visitors_channel
from .close_codes import Close
from .connection import Connection
from .message_frames import message_parts, store_and_publish
from .node import Runtime
from .presence import agents_key, shop_visitors_key, visitor_key
from .protocol import (
    VISITOR_FRAMES,
    VisitorHello,
    VisitorMessage,
    VisitorRead,
    rate_limited,
)
from .session import Handler, Refused, WebSocket, receive_hello, serve_frames


@dataclass(slots=True)  # one per open shopper socket: ids only, rows are read when needed
class VisitorSession:
    runtime: Runtime
    connection: Connection
    shop: Shop
    visitor_id: int  # the canonical visitor, whose conversation this is
    device_id: int  # the token's own visitor row (differs for a verified customer)
    conversation_id: int
    # made on the first message or typing frame: most shopper sockets never send one
    message_bucket: TokenBucket | None = None
    typing_bucket: TokenBucket | None = None


async def on_message(session: VisitorSession, frame: VisitorMessage) -> None:
    parts = await message_parts(
        frame,
        shop=session.shop,
        max_body_chars=session.runtime.settings.max_body_chars,
        visitor_id=session.visitor_id,
    )
    if session.message_bucket is None:
        session.message_bucket = session.runtime.socket_limits.messages()
    wait = session.message_bucket.take()
    if wait:
        raise rate_limited("messages", wait, frame.client_msg_id)
    await store_and_publish(
        session.runtime,
        frame,
        parts,
        sender=session.connection,
        shop=session.shop,
        conversation_id=session.conversation_id,
        author=Author.VISITOR,
    )


async def on_typing(session: VisitorSession, _frame: Any) -> None:
    if session.typing_bucket is None:
        session.typing_bucket = session.runtime.socket_limits.typing()
    wait = session.typing_bucket.take()
    if wait:
        raise rate_limited("typing frames", wait)
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
        session.runtime, session.visitor_id, read, skip=session.connection
    )  # the shopper's other tabs clear their badges too
    await fanout.conversation_changed(session.runtime, session.shop, conversation.id)


HANDLERS: dict[str, Handler[VisitorSession]] = {
    "message": on_message,
    "typing": on_typing,
    "read": on_read,
    "context": visitor_profile.on_context,
    "identify": visitor_profile.on_identify,
}


@dataclass(frozen=True)
class Arrival:
    device: Visitor  # the token's own row
    visitor: Visitor  # the canonical one, whose conversation this is
    token: str
    conversation: Conversation
    first_time: bool  # a new shopper: nothing to read back yet


async def _arrive(
    runtime: Runtime, shop: Shop, hello: VisitorHello, context: VisitorContext, client_ip: str
) -> Arrival:
    if hello.visitor_token is None:
        wait = runtime.visitors_per_ip.hit(client_ip)
        if wait:
            error = rate_limited("new visitors from this address", wait)
            raise Refused(Close.RATE_LIMITED, "too many new visitors", error)
        visitor, token, conversation = await visitors.create_visitor_with_conversation(
            shop=shop, context=context
        )
        return Arrival(visitor, visitor, token, conversation, first_time=True)
    try:
        device, conversation = await visitors.visitor_with_thread(
            shop=shop, token=hello.visitor_token
        )
    except NotFound:
        raise Refused(Close.UNAUTHORIZED, "unknown visitor token") from None
    await visitors.record_visit(visitor=device, context=context)
    visitor = await canonical_visitor(device)  # a verified customer's thread on any device
    if visitor.id != device.id or conversation is None:
        conversation = await conversations.current_conversation(shop=shop, visitor=visitor)
    return Arrival(device, visitor, hello.visitor_token, conversation, first_time=False)


async def _backlog(
    session: VisitorSession, hello: VisitorHello, arrival: Arrival
) -> tuple[messages.HistoryPage, int]:
    """The messages the welcome carries and the agent's read mark, read after joining the
    conversation's channels so nothing falls between them and the live frames."""
    nothing = messages.HistoryPage(messages=[], has_more=False)
    if arrival.first_time:
        return nothing, 0
    conversation, settings = arrival.conversation, session.runtime.settings
    last_seq, agent_read_seq = await conversations.read_marks(conversation_id=conversation.id)
    if last_seq <= (hello.last_seq or 0):  # most page views: nothing the shopper has not seen
        return nothing, agent_read_seq
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
    return page, agent_read_seq


async def _welcome(
    session: VisitorSession, hello: VisitorHello, arrival: Arrival, *, agents_online: bool
) -> dict[str, Any]:
    page, agent_read_seq = await _backlog(session, hello, arrival)
    return {
        "type": "welcome",
        "visitor_token": arrival.token,
        "visitor_id": arrival.visitor.public_id,
        "conversation_id": session.conversation_id,
        "shop": widget_shop(
            session.shop,
            agents_online=agents_online,
            email=session.runtime.settings.email_enabled,
        ),
        "messages": [message_summary(m) for m in page.messages],
        "more": page.has_more,
        "agent_read_seq": agent_read_seq,  # the widget's "Seen" mark
    }


def _after(last_seq: int) -> Any:
    """Keep held frames the welcome did not already carry."""

    def keep(frame: dict[str, Any]) -> bool:
        message = frame.get("message")
        return not (frame.get("type") == "message" and message and message["seq"] <= last_seq)

    return keep


async def serve_visitor(
    runtime: Runtime,
    ws: WebSocket,
    *,
    shop_key: str,
    origin: str | None,
    user_agent: str | None,
    client_ip: str,
) -> None:
    shop = await cached_shop_by_key(shop_key)
    if shop is None:
        raise Refused(Close.UNKNOWN_SHOP, "unknown shop key")
    if not origin_allowed(origin, shop.allowed_origins):
        raise Refused(Close.ORIGIN_REFUSED, "this page's origin is not allowed by the shop")
    hello = await receive_hello(ws, VisitorHello, runtime.settings.hello_timeout_seconds)
    context = VisitorContext(page_url=hello.page_url, user_agent=user_agent, locale=hello.locale)
    arrival = await _arrive(runtime, shop, hello, context, client_ip)
    connection = Connection(ws, role="visitor")
    session = VisitorSession(
        runtime, connection, shop, arrival.visitor.id, arrival.device.id, arrival.conversation.id
    )
    connection.start()
    try:
        await _join(session, hello, arrival)
        del hello, context, arrival  # an idle socket keeps only its session (memory per socket)
        await serve_frames(ws, connection, session, VISITOR_FRAMES, HANDLERS)
    finally:
        await runtime.finish(_leave(session))


async def _join(session: VisitorSession, hello: VisitorHello, arrival: Arrival) -> None:
    """Subscribe, say we are online, then send the welcome and what arrived meanwhile."""
    runtime, connection, shop, visitor_id = (
        session.runtime, session.connection, session.shop, session.visitor_id
    )  # fmt: skip
    connection.hold()
    await runtime.hub.join(connection, visitor_channel(visitor_id))
    await runtime.hub.join(connection, visitors_channel(shop.id))
    _shop_visitors, visitor_sockets, agents = await runtime.presence.update(
        [(shop_visitors_key(shop.id), 1), (visitor_key(visitor_id), 1), (agents_key(shop.id), 0)]
    )
    if visitor_sockets == 1:
        await _announce_visitor(runtime, shop, session.conversation_id, online=True)
    welcome = await _welcome(session, hello, arrival, agents_online=agents > 0)
    connection.send(welcome)
    last = welcome["messages"][-1]["seq"] if welcome["messages"] else hello.last_seq or 0
    connection.release(_after(last))


async def _leave(session: VisitorSession) -> None:
    runtime, shop = session.runtime, session.shop
    await runtime.hub.leave_all(session.connection)
    _shop_visitors, visitor_sockets = await runtime.presence.update(
        [(shop_visitors_key(shop.id), -1), (visitor_key(session.visitor_id), -1)]
    )
    if visitor_sockets == 0:
        await _announce_visitor(runtime, shop, session.conversation_id, online=False)
    await session.connection.stop()


async def _announce_visitor(
    runtime: Runtime, shop: Shop, conversation_id: int, *, online: bool
) -> None:
    frame = {"type": "visitor_presence", "conversation_id": conversation_id, "online": online}
    await fanout.to_agents(runtime, shop.id, frame)
