"""Agent login and logout (/api/v1/agent/…); the team and each agent's own account are agents.py."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi, validate

from ..realtime import revocation as revocation_fanout
from ..realtime.node import Runtime
from ..services import accounts, sessions
from ..services.errors import Unauthorized
from .auth import bearer_token
from .throttling import login_throttle, too_many_attempts

bp = Blueprint("agent", url_prefix="/agent")


class LoginBody(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1000)
    shop: str | None = Field(default=None, max_length=40)


@bp.post("/login")
@openapi.summary("Log an agent in; returns a bearer token")
@openapi.body({"application/json": LoginBody.model_json_schema()})
@validate(json=LoginBody)
async def login(request: Request, body: LoginBody, node: Runtime) -> HTTPResponse:
    throttle = login_throttle(request.app)
    ip = request.remote_addr or request.ip
    wait = await throttle.retry_after(email=body.email, ip=ip)
    if wait:
        return too_many_attempts(wait)
    try:
        token, agent = await sessions.login(
            email=body.email,
            password=body.password,
            shop_key=body.shop,
            ttl_seconds=node.settings.agent_token_ttl_seconds,
        )
    except Unauthorized:
        await throttle.failed(email=body.email, ip=ip)
        raise
    await throttle.succeeded(email=body.email)
    return json(
        {
            "token": token,
            "agent": accounts.agent_summary(agent),
            "shop": {"name": agent.shop.name, "key": agent.shop.key},
        }
    )


@bp.post("/logout")
@openapi.summary("Revoke the bearer token")
async def logout(request: Request, node: Runtime) -> HTTPResponse:
    revocation = await sessions.revoke_token(token=bearer_token(request))
    await revocation_fanout.publish(node, revocation)  # open sockets: 4401
    return json({"ok": True})
