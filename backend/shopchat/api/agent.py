"""Agent login and logout."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi, validate

from ..runtime import Runtime
from ..services import agents
from .auth import bearer_token

bp = Blueprint("agent", url_prefix="/agent")


class LoginBody(BaseModel):
    email: str = Field(min_length=3, max_length=254)
    password: str = Field(min_length=1, max_length=1000)
    shop: str | None = Field(default=None, max_length=40)


@bp.post("/login")
@openapi.summary("Log an agent in; returns a bearer token")
@openapi.body({"application/json": LoginBody.model_json_schema()})
@validate(json=LoginBody)
async def login(request: Request, body: LoginBody) -> HTTPResponse:
    runtime: Runtime = request.app.ctx.runtime
    token, agent = await agents.login(
        email=body.email,
        password=body.password,
        shop_key=body.shop,
        ttl_seconds=runtime.settings.agent_token_ttl_seconds,
    )
    return json(
        {
            "token": token,
            "agent": agents.agent_summary(agent),
            "shop": {"name": agent.shop.name, "key": agent.shop.key},
        }
    )


@bp.post("/logout")
@openapi.summary("Revoke the bearer token")
async def logout(request: Request) -> HTTPResponse:
    await agents.logout(token=bearer_token(request))
    return json({"ok": True})
