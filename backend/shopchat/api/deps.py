"""What a handler may ask for by type (sanic-ext injection): `node: Runtime`, `agent: Agent`,
`login: Login` (the agent's session), `staff: Staff` (the shop's side: an agent today, an API
key later) or `caller: Caller`. One that cannot be authenticated answers 401 before the
handler runs."""

from __future__ import annotations

from sanic import Request, Sanic

from ..models import Agent
from ..realtime.node import Runtime
from ..services.sessions import Login
from .auth import Caller, Staff, current_agent, current_caller, current_login, current_staff


def current_node(request: Request) -> Runtime:
    node: Runtime = request.app.ctx.runtime
    return node


def register_dependencies(app: Sanic) -> None:
    app.ext.add_dependency(Runtime, current_node)
    app.ext.add_dependency(Login, current_login)
    app.ext.add_dependency(Agent, current_agent)
    app.ext.add_dependency(Caller, current_caller)
    app.ext.add_dependency(Staff, current_staff)
