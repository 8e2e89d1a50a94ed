"""Shops: creation, lookup by public key, lookup by secret for the push API."""

from __future__ import annotations

import secrets
import time

from ..auth import digest, digest_matches
from ..models import Shop
from ..origins import normalize_rule
from .errors import InvalidInput
from .identity import encrypt_secret


def new_shop_key() -> str:
    return "shp_" + secrets.token_urlsafe(12)


async def create_shop(
    *, name: str, origins: list[str], greeting: str = "", secret_key: str | None = None
) -> tuple[Shop, str]:
    """Create a shop; return it with its secret, which is shown once and stored hashed.

    With `secret_key` (SHOPCHAT_SECRET_KEY) the secret is also stored encrypted, which
    identity verification needs (services/identity.py)."""
    name = name.strip()
    if not name:
        raise InvalidInput("shop name must not be empty")
    if not origins:
        raise InvalidInput("a shop needs at least one allowed origin")
    rules = [normalize_rule(origin) for origin in origins]
    secret = secrets.token_urlsafe(32)  # 256 bits
    shop = await Shop.create(
        key=new_shop_key(),
        secret_hash=digest(secret),
        name=name,
        allowed_origins=rules,
        greeting=greeting,
        secret_encrypted=encrypt_secret(secret, secret_key) if secret_key else "",
    )
    return shop, secret


async def get_shop_by_key(key: str) -> Shop | None:
    if not key or len(key) > 40:
        return None
    return await Shop.get_or_none(key=key)


# Every new socket and widget request looks its shop up by key (py-spy: over half of a new
# visitor's CPU was that query). Settings saved on this process apply at once; saved on
# another node, within SHOP_CACHE_SECONDS.
SHOP_CACHE_SECONDS = 5.0
_shops_by_key: dict[str, tuple[float, Shop]] = {}


async def cached_shop_by_key(key: str) -> Shop | None:
    """The shop for a widget's key, read-only (never save the object this returns)."""
    now = time.monotonic()
    hit = _shops_by_key.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    shop = await get_shop_by_key(key)
    if shop is None:
        _shops_by_key.pop(key, None)
        return None
    if len(_shops_by_key) > 10_000:  # bounded: forget everything rather than track age
        _shops_by_key.clear()
    _shops_by_key[key] = (now + SHOP_CACHE_SECONDS, shop)
    return shop


def forget_cached_shop(key: str) -> None:
    _shops_by_key.pop(key, None)


async def get_shop_by_secret(secret: str) -> Shop | None:
    shop = await Shop.get_or_none(secret_hash=digest(secret))
    if shop is None or not digest_matches(secret, shop.secret_hash):
        return None
    return shop
