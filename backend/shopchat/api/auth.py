"""Who is calling: an agent (Bearer token), a visitor (Visitor token) or a shop (secret)."""

from __future__ import annotations

from sanic import Request

from ..models import Agent, Shop, Visitor
from ..services import sessions
from ..services.errors import InsufficientScope, ServiceError, Unauthorized
from ..services.identity import canonical_visitor
from ..services.visitors import visitor_by_token


def _credentials(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if not scheme or not value or " " in value:
        return None
    return scheme.lower(), value


def bearer_token(request: Request) -> str:
    credentials = _credentials(request)
    if credentials is None or credentials[0] != "bearer":
        raise Unauthorized("send 'Authorization: Bearer <token>'")
    return credentials[1]


async def current_login(request: Request) -> sessions.Login:
    """The caller's live session, looked up once per request."""
    login: sessions.Login | None = getattr(request.ctx, "login", None)
    if login is None:
        login = await sessions.lookup(bearer_token(request))
        if login is None:
            raise Unauthorized("invalid or expired token: log in again")
        request.ctx.login = login
    return login


async def current_agent(request: Request) -> Agent:
    return (await current_login(request)).agent


class Caller:
    """An agent of a shop, or one visitor of it: what a conversation endpoint may serve."""

    def __init__(self, shop: Shop, agent: Agent | None = None, visitor: Visitor | None = None):
        self.shop = shop
        self.agent = agent
        self.visitor = visitor


# What a credential may do on the REST API (issue 16). An agent's token holds every scope.
MESSAGES_WRITE = "messages:write"
CONVERSATIONS_READ = "conversations:read"
CONVERSATIONS_WRITE = "conversations:write"
SCOPES = frozenset({MESSAGES_WRITE, CONVERSATIONS_READ, CONVERSATIONS_WRITE, "webhooks:manage"})


class Staff:
    """The shop's side of a REST call: an agent (Bearer token) today. An API key slots in
    here (its shop, no agent, its own scopes) without changing the handlers that take it."""

    def __init__(self, shop: Shop, agent: Agent | None, scopes: frozenset[str] = SCOPES):
        self.shop = shop
        self.agent = agent
        self.scopes = scopes

    def require(self, scope: str) -> None:
        if scope not in self.scopes:
            raise InsufficientScope(f"this credential lacks the scope {scope!r}")


async def current_staff(request: Request) -> Staff:
    agent = await current_agent(request)
    return Staff(agent.shop, agent)


async def current_caller(request: Request) -> Caller:
    credentials = _credentials(request)
    if credentials is None:
        raise Unauthorized("send 'Authorization: Bearer <agent token>' or 'Visitor <token>'")
    scheme, token = credentials
    if scheme == "bearer":
        agent = await current_agent(request)
        return Caller(agent.shop, agent=agent)
    if scheme == "visitor":
        visitor = await visitor_by_token(token)
        shop_key = request.args.get("shop")
        if visitor is None or (shop_key and visitor.shop.key != shop_key):
            raise Unauthorized("invalid visitor token")
        # a verified customer reads the same conversation from every device
        return Caller(visitor.shop, visitor=await canonical_visitor(visitor))
    raise Unauthorized(f"unsupported authorization scheme {scheme[:20]!r}")


__all__ = [
    "Caller",
    "ServiceError",
    "Staff",
    "bearer_token",
    "current_agent",
    "current_caller",
    "current_login",
    "current_staff",
]
