"""Identity verification: the shop's backend signs its customer's id with the shop secret.

`hash = hex(HMAC-SHA256(key=shop secret, msg=customer id))`, as Intercom, Crisp and Chatwoot
do. The secret is stored twice: its SHA-256 (the push API's lookup) and Fernet-encrypted
with a key derived from SHOPCHAT_SECRET_KEY (the HMAC needs the secret itself).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..models import Shop

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
