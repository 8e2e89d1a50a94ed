"""Who is asking, as far as HTTP can tell: the client's address and the page's origin."""

from __future__ import annotations

from urllib.parse import urlsplit

from sanic import Request


def client_ip(request: Request) -> str:
    """The client's address; behind SHOPCHAT_PROXIES_COUNT proxies, the forwarded one."""
    return request.remote_addr or request.ip


def same_origin(request: Request) -> bool:
    """True for non-browser clients (no Origin) and for pages served by this backend itself.

    The console and the agent API are used only from the backend's own pages: a browser
    request from any other page is refused even with a valid token.
    """
    origin = request.headers.get("origin")
    if not origin:
        return True
    public = request.app.ctx.runtime.settings.public_origin
    return origin == public or urlsplit(origin).netloc == request.host


def foreign_agent_call(request: Request) -> bool:
    """A browser call to the API from another site that is not a shopper's own call.

    Shoppers' pages call only with `Authorization: Visitor …` (and CORS preflights); the
    agent API answers only the backend's own pages.
    """
    if not request.path.startswith("/api/") or request.path.startswith("/api/v1/ws/"):
        return False  # sockets check their own origins (the shop's, or ours for agents)
    if same_origin(request):
        return False
    if request.method == "OPTIONS":
        return False
    return not request.headers.get("authorization", "").lower().startswith("visitor ")
