"""Liveness and readiness."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw

from .. import db
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
async def readyz(request: Request, node: Runtime) -> HTTPResponse:
    checks = {"database": await db.ping(), "broker": node.broker.healthy}
    ready = all(checks.values())
    return json({"ready": ready, "checks": checks}, status=200 if ready else 503)
