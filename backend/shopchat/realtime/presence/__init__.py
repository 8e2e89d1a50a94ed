"""Who is online: one Presence interface, the backend chosen by URL scheme like the broker's."""

from __future__ import annotations

from urllib.parse import urlsplit

from .base import Presence, agents_key, shop_visitors_key, visitor_key


def create_presence(url: str, *, prefix: str = "", node_ttl: int = 15) -> Presence:
    """`memory://` counts this process's sockets; `redis://` every process's, with expiry."""
    scheme = urlsplit(url).scheme
    if scheme == "memory":
        from .memory import MemoryPresence

        return MemoryPresence()
    if scheme in ("redis", "rediss"):
        from .redis import RedisPresence

        return RedisPresence(url, prefix, node_ttl)
    raise ValueError(f"no presence for URL scheme {scheme!r}")


__all__ = ["Presence", "agents_key", "create_presence", "shop_visitors_key", "visitor_key"]
