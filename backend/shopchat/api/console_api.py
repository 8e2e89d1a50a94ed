"""The agent console's own API surfaces (team, settings, canned replies, inbox extras)."""

from __future__ import annotations

from sanic import Blueprint

from . import agents, canned, email, inbox, settings
from .throttling import close_login_throttle

# The login throttle's store (a Redis client when the broker is Redis) closes with the app.
agents.team.after_server_stop(close_login_throttle)


def console_api_blueprints() -> list[Blueprint]:
    return [agents.team, agents.me, settings.bp, canned.bp, inbox.bp, email.bp]
