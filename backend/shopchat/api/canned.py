"""Canned replies: every agent reads them; the owner creates, edits and deletes them."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi, validate

from ..models import Agent
from ..services import accounts, canned

bp = Blueprint("canned", url_prefix="/canned")


class CannedBody(BaseModel):
    shortcut: str = Field(min_length=1, max_length=51)
    body: str = Field(min_length=1, max_length=canned.MAX_BODY)


@bp.get("/")
@openapi.summary("The shop's canned replies, by shortcut")
async def list_canned(request: Request, agent: Agent) -> HTTPResponse:
    rows = await canned.list_canned(shop=agent.shop)
    return json({"canned_replies": [canned.canned_summary(r) for r in rows]})


@bp.post("/")
@openapi.summary("Create a canned reply — owner only")
@openapi.body({"application/json": CannedBody.model_json_schema()})
@validate(json=CannedBody)
async def create(request: Request, body: CannedBody, owner: Agent) -> HTTPResponse:
    accounts.require_owner(owner)
    reply = await canned.create_canned(shop=owner.shop, shortcut=body.shortcut, body=body.body)
    return json({"canned_reply": canned.canned_summary(reply)}, status=201)


@bp.put("/<canned_id:int>")
@openapi.summary("Change a canned reply — owner only")
@openapi.body({"application/json": CannedBody.model_json_schema()})
@validate(json=CannedBody)
async def update(request: Request, canned_id: int, body: CannedBody, owner: Agent) -> HTTPResponse:
    accounts.require_owner(owner)
    reply = await canned.update_canned(
        shop=owner.shop, canned_id=canned_id, shortcut=body.shortcut, body=body.body
    )
    return json({"canned_reply": canned.canned_summary(reply)})


@bp.delete("/<canned_id:int>")
@openapi.summary("Delete a canned reply — owner only")
async def delete(request: Request, canned_id: int, owner: Agent) -> HTTPResponse:
    accounts.require_owner(owner)
    await canned.delete_canned(shop=owner.shop, canned_id=canned_id)
    return json({"ok": True})
