"""Secrets: random tokens, their SHA-256 digests, argon2 passwords, identity HMAC."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()


def new_token(nbytes: int = 32) -> str:
    """An unguessable token (256 bits by default), URL-safe."""
    return secrets.token_urlsafe(nbytes)


def digest(token: str) -> str:
    """What we store instead of a token: its SHA-256, hex."""
    return hashlib.sha256(token.encode()).hexdigest()


def digest_matches(token: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(token), stored_digest)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def verify_password_off_loop(password: str, password_hash: str) -> bool:
    """argon2 takes tens of milliseconds of CPU: keep it off the event loop."""
    return await asyncio.to_thread(verify_password, password, password_hash)


async def hash_password_off_loop(password: str) -> str:
    return await asyncio.to_thread(hash_password, password)
