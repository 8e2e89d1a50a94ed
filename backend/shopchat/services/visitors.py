"""Visitors: anonymous shoppers identified by an unguessable token."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from ..auth import digest, new_token
from ..models import Shop, Visitor


@dataclass(frozen=True)
class VisitorContext:
    """What the browser tells us about the shopper; every field may be missing."""

    page_url: str | None = None
    user_agent: str | None = None
    locale: str | None = None


def _clip(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else None


async def create_visitor(*, shop: Shop, context: VisitorContext) -> tuple[Visitor, str]:
    """Create a visitor; return it with its token (stored only as a digest)."""
    token = new_token()
    visitor = await Visitor.create(
        shop=shop,
        public_id="v_" + secrets.token_urlsafe(12),
        token_hash=digest(token),
        last_page_url=_clip(context.page_url, 2000),
        user_agent=_clip(context.user_agent, 500),
        locale=_clip(context.locale, 35),
    )
    return visitor, token


async def visitor_for_token(*, shop: Shop, token: str) -> Visitor | None:
    if not token or len(token) > 200:
        return None
    return await Visitor.get_or_none(shop=shop, token_hash=digest(token))


async def visitor_by_token(token: str) -> Visitor | None:
    """The visitor behind a token, with its shop loaded (tokens are unique across shops)."""
    if not token or len(token) > 200:
        return None
    return await Visitor.get_or_none(token_hash=digest(token)).select_related("shop")


async def get_visitor(*, shop: Shop, public_id: str) -> Visitor | None:
    return await Visitor.get_or_none(shop=shop, public_id=public_id)


async def record_visit(*, visitor: Visitor, context: VisitorContext) -> None:
    visitor.last_seen = datetime.now(UTC)
    update = ["last_seen"]
    for name, limit in (("page_url", 2000), ("user_agent", 500), ("locale", 35)):
        value = getattr(context, name)
        if value:
            column = "last_page_url" if name == "page_url" else name
            setattr(visitor, column, value[:limit])
            update.append(column)
    await visitor.save(update_fields=update)


def visitor_summary(visitor: Visitor, *, online: bool = False) -> dict[str, object]:
    return {
        "id": visitor.public_id,
        "name": visitor.name,
        "email": visitor.email,
        "online": online,
    }
