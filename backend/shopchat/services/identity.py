"""Identity verification: the shop's backend signs its customer's id with the shop secret.

`hash = hex(HMAC-SHA256(key=shop secret, msg=customer id))`, as Intercom, Crisp and Chatwoot
do. The secret is stored twice: its SHA-256 (the push API's lookup) and Fernet-encrypted
with a key derived from SHOPCHAT_SECRET_KEY (the HMAC needs the secret itself).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..auth import digest
from ..auth import new_token as new_token_value
from ..models import Conversation, Shop, Visitor
from .errors import InvalidInput, ServiceError

MAX_CUSTOMER_ID = 200


@lru_cache(maxsize=8)
def _fernet(secret_key: str) -> Fernet:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"shopchat shop secret v1"
    ).derive(secret_key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt_secret(secret: str, secret_key: str) -> str:
    return _fernet(secret_key).encrypt(secret.encode()).decode()


def decrypt_secret(encrypted: str, secret_key: str) -> str | None:
    """The shop secret, or None when it was stored without (or under another) server key."""
    if not encrypted:
        return None
    try:
        return _fernet(secret_key).decrypt(encrypted.encode()).decode()
    except (InvalidToken, ValueError):
        return None


def identity_hash(secret: str, customer_id: str) -> str:
    """What the shop's backend computes: hex HMAC-SHA256 of the customer id."""
    return hmac.new(secret.encode(), customer_id.encode(), hashlib.sha256).hexdigest()


def verify_identity(*, shop: Shop, secret_key: str, customer_id: str, signature: str) -> bool:
    """True when `signature` is the shop's HMAC of `customer_id` (constant-time compare)."""
    if not customer_id or len(customer_id) > MAX_CUSTOMER_ID or len(signature) != 64:
        return False
    secret = decrypt_secret(shop.secret_encrypted, secret_key)
    if secret is None:
        return False
    return hmac.compare_digest(identity_hash(secret, customer_id), signature.lower())


async def canonical_visitor(visitor: Visitor) -> Visitor:
    """The visitor whose conversations a verified customer sees on every device.

    Each device keeps its own visitor row and token; all rows verified for the same customer
    id resolve to the first one, which owns the conversations."""
    if not (visitor.verified and visitor.external_id):
        return visitor
    same = Visitor.filter(shop_id=visitor.shop_id, external_id=visitor.external_id, verified=True)
    first = await same.order_by("id").first()
    return first if first is not None else visitor


@dataclass(frozen=True)
class Identified:
    visitor: Visitor  # the canonical visitor after the call
    verified: bool
    relinked: bool  # the device now belongs to another visitor: it must reconnect
    new_token: str | None = None  # set when the device got a new visitor row


def _clean_email(email: str | None) -> str | None:
    if email is None:
        return None
    email = email.strip()
    if not email:
        return None
    local, at, domain = email.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in email):
        raise InvalidInput(f"{email[:80]!r} is not an email address")
    return email[:254]


def _clean_name(name: str | None) -> str | None:
    name = (name or "").strip()
    return name[:200] or None


async def identify(
    *,
    shop: Shop,
    device: Visitor,
    secret_key: str,
    customer_id: str | None,
    signature: str | None,
    name: str | None,
    email: str | None,
) -> Identified:
    """Apply identify(): a valid signature verifies and links; without one only name/email.

    `device` is the visitor row of the token this socket used. Raises InvalidIdentity for a
    signature that does not match (nothing is changed then)."""
    email = _clean_email(email)
    name = _clean_name(name)
    if signature is None:
        target = await canonical_visitor(device)
        await _set_names(target, name, email)
        return Identified(target, verified=target.verified, relinked=False)
    if not customer_id or not verify_identity(
        shop=shop, secret_key=secret_key, customer_id=customer_id, signature=signature
    ):
        raise InvalidIdentity("the identity hash does not match this customer id")
    if device.verified and device.external_id == customer_id:
        target = await canonical_visitor(device)
        await _set_names(target, name, email)
        return Identified(target, verified=True, relinked=False)
    new_token = None
    before = await canonical_visitor(device)
    if device.verified:
        # another customer logs in on this browser: a fresh visitor row, never the old thread
        token = new_token = new_token_value()
        device = await Visitor.create(
            shop=shop,
            public_id="v_" + secrets.token_urlsafe(12),
            token_hash=digest(token),
            user_agent=device.user_agent,
            locale=device.locale,
        )
    device.external_id = customer_id
    device.verified = True
    await device.save(update_fields=["external_id", "verified"])
    target = await canonical_visitor(device)
    if target.id != device.id and new_token is None:
        await _merge_conversations(source=device, target=target)
    await _set_names(target, name, email)
    relinked = new_token is not None or target.id != before.id
    return Identified(target, verified=True, relinked=relinked, new_token=new_token)


async def _merge_conversations(*, source: Visitor, target: Visitor) -> None:
    """The device's anonymous thread: dropped when empty, else handed to the customer."""
    await Conversation.filter(visitor_id=source.id, last_seq=0).delete()
    await Conversation.filter(visitor_id=source.id).update(visitor_id=target.id)


async def _set_names(visitor: Visitor, name: str | None, email: str | None) -> None:
    update = []
    if name and name != visitor.name:
        visitor.name = name
        update.append("name")
    if email and email != visitor.email:
        visitor.email = email
        update.append("email")
    if update:
        await visitor.save(update_fields=update)


class InvalidIdentity(ServiceError):
    code = "invalid_identity"
    status = 401
