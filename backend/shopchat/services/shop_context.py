"""setContext(): what the shopper is looking at, stored for the agents' context cards."""

from __future__ import annotations

from typing import Any

from ..models import Conversation, Visitor

CONTEXT_KEYS = ("product", "cart", "order")
VISITOR_FIELDS = {
    "page_url": ("last_page_url", 2000),
    "page_title": ("last_page_title", 500),
    "referrer": ("referrer", 2000),
    "timezone": ("timezone", 64),
}


async def set_context(
    *, conversation: Conversation, visitor: Visitor, updates: dict[str, Any]
) -> dict[str, Any]:
    """Replace the keys present in `updates` (None removes one); return the new context.

    product/cart/order go to Conversation.context; page_url, page_title, referrer and
    timezone to the visitor's columns (and the context, so the agents' card shows them)."""
    context = dict(conversation.context or {})
    for key, value in updates.items():
        if key in CONTEXT_KEYS or key in VISITOR_FIELDS:
            if value is None or value == {}:
                context.pop(key, None)
            else:
                context[key] = value
    if context != conversation.context:
        conversation.context = context
        await conversation.save(update_fields=["context"])
    changed = []
    for key, (column, limit) in VISITOR_FIELDS.items():
        value = updates.get(key)
        if isinstance(value, str) and value and getattr(visitor, column) != value[:limit]:
            setattr(visitor, column, value[:limit])
            changed.append(column)
    if changed:
        await visitor.save(update_fields=changed)
    return context
