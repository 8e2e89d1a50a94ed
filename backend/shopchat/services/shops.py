"""Shops: creation, lookup by public key, lookup by secret for the push API."""

from __future__ import annotations

import secrets

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


async def get_shop_by_secret(secret: str) -> Shop | None:
    shop = await Shop.get_or_none(secret_hash=digest(secret))
    if shop is None or not digest_matches(secret, shop.secret_hash):
        return None
    return shop
