"""Agent accounts as the owner manages them, and each agent's own settings and sessions."""

from __future__ import annotations

from dataclasses import dataclass

from ..auth import digest, hash_password_off_loop, verify_password_off_loop
from ..models import Agent, AgentSession, Role, Shop
from .agents import MIN_PASSWORD_LENGTH
from .errors import Conflict, InvalidInput, NotFound, ServiceError


class Forbidden(ServiceError):
    code = "forbidden"
    status = 403


@dataclass(frozen=True)
class Revocation:
    """Sessions that stopped working: their sockets must close too."""

    agent_id: int
    session_ids: list[int]


def require_owner(agent: Agent) -> None:
    if agent.role != Role.OWNER:
        raise Forbidden("only the shop's owner can do this")


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"password must be at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > 1000:
        raise InvalidInput("password must be at most 1000 characters")
    return password


def agent_details(agent: Agent) -> dict[str, object]:
    return {
        "id": agent.id,
        "name": agent.name,
        "email": agent.email,
        "role": str(agent.role),
        "is_active": agent.is_active,
        "created_at": agent.created_at.isoformat() if agent.created_at else None,
    }


def preferences(agent: Agent) -> dict[str, bool]:
    return {
        "sound": agent.notify_sound,
        "title": agent.notify_title,
        "desktop": agent.notify_desktop,
    }


async def list_agents(*, shop: Shop) -> list[Agent]:
    return await Agent.filter(shop=shop).order_by("-is_active", "name", "id")


async def get_agent(*, shop: Shop, agent_id: int) -> Agent:
    agent = await Agent.get_or_none(id=agent_id, shop=shop)
    if agent is None:
        raise NotFound("no such agent")
    return agent


async def _revoke(agent_id: int, query_ids: list[int]) -> Revocation:
    if query_ids:
        await AgentSession.filter(id__in=query_ids).delete()
    return Revocation(agent_id, query_ids)


async def revoke_all(*, agent: Agent, keep_session_id: int | None = None) -> Revocation:
    query = AgentSession.filter(agent_id=agent.id)
    if keep_session_id is not None:
        query = query.exclude(id=keep_session_id)
    ids = list(await query.values_list("id", flat=True))
    return await _revoke(agent.id, ids)


async def session_for_token(token: str) -> AgentSession | None:
    if not token or len(token) > 200:
        return None
    return await AgentSession.get_or_none(token_hash=digest(token))


async def revoke_token(*, token: str) -> Revocation | None:
    session = await session_for_token(token)
    if session is None:
        return None
    return await _revoke(session.agent_id, [session.id])


async def set_active(*, owner: Agent, agent_id: int, active: bool) -> tuple[Agent, Revocation]:
    agent = await get_agent(shop=owner.shop, agent_id=agent_id)
    if agent.id == owner.id and not active:
        raise Conflict("you cannot deactivate yourself")
    agent.is_active = active
    await agent.save(update_fields=["is_active"])
    revocation = await revoke_all(agent=agent) if not active else Revocation(agent.id, [])
    return agent, revocation


async def reset_password(*, owner: Agent, agent_id: int, password: str) -> Revocation:
    agent = await get_agent(shop=owner.shop, agent_id=agent_id)
    agent.password_hash = await hash_password_off_loop(check_password(password))
    await agent.save(update_fields=["password_hash"])
    return await revoke_all(agent=agent)


async def change_own_password(
    *, agent: Agent, token: str, current_password: str, new_password: str
) -> Revocation:
    """Change the caller's password; every other session of theirs stops working."""
    if not await verify_password_off_loop(current_password, agent.password_hash):
        raise Forbidden("the current password is wrong")
    agent.password_hash = await hash_password_off_loop(check_password(new_password))
    await agent.save(update_fields=["password_hash"])
    session = await session_for_token(token)
    return await revoke_all(agent=agent, keep_session_id=session.id if session else None)


async def update_preferences(
    *, agent: Agent, sound: bool | None, title: bool | None, desktop: bool | None
) -> Agent:
    changes = {
        "notify_sound": sound,
        "notify_title": title,
        "notify_desktop": desktop,
    }
    fields = [name for name, value in changes.items() if value is not None]
    for name in fields:
        setattr(agent, name, changes[name])
    if fields:
        await agent.save(update_fields=fields)
    return agent
