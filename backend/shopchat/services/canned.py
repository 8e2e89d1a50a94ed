"""Canned replies: a shop's saved answers, inserted in the console by typing /shortcut."""

from __future__ import annotations

import re

from tortoise.exceptions import IntegrityError

from ..models import CannedReply, Shop
from .errors import Conflict, InvalidInput, NotFound

_SHORTCUT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,49}$")
MAX_BODY = 2000


def canned_summary(reply: CannedReply) -> dict[str, object]:
    return {"id": reply.id, "shortcut": reply.shortcut, "body": reply.body}


def _clean(shortcut: str, body: str) -> tuple[str, str]:
    shortcut = shortcut.strip().lstrip("/").lower()
    if not _SHORTCUT.match(shortcut):
        raise InvalidInput(
            "shortcut must be 1-50 characters of a-z, 0-9, '-' or '_', "
            "starting with a letter or digit"
        )
    body = body.strip()
    if not body:
        raise InvalidInput("body must not be empty")
    if len(body) > MAX_BODY:
        raise InvalidInput(f"body is {len(body)} characters; the limit is {MAX_BODY}")
    return shortcut, body


async def list_canned(*, shop: Shop) -> list[CannedReply]:
    return await CannedReply.filter(shop=shop).order_by("shortcut")


async def get_canned(*, shop: Shop, canned_id: int) -> CannedReply:
    reply = await CannedReply.get_or_none(id=canned_id, shop=shop)
    if reply is None:
        raise NotFound("no such canned reply")
    return reply


async def create_canned(*, shop: Shop, shortcut: str, body: str) -> CannedReply:
    shortcut, body = _clean(shortcut, body)
    if await CannedReply.exists(shop=shop, shortcut=shortcut):
        raise Conflict(f"the shortcut /{shortcut} already exists")
    try:
        return await CannedReply.create(shop=shop, shortcut=shortcut, body=body)
    except IntegrityError:
        raise Conflict(f"the shortcut /{shortcut} already exists") from None


async def update_canned(*, shop: Shop, canned_id: int, shortcut: str, body: str) -> CannedReply:
    reply = await get_canned(shop=shop, canned_id=canned_id)
    shortcut, body = _clean(shortcut, body)
    if await CannedReply.filter(shop=shop, shortcut=shortcut).exclude(id=reply.id).exists():
        raise Conflict(f"the shortcut /{shortcut} already exists")
    reply.shortcut, reply.body = shortcut, body
    await reply.save(update_fields=["shortcut", "body"])
    return reply


async def delete_canned(*, shop: Shop, canned_id: int) -> None:
    reply = await get_canned(shop=shop, canned_id=canned_id)
    await reply.delete()
