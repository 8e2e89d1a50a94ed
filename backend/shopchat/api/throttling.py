"""The app's login throttle (one per process, built from the settings on first use)."""

from __future__ import annotations

from sanic import Sanic
from sanic.response import HTTPResponse

from ..services.throttle import LoginThrottle, create_failure_store
from .errors import error_response


def login_throttle(app: Sanic) -> LoginThrottle:
    throttle = getattr(app.ctx, "login_throttle", None)
    if throttle is None:
        settings = app.ctx.runtime.settings
        store = create_failure_store(settings.broker_url, prefix=settings.namespace)
        throttle = LoginThrottle(
            account_limit=settings.login_max_failures,
            ip_limit=settings.login_ip_max_failures,
            window_seconds=settings.login_window_seconds,
            store=store,
        )
        app.ctx.login_throttle = throttle
    return throttle


def too_many_attempts(wait: int) -> HTTPResponse:
    response = error_response(
        429, "rate_limited", f"too many failed logins: try again in {wait} seconds"
    )
    response.headers["Retry-After"] = str(wait)
    return response


async def close_login_throttle(app: Sanic) -> None:
    throttle = getattr(app.ctx, "login_throttle", None)
    close = getattr(throttle.store, "close", None) if throttle else None
    if close is not None:
        await close()
