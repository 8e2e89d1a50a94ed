"""What each event publishes, and to whom. Every publication goes through the broker."""

from __future__ import annotations

from typing import Any

from ..metrics import messages_stored
from ..models import Conversation, Message, Shop
from ..services.conversations import conversation_summary, get_conversation, last_message_of
from ..services.messages import Stored, message_summary
from .channels import agents_channel, visitor_channel, visitors_channel
from .connection import Connection
from .node import Runtime
from .presence import visitor_key


async def message_stored(
    runtime: Runtime, shop: Shop, stored: Stored, *, sender: Connection | None
) -> None:
    """A new message: to the other sockets of the conversation, then the inbox update."""
    message, conversation = stored.message, stored.conversation
    assert conversation is not None  # a stored (not resent) message comes with it
    messages_stored(str(message.author)).inc()
    frame = {"type": "message", "message": message_summary(message)}
    await to_agents(runtime, shop.id, frame, skip=sender)
    if not message.internal:
        await to_visitor(runtime, conversation.visitor_id, frame, skip=sender)
    await conversation_changed(
        runtime, shop, conversation.id, last_message=message, conversation=conversation
    )


async def conversation_summary_for(
    runtime: Runtime,
    shop: Shop,
    conversation_id: int,
    *,
    last_message: Message | None = None,
    conversation: Conversation | None = None,  # already read with its visitor and assignee
) -> dict[str, Any]:
    if conversation is None:
        conversation = await get_conversation(shop=shop, conversation_id=conversation_id)
    if last_message is None:
        last_message = await last_message_of(conversation)
    online = await runtime.presence.count(visitor_key(conversation.visitor_id)) > 0
    return conversation_summary(conversation, visitor_online=online, last_message=last_message)


async def conversation_changed(
    runtime: Runtime,
    shop: Shop,
    conversation_id: int,
    *,
    last_message: Message | None = None,
    conversation: Conversation | None = None,
) -> dict[str, Any]:
    """Tell the shop's agents the conversation's new state (list order, unread, status);
    return that summary."""
    summary = await conversation_summary_for(
        runtime, shop, conversation_id, last_message=last_message, conversation=conversation
    )
    await to_agents(runtime, shop.id, {"type": "conversation", "conversation": summary})
    return summary


async def to_agents(
    runtime: Runtime, shop_id: int, frame: dict[str, Any], *, skip: Connection | None = None
) -> None:
    await runtime.hub.publish(agents_channel(shop_id), frame, skip=skip)


async def to_visitor(
    runtime: Runtime, visitor_id: int, frame: dict[str, Any], *, skip: Connection | None = None
) -> None:
    await runtime.hub.publish(visitor_channel(visitor_id), frame, skip=skip)


async def to_shop_visitors(runtime: Runtime, shop_id: int, frame: dict[str, Any]) -> None:
    await runtime.hub.publish(visitors_channel(shop_id), frame)
