"""Server push for the shop's own backend: GatewayWorker's sendToClient / sendToAll."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import validate

from ..realtime import fanout
from ..realtime.node import Runtime
from ..realtime.presence import shop_visitors_key, visitor_key
from ..services.errors import InvalidInput, NotFound, Unauthorized
from ..services.shops import get_shop_by_secret
from ..services.visitors import get_visitor
from .auth import bearer_token
from .schemas import PushAnswer, documented

bp = Blueprint("push", url_prefix="/push")


class PushBody(BaseModel):
    to: str = Field(min_length=1, max_length=100, description='"all" or "visitor:<visitor_id>"')
    event: dict[str, Any]


@bp.post("/")
@documented(
    "Deliver an event to one visitor's sockets or to every connected visitor (shop secret)",
    {200: PushAnswer},
    (400, 401, 404),
    body=PushBody,
)
@validate(json=PushBody)
async def push(request: Request, body: PushBody, node: Runtime) -> HTTPResponse:
    shop = await get_shop_by_secret(bearer_token(request))
    if shop is None:
        raise Unauthorized("invalid shop secret")
    frame = {"type": "event", "event": body.event}
    if body.to == "all":
        sockets = await node.presence.count(shop_visitors_key(shop.id))
        await fanout.to_shop_visitors(node, shop.id, frame)
    elif body.to.startswith("visitor:"):
        visitor = await get_visitor(shop=shop, public_id=body.to.removeprefix("visitor:"))
        if visitor is None:
            raise NotFound("no such visitor")
        sockets = await node.presence.count(visitor_key(visitor.id))
        await fanout.to_visitor(node, visitor.id, frame)
    else:
        raise InvalidInput('"to" must be "all" or "visitor:<visitor_id>"')
    return json({"sockets": sockets})
