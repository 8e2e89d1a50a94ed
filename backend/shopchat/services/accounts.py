"""Agent accounts: created, listed and managed by the shop's owner, and each agent's own
password and notification preferences. Their login sessions are services/sessions.py's."""

from __future__ import annotations

from ..auth import hash_password_off_loop, verify_password_off_loop
from ..models import Agent, EmailNotify, Role, Shop
from . import sessions
from .errors import Conflict, InvalidInput, NotFound, ServiceError
from .sessions import Revocation

MIN_PASSWORD_LENGTH = 8


class Forbidden(ServiceError):
    code = "forbidden"
    status = 403


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise InvalidInput(f"{email!r} is not an email address")
    return email


async def create_agent(
    *, shop: Shop, email: str, password: str, name: str | None = None, role: Role = Role.AGENT
) -> Agent:
    email = normalize_email(email)
    check_password(password)
    if await Agent.exists(shop=shop, email=email):
        raise Conflict(f"an agent with email {email} already exists in this shop")
    return await Agent.create(
        shop=shop,
        email=email,
        password_hash=await hash_password_off_loop(password),
        name=(name or email.split("@")[0]).strip(),
        role=role,
    )


def agent_summary(agent: Agent) -> dict[str, object]:
    """What the agent's own socket and login are told about it."""
    return {"id": agent.id, "name": agent.name, "role": str(agent.role)}


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


def preferences(agent: Agent) -> dict[str, object]:
    return {
        "sound": agent.notify_sound,
        "title": agent.notify_title,
        "desktop": agent.notify_desktop,
        # new_conversations | every_unanswered | off: which unread shopper messages mail me
        "email": str(agent.notify_email),
    }


async def list_agents(*, shop: Shop) -> list[Agent]:
    return await Agent.filter(shop=shop).order_by("-is_active", "name", "id")


async def get_agent(*, shop: Shop, agent_id: int) -> Agent:
    agent = await Agent.get_or_none(id=agent_id, shop=shop)
    if agent is None:
        raise NotFound("no such agent")
    return agent


async def set_active(*, owner: Agent, agent_id: int, active: bool) -> tuple[Agent, Revocation]:
    agent = await get_agent(shop=owner.shop, agent_id=agent_id)
    if agent.id == owner.id and not active:
        raise Conflict("you cannot deactivate yourself")
    agent.is_active = active
    await agent.save(update_fields=["is_active"])
    revocation = await sessions.revoke_all(agent=agent) if not active else Revocation(agent.id, [])
    return agent, revocation


async def reset_password(*, owner: Agent, agent_id: int, password: str) -> Revocation:
    agent = await get_agent(shop=owner.shop, agent_id=agent_id)
    agent.password_hash = await hash_password_off_loop(check_password(password))
    await agent.save(update_fields=["password_hash"])
    return await sessions.revoke_all(agent=agent)


async def change_own_password(
    *, agent: Agent, session_id: int, current_password: str, new_password: str
) -> Revocation:
    """Change the caller's password; every other session of theirs (all but session_id)
    stops working."""
    if not await verify_password_off_loop(current_password, agent.password_hash):
        raise Forbidden("the current password is wrong")
    agent.password_hash = await hash_password_off_loop(check_password(new_password))
    await agent.save(update_fields=["password_hash"])
    return await sessions.revoke_all(agent=agent, keep_session_id=session_id)


async def update_preferences(
    *,
    agent: Agent,
    sound: bool | None,
    title: bool | None,
    desktop: bool | None,
    email: str | None = None,
) -> Agent:
    changes: dict[str, object] = {
        "notify_sound": sound,
        "notify_title": title,
        "notify_desktop": desktop,
        "notify_email": EmailNotify(email) if email is not None else None,
    }
    fields = [name for name, value in changes.items() if value is not None]
    for name in fields:
        setattr(agent, name, changes[name])
    if fields:
        await agent.save(update_fields=fields)
    return agent
