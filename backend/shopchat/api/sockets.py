"""WebSocket routes: thin wrappers that turn a refusal into a 44xx close code."""

from __future__ import annotations

import contextlib
import logging
from urllib.parse import parse_qs

from sanic import Blueprint, Request
from websockets.exceptions import ConnectionClosed

from ..metrics import ERRORS
from ..realtime.agent import serve_agent
from ..realtime.close_codes import Close
from ..realtime.node import Runtime
from ..realtime.protocol import encode, rate_limited
from ..realtime.session import Refused, WebSocket
from ..realtime.visitor import serve_visitor
from .origin import client_ip, same_origin

bp = Blueprint("sockets", url_prefix="/ws")
log = logging.getLogger("shopchat.realtime")


async def _refuse(ws: WebSocket, refusal: Refused) -> None:
    log.info("socket refused", extra={"close_code": refusal.code, "reason": refusal.reason})
    ERRORS.labels(str(int(refusal.code))).inc()
    with contextlib.suppress(ConnectionClosed):
        if refusal.error is not None:
            await ws.send(encode(refusal.error.frame()))
        await ws.close(code=refusal.code, reason=refusal.reason)


def _shop_key(request: Request) -> str:
    # Not request.args: Sanic keeps that parse on the request, which lives as long as the
    # socket (0.6 KB of each idle shopper socket, measured with tracemalloc).
    return parse_qs(request.query_string).get("shop", [""])[0]


@bp.websocket("/visitor")
async def visitor_socket(request: Request, ws: WebSocket, node: Runtime) -> None:
    try:
        wait = node.sockets_per_ip.hit(client_ip(request))
        if wait:
            raise Refused(Close.RATE_LIMITED, "too many new sockets", rate_limited("sockets", wait))
        await serve_visitor(
            node,
            ws,
            shop_key=_shop_key(request),
            origin=request.headers.get("origin"),
            user_agent=request.headers.get("user-agent"),
            client_ip=client_ip(request),
        )
    except Refused as refusal:
        await _refuse(ws, refusal)
    except ConnectionClosed:
        pass


@bp.websocket("/agent")
async def agent_socket(request: Request, ws: WebSocket, node: Runtime) -> None:
    try:
        if not same_origin(request):
            raise Refused(Close.ORIGIN_REFUSED, "the console is served only from its own origin")
        await serve_agent(node, ws)
    except Refused as refusal:
        await _refuse(ws, refusal)
    except ConnectionClosed:
        pass
