"""Staff mail: which conversations are due a notification or an escalation, and their mails.

Read from conversation state by the scheduler (never on the message path). A conversation
with unread shopper messages is notified once the first of them has waited
SHOPCHAT_NOTIFY_AFTER_SECONDS, or at once while the shop is away; later messages of that
unread stretch are quoted in the same mail, and nothing more is sent until an agent reads or
answers (which clears notified_at). Still unread after SHOPCHAT_ESCALATE_AFTER_SECONDS, the
owners get a second mail. Several processes may run this: a conditional UPDATE claims each
step and the outbox's dedupe keys make the mails idempotent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from tortoise.transactions import in_transaction

from ..config import Settings
from ..models import (
    Agent,
    Author,
    Conversation,
    EmailNotify,
    Kind,
    Message,
    OutboxItem,
    Role,
    Shop,
    Visitor,
)
from . import delivery
from .compose import Mail, domain_of, new_message_id, thread_root
from .strings import words
from .templates import Quoted, staff_notification

AwayCheck = Callable[[Shop], Awaitable[bool]]
BATCH = 100
MAX_QUOTED = 20


async def run_due(*, settings: Settings, is_away: AwayCheck, now: datetime | None = None) -> int:
    """Queue every staff mail that is due; return how many were queued."""
    now = now or datetime.now(UTC)
    queued = 0
    fresh = Conversation.filter(unread_agent__gt=0, notified_at__isnull=True)
    for conversation in await fresh.select_related("shop", "visitor").limit(BATCH):
        queued += await _notify(conversation, settings=settings, is_away=is_away, now=now)
    notified = Conversation.filter(
        unread_agent__gt=0, notified_at__isnull=False, escalated_at__isnull=True
    )
    for conversation in await notified.select_related("shop", "visitor").limit(BATCH):
        queued += await _escalate(conversation, settings=settings, now=now)
    return queued


async def _unread(conversation: Conversation) -> list[Message]:
    return await Message.filter(
        conversation_id=conversation.id,
        seq__gt=conversation.agent_read_seq,
        author=Author.VISITOR,
        internal=False,
    ).order_by("seq")


async def _notify(
    conversation: Conversation, *, settings: Settings, is_away: AwayCheck, now: datetime
) -> int:
    unread = await _unread(conversation)
    if not unread:
        return 0
    waited = now - unread[0].created_at
    away = await is_away(conversation.shop)
    if not away and waited < timedelta(seconds=settings.notify_after_seconds):
        return 0
    untouched = conversation.agent_read_seq == 0  # no agent has read or answered it yet
    agents = await Agent.filter(shop_id=conversation.shop_id, is_active=True)
    recipients = [
        agent
        for agent in agents
        if agent.notify_email == EmailNotify.EVERY_UNANSWERED
        or (agent.notify_email == EmailNotify.NEW_CONVERSATIONS and untouched)
    ]
    claim = {"notified_at": now, "staff_mailed_seq": unread[-1].seq}
    return await _queue(
        conversation, unread, recipients, claim, settings=settings, away=away, escalated=None
    )


async def _escalate(conversation: Conversation, *, settings: Settings, now: datetime) -> int:
    unread = await _unread(conversation)
    if not unread or now - unread[0].created_at < timedelta(
        seconds=settings.escalate_after_seconds
    ):
        return 0
    owners = await Agent.filter(shop_id=conversation.shop_id, is_active=True, role=Role.OWNER)
    recipients = [owner for owner in owners if owner.notify_email != EmailNotify.OFF]
    minutes = max(1, settings.escalate_after_seconds // 60)
    return await _queue(
        conversation, unread, recipients, {"escalated_at": now},
        settings=settings, away=False, escalated=minutes,
    )  # fmt: skip


async def _queue(
    conversation: Conversation,
    unread: list[Message],
    recipients: list[Agent],
    claim: dict[str, object],
    *,
    settings: Settings,
    away: bool,
    escalated: int | None,
) -> int:
    step = "escalate" if escalated else "notify"
    unclaimed = {"escalated_at__isnull": True} if escalated else {"notified_at__isnull": True}
    async with in_transaction() as connection:
        won = (
            await Conversation.filter(id=conversation.id, **unclaimed)
            .using_db(connection)
            .update(**claim)
        )
        if not won:  # another process took this step first
            return 0
        for agent in recipients:
            mail = await _staff_mail(
                conversation, unread, agent, settings=settings, away=away, escalated=escalated
            )
            key = f"staff:{conversation.id}:{step}:{unread[0].seq}:{agent.id}"
            await delivery.queue(
                shop_id=conversation.shop_id, mail=mail, dedupe_key=key, connection=connection
            )
    return len(recipients)


async def _staff_mail(
    conversation: Conversation,
    unread: list[Message],
    agent: Agent,
    *,
    settings: Settings,
    away: bool,
    escalated: int | None,
) -> Mail:
    shop: Shop = conversation.shop
    domain = domain_of(settings.mail_from)
    root = thread_root(
        shop_id=shop.id, conversation_id=conversation.id, audience="staff", domain=domain
    )
    previous = await _previous_message_id(conversation.id, agent.email)
    link = f"{settings.public_url.rstrip('/')}/console/#/conversations/{conversation.id}"
    rendered = staff_notification(
        language=str(shop.language),
        shop=shop.name,
        shopper=_shopper(conversation.visitor),
        messages=_quoted(unread[-MAX_QUOTED:], shop, str(shop.language)),
        link=link,
        away=away,
        escalated_minutes=escalated,
    )
    return Mail(
        to=agent.email,
        from_name=shop.name,
        subject=rendered.subject,
        text=rendered.text,
        html=rendered.html,
        message_id=new_message_id(domain),
        in_reply_to=previous or root,
        references=[root, *([previous] if previous else [])],
    )


async def _previous_message_id(conversation_id: int, address: str) -> str | None:
    """The last staff mail of this conversation to this address: the next one answers it."""
    last = (
        await OutboxItem.filter(
            dedupe_key__startswith=f"staff:{conversation_id}:", recipient=address.lower()
        )
        .order_by("-id")
        .first()
    )
    return str(last.payload.get("message_id")) if last else None


def _shopper(visitor: Visitor) -> str | None:
    return visitor.name or visitor.email or None


def _quoted(unread: list[Message], shop: Shop, language: str) -> list[Quoted]:
    zone_name = (shop.business_hours or {}).get("timezone") or "UTC"
    zone = ZoneInfo(zone_name)
    suffix = " UTC" if zone_name == "UTC" else ""
    image = words(language)["image"]
    return [
        Quoted(
            time=message.created_at.astimezone(zone).strftime("%H:%M") + suffix,
            body=message.body or (image if message.kind == Kind.IMAGE else ""),
        )
        for message in unread
    ]
