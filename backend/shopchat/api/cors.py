"""CORS for what store pages fetch from us, decided per shop: never a reflected Origin."""

from __future__ import annotations

from sanic import Request
from sanic.response import HTTPResponse

from ..origins import origin_allowed
from ..services.shops import cached_shop_by_key

ALLOWED_HEADERS = "Authorization, Content-Type"
ALLOWED_METHODS = "GET, POST, OPTIONS"


async def shop_cors_headers(request: Request) -> dict[str, str]:
    """Headers that let the shop's own pages read the response; empty for anyone else."""
    origin = request.headers.get("origin")
    if not origin:
        return {"Vary": "Origin"}
    shop = await cached_shop_by_key(request.args.get("shop", ""))
    if shop is None or not origin_allowed(origin, shop.allowed_origins):
        return {"Vary": "Origin"}
    return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}


async def add_shop_cors(request: Request, response: HTTPResponse) -> None:
    response.headers.update(await shop_cors_headers(request))


async def preflight(request: Request) -> HTTPResponse:
    headers = await shop_cors_headers(request)
    if "Access-Control-Allow-Origin" in headers:
        headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
        headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        headers["Access-Control-Max-Age"] = "600"
    return HTTPResponse(status=204, headers=headers)
