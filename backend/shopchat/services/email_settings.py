"""Email as the console's settings show it: on or off, the last delivery error, the
addresses the mail server refused, and the test mail an agent asks for."""

from __future__ import annotations

import uuid
from typing import Any

from ..config import Settings
from ..mail import delivery
from ..mail.compose import Mail, domain_of, new_message_id
from ..mail.templates import test_mail
from ..models import Agent, OutboxItem, Shop, UndeliverableAddress
from .errors import Conflict, NotFound


def require_email(settings: Settings) -> None:
    if not settings.email_enabled:
        raise Conflict("email is off on this server (SHOPCHAT_SMTP_URL is not set)")


async def email_status(*, shop: Shop, settings: Settings) -> dict[str, Any]:
    failed = await OutboxItem.filter(shop=shop, last_error__isnull=False).order_by("-id").first()
    undeliverable = await UndeliverableAddress.filter(shop=shop).order_by("-created_at", "-id")
    return {
        "enabled": settings.email_enabled,
        "from": settings.mail_from or None,
        "last_error": (
            {
                "message": failed.last_error,
                "status": str(failed.status),
                "queued_at": failed.created_at.isoformat(),
            }
            if failed
            else None
        ),
        "undeliverable": [
            {
                "address": row.address,
                "smtp_reply": row.smtp_reply,
                "created_at": row.created_at.isoformat(),
            }
            for row in undeliverable
        ],
    }


async def retry_address(*, shop: Shop, address: str) -> None:
    """Mail this address again (the console's retry button)."""
    deleted = await UndeliverableAddress.filter(shop=shop, address=address.strip().lower()).delete()
    if not deleted:
        raise NotFound("that address is not on the undeliverable list")


async def queue_test_mail(*, agent: Agent, settings: Settings) -> None:
    require_email(settings)
    shop: Shop = agent.shop
    rendered = test_mail(language=str(shop.language), shop=shop.name, name=agent.name)
    mail = Mail(
        to=agent.email,
        from_name=shop.name,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        message_id=new_message_id(domain_of(settings.mail_from)),
    )
    await delivery.queue(shop_id=shop.id, mail=mail, dedupe_key=f"test:{uuid.uuid4().hex}")
