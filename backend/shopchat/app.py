"""The app factory: blueprints, listeners, and the runtime kept on app.ctx."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from sanic import Blueprint, Request, Sanic
from sanic.response import HTTPResponse, redirect

from . import db
from .api import (
    assets,
    conversations,
    health,
    login,
    messaging,
    push,
    sockets,
    uploads,
    widget_resources,
)
from .api.console_api import console_api_blueprints
from .api.deps import register_dependencies
from .api.errors import error_response, register_error_handlers
from .api.origin import foreign_agent_call
from .api.schemas import BEARER
from .config import Settings
from .logs import logging_config
from .mail.runner import MailRunner
from .models import Shop
from .realtime import sanic_compat
from .realtime.close_codes import Close
from .realtime.node import Runtime
from .realtime.presence import agents_key
from .services.business_hours import opening_now

MAX_ID = 2**31 - 1


def create_app(settings: Settings, name: str = "shopchat") -> Sanic:
    sanic_compat.install()
    app = Sanic(name, log_config=logging_config(settings.log_level.upper()))
    _configure(app, settings)
    register_dependencies(app)
    app.ext.openapi.add_security_scheme(
        BEARER, "http", scheme="bearer", description="an agent's token from /api/v1/agent/login"
    )
    api = Blueprint.group(
        login.bp,
        conversations.bp,
        messaging.bp,
        push.bp,
        sockets.bp,
        uploads.bp,
        *console_api_blueprints(),
        url_prefix="/api/v1",
    )
    app.blueprint(api)
    app.blueprint(health.bp)
    app.blueprint(widget_resources.resources)
    app.blueprint(assets.widget)
    app.blueprint(assets.console)
    register_error_handlers(app)

    @app.get("/")
    async def index(_request: Request) -> HTTPResponse:
        return redirect("/console/")

    @app.get("/console", strict_slashes=True)
    async def console_without_slash(_request: Request) -> HTTPResponse:
        return redirect("/console/")

    @app.on_request
    async def ids_fit_the_database(request: Request) -> HTTPResponse | None:
        # Ids are 32-bit in the database; a larger one cannot exist (and would overflow).
        for value in request.match_info.values():
            if isinstance(value, int) and not 0 < value <= MAX_ID:
                return error_response(404, "not_found", "no such resource")
        return None

    @app.on_request
    async def agent_api_only_from_our_pages(request: Request) -> HTTPResponse | None:
        if foreign_agent_call(request):
            return error_response(
                403, "forbidden", "the agent API answers only pages of this backend's origin"
            )
        return None

    @app.on_response
    async def security_headers(_request: Request, response: HTTPResponse) -> None:
        response.headers.setdefault("X-Content-Type-Options", "nosniff")

    @app.before_server_start
    async def start(app: Sanic) -> None:
        runtime = Runtime.build(settings)
        await db.open_database(settings)
        await runtime.start()
        app.ctx.runtime = runtime
        app.ctx.mail = None
        if settings.email_enabled:  # off the message path: its own tasks in this process
            app.ctx.mail = MailRunner(settings, is_away=partial(shop_away, runtime))
            app.ctx.mail.start()

    @app.before_server_stop
    async def drain(app: Sanic) -> None:
        # Tell every client to reconnect (to another node, or to this one after a restart).
        await app.ctx.runtime.hub.close_all(Close.SERVICE_RESTART, "server restarting")

    @app.after_server_stop
    async def stop(app: Sanic) -> None:
        if app.ctx.mail is not None:
            await app.ctx.mail.stop()
        await app.ctx.runtime.stop()
        await db.close_database()

    return app


async def shop_away(runtime: Runtime, shop: Shop) -> bool:
    """No agent socket anywhere, or outside business hours: staff mail goes at once."""
    if not opening_now(shop.business_hours, datetime.now(UTC)).open:
        return True
    return await runtime.presence.count(agents_key(shop.id)) == 0


def _configure(app: Sanic, settings: Settings) -> None:
    app.config.WEBSOCKET_MAX_SIZE = settings.max_frame_bytes
    app.config.REQUEST_MAX_SIZE = 1024 * 1024
    app.config.PROXIES_COUNT = settings.proxies_count
    app.config.CORS = False  # CORS is decided per shop by api/cors.py, never reflected
    app.config.OAS_URL_PREFIX = "/docs"
    app.config.OAS_UI_DEFAULT = "redoc"
    app.config.API_TITLE = "shopchat"
    app.config.API_VERSION = "1"
    app.config.FALLBACK_ERROR_FORMAT = "json"
    app.config.ACCESS_LOG = False
