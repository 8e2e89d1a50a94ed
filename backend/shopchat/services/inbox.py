"""What the console needs beyond the list: assignment, search and the visitor side panel."""

from __future__ import annotations

import re
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from ..models import Agent, Conversation, Message, Shop, Visitor
from .conversations import (
    ConversationPage,
    get_conversation,
    keyset_page,
    last_messages_of_page,
)
from .errors import InvalidInput, NotFound

SEARCH_MIN_CHARS = 2
SEARCH_MAX_CHARS = 100
EARLIER_LIMIT = 20


async def assign(*, shop: Shop, conversation_id: int, agent_id: int | None) -> Conversation:
    """Assign to an active agent of the same shop, or unassign with None."""
    conversation = await get_conversation(shop=shop, conversation_id=conversation_id)
    if agent_id is not None:
        assignee = await Agent.get_or_none(id=agent_id, shop=shop)
        if assignee is None:
            raise NotFound("no such agent")
        if not assignee.is_active:
            raise InvalidInput("this agent is deactivated")
    await Conversation.filter(id=conversation.id, shop=shop).update(assignee_id=agent_id)
    return await get_conversation(shop=shop, conversation_id=conversation_id)


async def search(
    *, shop: Shop, text: str, status: str = "all", cursor: str | None = None, limit: int = 30
) -> tuple[ConversationPage, dict[int, Message]]:
    """Conversations whose messages, visitor name or email contain the text.

    Newest activity first, keyset-paginated with the list's cursor. Also returns, per
    conversation, the newest message that matched (for a snippet).
    """
    text = text.strip()
    if len(text) < SEARCH_MIN_CHARS:
        raise InvalidInput(f"search needs at least {SEARCH_MIN_CHARS} characters")
    text = text[:SEARCH_MAX_CHARS]
    matching = messages_matching(shop=shop, text=text).values("conversation_id")
    query = Conversation.filter(shop=shop, last_message_at__isnull=False).filter(
        Q(visitor__name__icontains=text)
        | Q(visitor__email__icontains=text)
        | Q(id__in=Subquery(matching))
    )
    if status != "all":
        query = query.filter(status=status)
    result = await keyset_page(query, cursor=cursor, limit=limit)
    page = result.conversations
    hits: dict[int, Message] = {}
    if page:
        found = (
            await messages_matching(shop=shop, text=text)
            .filter(conversation_id__in=[c.id for c in page])
            .order_by("-seq")
            .limit(500)
        )
        for message in found:
            hits.setdefault(message.conversation_id, message)
    return result, hits


def messages_matching(*, shop: Shop, text: str) -> QuerySet[Message]:
    """The shop's messages whose body contains the text (any case).

    A LIKE '%text%' can use no index, so what it has to read is what matters: joined to the
    shop's conversations first (the conversation (shop_id, ...) index, then message's
    (conversation_id, seq) one), it reads this shop's messages only, not every shop's.
    """
    return Message.filter(conversation__shop_id=shop.id, body__icontains=text)


_BROWSERS = (
    ("Edge", r"Edg(?:e|A|iOS)?/([\d]+)"),
    ("Opera", r"OPR/([\d]+)"),
    ("Samsung Internet", r"SamsungBrowser/([\d]+)"),
    ("Firefox", r"(?:Firefox|FxiOS)/([\d]+)"),
    ("Chrome", r"(?:Chrome|CriOS)/([\d]+)"),
    ("Safari", r"Version/([\d]+).*Safari/"),
)
_SYSTEMS = (
    ("iOS", r"(?:iPhone|iPad|iPod).*? OS ([\d_]+)"),
    ("Android", r"Android ([\d.]+)"),
    ("Windows", r"Windows NT ([\d.]+)"),
    ("macOS", r"Mac OS X ([\d_]+)"),
    ("ChromeOS", r"CrOS"),
    ("Linux", r"Linux"),
)
_WINDOWS = {"10.0": "10/11", "6.3": "8.1", "6.2": "8", "6.1": "7"}


def parse_user_agent(user_agent: str | None) -> tuple[str | None, str | None]:
    """("Chrome 131", "Windows 10/11") from a User-Agent; None for what is not recognised."""
    if not user_agent:
        return None, None
    browser = system = None
    for name, pattern in _BROWSERS:
        match = re.search(pattern, user_agent)
        if match:
            browser = f"{name} {match.group(1)}"
            break
    for name, pattern in _SYSTEMS:
        match = re.search(pattern, user_agent)
        if match:
            version = match.group(1) if match.groups() else None
            if name == "Windows" and version:
                version = _WINDOWS.get(version, version)
            elif version:
                version = ".".join(version.split("_")[:2])
            system = f"{name} {version}" if version else name
            break
    return browser, system


def _stamp(value: Any) -> str | None:
    return value.isoformat() if value else None


def visitor_details(visitor: Visitor, *, online: bool) -> dict[str, Any]:
    browser, system = parse_user_agent(visitor.user_agent)
    return {
        "id": visitor.public_id,
        "name": visitor.name,
        "email": visitor.email,
        "verified": visitor.verified,
        "online": online,
        "page_url": visitor.last_page_url,
        "page_title": visitor.last_page_title,
        "referrer": visitor.referrer,
        "user_agent": visitor.user_agent,
        "browser": browser,
        "os": system,
        "locale": visitor.locale,
        "timezone": visitor.timezone,
        "visits": visitor.visits,
        "first_seen": _stamp(visitor.first_seen),
        "last_seen": _stamp(visitor.last_seen),
    }


async def earlier_conversations(*, shop: Shop, conversation: Conversation) -> list[dict[str, Any]]:
    """The same shopper's other conversations: this visitor, or the same verified customer."""
    visitor: Visitor = conversation.visitor
    same = Q(visitor_id=visitor.id)
    if visitor.verified and visitor.external_id:
        others = Visitor.filter(shop=shop, external_id=visitor.external_id, verified=True)
        same = same | Q(visitor_id__in=Subquery(others.values("id")))
    rows = (
        await Conversation.filter(same, shop=shop, last_message_at__isnull=False)
        .exclude(id=conversation.id)
        .order_by("-last_message_at", "-id")
        .limit(EARLIER_LIMIT)
    )
    last = await last_messages_of_page(rows)
    result = []
    for row in rows:
        message = last.get(row.id)
        result.append(
            {
                "id": row.id,
                "status": str(row.status),
                "last_message_at": _stamp(row.last_message_at),
                "last_message": (
                    {
                        "author": str(message.author),
                        "body": message.body[:200],
                        "kind": str(message.kind),
                        "internal": message.internal,
                    }
                    if message
                    else None
                ),
            }
        )
    return result
