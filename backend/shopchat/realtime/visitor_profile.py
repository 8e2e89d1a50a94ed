"""What a shopper tells about themselves: the widget's setContext() and identify() frames."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..services import conversations
from ..services.errors import ServiceError
from ..services.identity import identify
from ..services.shop_context import set_context
from ..services.visitors import visitor_by_id
from . import fanout
from .channels import visitor_channel
from .protocol import ProtocolError, VisitorIdentify, VisitorSetContext

if TYPE_CHECKING:
    from .visitor import VisitorSession


async def on_context(session: VisitorSession, frame: VisitorSetContext) -> None:
    conversation = await conversations.get_conversation(
        shop=session.shop, conversation_id=session.conversation_id
    )
    updates = {
        key: (value.model_dump(exclude_none=True) if hasattr(value, "model_dump") else value)
        for key, value in ((k, getattr(frame.context, k)) for k in frame.context.model_fields_set)
    }
    device = await visitor_by_id(shop=session.shop, visitor_id=session.device_id)
    await set_context(conversation=conversation, visitor=device, updates=updates)
    # agents get the new context in the conversation frame (conversation.context)
    await fanout.conversation_changed(session.runtime, session.shop, conversation.id)


async def on_identify(session: VisitorSession, frame: VisitorIdentify) -> None:
    device = await visitor_by_id(shop=session.shop, visitor_id=session.device_id)
    try:
        result = await identify(
            shop=session.shop,
            device=device,
            secret_key=session.runtime.settings.secret_key,
            customer_id=frame.id,
            signature=frame.hash,
            name=frame.name,
            email=frame.email,
        )
    except ServiceError as error:
        code = error.code if error.code == "invalid_identity" else "invalid_field"
        raise ProtocolError(code, error.message) from None
    reply: dict[str, Any] = {
        "type": "identity",
        "verified": result.verified,
        "visitor_id": result.visitor.public_id,
        "reconnect": result.relinked,
    }
    if result.new_token:
        reply["visitor_token"] = result.new_token
    session.connection.send(reply)
    if result.relinked and not result.new_token:
        # the device's other tabs follow it into the customer's conversation
        await session.runtime.hub.publish(
            visitor_channel(session.visitor_id),
            {k: v for k, v in reply.items() if k != "visitor_token"},
            skip=session.connection,
        )
    if not result.relinked:
        await fanout.conversation_changed(session.runtime, session.shop, session.conversation_id)
