"""Every broker channel name, in one place. A socket joins the channels it listens to."""

from __future__ import annotations


def agents_channel(shop_id: int) -> str:
    """Every agent socket of a shop: messages, inbox updates, visitor presence."""
    return f"shop:{shop_id}:agents"


def visitors_channel(shop_id: int) -> str:
    """Every shopper socket of a shop: agents' presence, server pushes to all."""
    return f"shop:{shop_id}:visitors"


def visitor_channel(visitor_id: int) -> str:
    """One shopper's sockets (all tabs and, once verified, all devices)."""
    return f"visitor:{visitor_id}"


def agent_channel(agent_id: int) -> str:
    """One agent's sockets: session revocations close them."""
    return f"agent:{agent_id}"
