"""Email in the console: the test mail, and the settings page's status and retry."""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, json
from sanic_ext import openapi

from ..models import Agent
from ..realtime.node import Runtime
from ..services import accounts, email_settings
from ..services.errors import InvalidInput

bp = Blueprint("email")


@bp.post("/me/test-email")
@openapi.summary("Send me a test email (409 while email is off)")
async def test_email(request: Request, node: Runtime, agent: Agent) -> HTTPResponse:
    await email_settings.queue_test_mail(agent=agent, settings=node.settings)
    if request.app.ctx.mail is not None:
        request.app.ctx.mail.wake()
    return json({"queued": True, "to": agent.email}, status=202)


@bp.get("/shop/email")
@openapi.summary("Email on or off, the last delivery error, undeliverable addresses — owner only")
async def email_status(request: Request, node: Runtime, owner: Agent) -> HTTPResponse:
    accounts.require_owner(owner)
    status = await email_settings.email_status(shop=owner.shop, settings=node.settings)
    return json({"email": status})


@bp.delete("/shop/email/undeliverable")
@openapi.summary("Mail an undeliverable address again (?address=…) — owner only")
async def retry_address(request: Request, owner: Agent) -> HTTPResponse:
    accounts.require_owner(owner)
    address = request.args.get("address", "")
    if not address:
        raise InvalidInput("address is required, e.g. ?address=shopper@example.com")
    await email_settings.retry_address(shop=owner.shop, address=address)
    return json({"ok": True})
