"""The shop's team (owner manages it) and each agent's own account: /agents and /me."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi, validate

from ..models import Agent, Role
from ..realtime import revocation as revocation_fanout
from ..realtime.node import Runtime
from ..services import accounts
from ..services.accounts import create_agent
from ..services.sessions import Login
from ..services.uploads import MAX_UPLOAD_BYTES

team = Blueprint("agents", url_prefix="/agents")
me = Blueprint("me", url_prefix="/me")


class NewAgentBody(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    name: str | None = Field(default=None, max_length=200)
    password: str = Field(min_length=1, max_length=1000)
    role: Literal["owner", "agent"] = "agent"


class PasswordBody(BaseModel):
    password: str = Field(min_length=1, max_length=1000)


class OwnPasswordBody(BaseModel):
    current_password: str = Field(min_length=1, max_length=1000)
    new_password: str = Field(min_length=1, max_length=1000)


class PreferencesBody(BaseModel):
    sound: bool | None = None
    title: bool | None = None
    desktop: bool | None = None
    email: Literal["new_conversations", "every_unanswered", "off"] | None = None


@team.get("/")
@openapi.summary("The shop's agents (every agent may list them, e.g. to assign)")
async def list_agents(request: Request, agent: Agent) -> HTTPResponse:
    rows = await accounts.list_agents(shop=agent.shop)
    return json({"agents": [accounts.agent_details(a) for a in rows]})


@team.post("/")
@openapi.summary("Create (invite) an agent with a first password — owner only")
@openapi.body({"application/json": NewAgentBody.model_json_schema()})
@validate(json=NewAgentBody)
async def create(request: Request, body: NewAgentBody, owner: Agent) -> HTTPResponse:
    accounts.require_owner(owner)
    agent = await create_agent(
        shop=owner.shop,
        email=body.email,
        password=accounts.check_password(body.password),
        name=body.name,
        role=Role(body.role),
    )
    return json({"agent": accounts.agent_details(agent)}, status=201)


async def _set_active(node: Runtime, owner: Agent, agent_id: int, active: bool) -> HTTPResponse:
    accounts.require_owner(owner)
    agent, revocation = await accounts.set_active(owner=owner, agent_id=agent_id, active=active)
    await revocation_fanout.publish(node, revocation)
    return json({"agent": accounts.agent_details(agent)})


@team.post("/<agent_id:int>/deactivate")
@openapi.summary("Deactivate an agent: its sessions and open sockets end — owner only")
async def deactivate(_request: Request, agent_id: int, node: Runtime, owner: Agent) -> HTTPResponse:
    return await _set_active(node, owner, agent_id, False)


@team.post("/<agent_id:int>/reactivate")
@openapi.summary("Let a deactivated agent log in again — owner only")
async def reactivate(_request: Request, agent_id: int, node: Runtime, owner: Agent) -> HTTPResponse:
    return await _set_active(node, owner, agent_id, True)


@team.post("/<agent_id:int>/password")
@openapi.summary("Set a new password for an agent; its sessions end — owner only")
@openapi.body({"application/json": PasswordBody.model_json_schema()})
@validate(json=PasswordBody)
async def reset_password(
    _request: Request, agent_id: int, body: PasswordBody, node: Runtime, owner: Agent
) -> HTTPResponse:
    accounts.require_owner(owner)
    revocation = await accounts.reset_password(
        owner=owner, agent_id=agent_id, password=body.password
    )
    await revocation_fanout.publish(node, revocation)
    return json({"ok": True})


@me.get("/")
@openapi.summary("The calling agent, its notification preferences and the server's limits")
async def whoami(request: Request, agent: Agent, node: Runtime) -> HTTPResponse:
    settings = node.settings
    return json(
        {
            "agent": accounts.agent_details(agent),
            "shop": {"name": agent.shop.name, "key": agent.shop.key},
            "preferences": accounts.preferences(agent),
            # What the console checks before sending, so that it never disagrees with the server.
            "limits": {
                "max_body_chars": settings.max_body_chars,
                "max_upload_bytes": MAX_UPLOAD_BYTES,
            },
        }
    )


@me.get("/preferences")
@openapi.summary("The calling agent's notification preferences")
async def get_preferences(request: Request, agent: Agent) -> HTTPResponse:
    return json({"preferences": accounts.preferences(agent)})


@me.put("/preferences")
@openapi.summary("Set the calling agent's notifications (sound, title, desktop, email)")
@openapi.body({"application/json": PreferencesBody.model_json_schema()})
@validate(json=PreferencesBody)
async def put_preferences(request: Request, body: PreferencesBody, agent: Agent) -> HTTPResponse:
    agent = await accounts.update_preferences(
        agent=agent, sound=body.sound, title=body.title, desktop=body.desktop, email=body.email
    )
    return json({"preferences": accounts.preferences(agent)})


@me.post("/password")
@openapi.summary("Change your own password; your other sessions end")
@openapi.body({"application/json": OwnPasswordBody.model_json_schema()})
@validate(json=OwnPasswordBody)
async def change_password(
    _request: Request, body: OwnPasswordBody, node: Runtime, login: Login
) -> HTTPResponse:
    revocation = await accounts.change_own_password(
        agent=login.agent,
        session_id=login.session_id,
        current_password=body.current_password,
        new_password=body.new_password,
    )
    await revocation_fanout.publish(node, revocation)
    return json({"ok": True, "revoked_sessions": len(revocation.session_ids)})
