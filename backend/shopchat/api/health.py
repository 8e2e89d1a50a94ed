"""Liveness and readiness."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json, raw
from sanic_ext import openapi

from .. import db
from ..metrics import REGISTRY
from ..realtime.node import Runtime
from .schemas import Health, Readiness, documented

bp = Blueprint("health")


@bp.get("/healthz")
@documented("Liveness: the process runs", {200: Health}, (), secured=False)
async def healthz(_request: Request) -> HTTPResponse:
    return json({"status": "ok"})


@bp.get("/metrics")
@openapi.exclude()  # Prometheus text, not JSON
async def metrics(_request: Request) -> HTTPResponse:
    return raw(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)


@bp.get("/readyz")
@documented("Readiness: database and broker", {200: Readiness, 503: Readiness}, (), secured=False)
async def readyz(request: Request, node: Runtime) -> HTTPResponse:
    checks = {"database": await db.ping(), "broker": node.broker.healthy}
    ready = all(checks.values())
    return json({"ready": ready, "checks": checks}, status=200 if ready else 503)
