"""Liveness and readiness."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw
from tortoise import connections

from ..metrics import REGISTRY
from ..realtime.node import Runtime

bp = Blueprint("health")


@bp.get("/healthz")
async def healthz(_request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@bp.get("/metrics")
async def metrics(_request: Request) -> HTTPResponse:
    return raw(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)


@bp.get("/readyz")
async def readyz(request: Request) -> HTTPResponse:
    runtime: Runtime = request.app.ctx.runtime
    checks = {"database": await _database_ok(), "broker": runtime.broker.healthy}
    ready = all(checks.values())
    return json({"ready": ready, "checks": checks}, status=200 if ready else 503)


async def _database_ok() -> bool:
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:
        return False
    return True
