"""Agents and their login sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache

from ..auth import (
    digest,
    hash_password,
    hash_password_off_loop,
    new_token,
    verify_password_off_loop,
)
from ..models import Agent, AgentSession, Role, Shop
from . import rows
from .errors import Conflict, InvalidInput, Unauthorized

MIN_PASSWORD_LENGTH = 8


@cache
def _dummy_hash() -> str:
    """Verified when the email is unknown, so a login takes as long whether or not it
    exists. Made on first use: hashing at import cost every start 160 ms (python -X
    importtime)."""
    return hash_password("not a real password")


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise InvalidInput(f"{email!r} is not an email address")
    return email


async def create_agent(
    *, shop: Shop, email: str, password: str, name: str | None = None, role: Role = Role.AGENT
) -> Agent:
    email = normalize_email(email)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if await Agent.exists(shop=shop, email=email):
        raise Conflict(f"an agent with email {email} already exists in this shop")
    return await Agent.create(
        shop=shop,
        email=email,
        password_hash=await hash_password_off_loop(password),
        name=(name or email.split("@")[0]).strip(),
        role=role,
    )


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


async def agent_for_token(token: str) -> Agent | None:
    """The active agent behind a bearer token, with its shop loaded; None if invalid."""
    if not token or len(token) > 200:
        return None
    found = await rows.select(
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
    agent.shop = rows.from_db(Shop, parts["h"])
    return agent if agent.is_active else None


_SESSION: rows.Join = (("s", AgentSession), ("a", Agent), ("h", Shop))


async def logout(*, token: str) -> None:
    await AgentSession.filter(token_hash=digest(token)).delete()


def agent_summary(agent: Agent) -> dict[str, object]:
    return {"id": agent.id, "name": agent.name, "role": str(agent.role)}
