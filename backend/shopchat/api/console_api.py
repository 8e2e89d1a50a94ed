"""The agent console's own API surfaces (team, settings, canned replies, inbox extras)."""

from __future__ import annotations

from sanic import Blueprint

from . import agents, canned, inbox, settings


def console_api_blueprints() -> list[Blueprint]:
    return [agents.team, agents.me, settings.bp, canned.bp, inbox.bp]
