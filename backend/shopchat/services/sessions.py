"""Agent sessions, owned here alone: a login issues a bearer token, a lookup finds the agent
behind it (one statement, every console request and agent socket), a revocation ends it.

Only the SHA-256 of a token is stored. Revoked sessions' open sockets close too: callers
publish the Revocation (realtime/revocation.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from ..auth import digest, hash_password, new_token, verify_password_off_loop
from ..db import rows, sql
from ..models import Agent, AgentSession, Shop
from .errors import InvalidInput, Unauthorized

MAX_TOKEN_CHARS = 200


@dataclass(frozen=True)
class Login:
    """A live session: its id (what a revocation names) and its agent, shop loaded."""

    session_id: int
    agent: Agent


@dataclass(frozen=True)
class Revocation:
    """Sessions that stopped working: their sockets must close too."""

    agent_id: int
    session_ids: list[int]


@cache
def _dummy_hash() -> str:
    """Verified when the email is unknown, so a login takes as long whether or not it
    exists. Made on first use: hashing at import cost every start 160 ms (python -X
    importtime)."""
    return hash_password("not a real password")


async def login(
    *, email: str, password: str, shop_key: str | None, ttl_seconds: int
) -> tuple[str, Agent]:
    """Check credentials and open a session; return the bearer token and the agent."""
    if "\x00" in email:  # PostgreSQL refuses NUL in text: no such agent, not a server error
        await verify_password_off_loop(password, _dummy_hash())  # same time as a wrong password
        raise Unauthorized("wrong email or password")
    query = Agent.filter(email=email.strip().lower(), is_active=True).select_related("shop")
    if shop_key:
        query = query.filter(shop__key=shop_key)
    candidates = await query
    if len(candidates) > 1:
        raise InvalidInput("this email belongs to agents of several shops: give the shop key")
    agent = candidates[0] if candidates else None
    password_hash = agent.password_hash if agent else _dummy_hash()
    if not await verify_password_off_loop(password, password_hash) or agent is None:
        raise Unauthorized("wrong email or password")
    token = new_token()
    await AgentSession.create(
        agent=agent,
        token_hash=digest(token),
        expires_at=datetime.now(UTC) + timedelta(seconds=ttl_seconds),
    )
    return token, agent


_SESSION: rows.Join = (("s", AgentSession), ("a", Agent), ("h", Shop))


async def lookup(token: str) -> Login | None:
    """The live session behind a bearer token, with its active agent and shop; None if the
    token is unknown, expired or its agent deactivated."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    found = await sql.select(
        f"SELECT {rows.columns(_SESSION)} FROM agent_session s JOIN agent a ON a.id = s.agent_id "
        "JOIN shop h ON h.id = a.shop_id WHERE s.token_hash = $1",
        [digest(token)],
    )  # every console request: one prepared join (the ORM's cost 10% of a history page)
    if not found:
        return None
    parts = rows.split(_SESSION, found[0])
    session, agent = rows.from_db(AgentSession, parts["s"]), rows.from_db(Agent, parts["a"])
    if session is None or agent is None or session.expires_at <= datetime.now(UTC):
        return None
    if not agent.is_active:
        return None
    agent.shop = rows.from_db(Shop, parts["h"])
    return Login(session.id, agent)


async def _revoke(agent_id: int, session_ids: list[int]) -> Revocation:
    if session_ids:
        await AgentSession.filter(id__in=session_ids).delete()
    return Revocation(agent_id, session_ids)


async def revoke_all(*, agent: Agent, keep_session_id: int | None = None) -> Revocation:
    """End every session of the agent (but the caller's own, when kept)."""
    query = AgentSession.filter(agent_id=agent.id)
    if keep_session_id is not None:
        query = query.exclude(id=keep_session_id)
    ids = list(await query.values_list("id", flat=True))
    return await _revoke(agent.id, ids)


async def revoke_token(*, token: str) -> Revocation | None:
    """Log out: end the token's session, expired or not; None if there was none."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        return None
    session = await AgentSession.get_or_none(token_hash=digest(token))
    if session is None:
        return None
    return await _revoke(session.agent_id, [session.id])
