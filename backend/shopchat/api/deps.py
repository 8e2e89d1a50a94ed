"""What a handler may ask for by type (sanic-ext injection): `node: Runtime`, `agent: Agent`,
`login: Login` (the agent's session) or `caller: Caller`. An agent or caller that cannot be
authenticated answers 401 before the handler runs."""

from __future__ import annotations

from sanic import Request, Sanic

from ..models import Agent
from ..realtime.node import Runtime
from ..services.sessions import Login
from .auth import Caller, current_agent, current_caller, current_login


def current_node(request: Request) -> Runtime:
    node: Runtime = request.app.ctx.runtime
    return node


def register_dependencies(app: Sanic) -> None:
    app.ext.add_dependency(Runtime, current_node)
    app.ext.add_dependency(Login, current_login)
    app.ext.add_dependency(Agent, current_agent)
    app.ext.add_dependency(Caller, current_caller)
