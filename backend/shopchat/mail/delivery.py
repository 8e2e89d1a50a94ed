"""The outbox's sender of kind "mail": refuse what must not go, send the rest over SMTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from ..config import Settings
from ..models import OutboxItem, OutboxStatus, UndeliverableAddress
from ..outbox.store import Claimed, enqueue
from ..outbox.worker import Outcome, Result
from . import smtp
from .compose import Mail, build, flatten

KIND = "mail"


class MailDelivery:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.server = settings.smtp

    async def __call__(self, item: Claimed) -> Outcome:
        mail = Mail.from_payload(item.payload)
        address = mail.to.lower()
        if item.shop_id is not None and await UndeliverableAddress.exists(
            shop_id=item.shop_id, address=address
        ):
            return Outcome(Result.DROPPED, f"{address} is undeliverable for this shop")
        refusal = await self._over_limit(item, address)
        if refusal:
            return Outcome(Result.DROPPED, refusal)
        raw = flatten(build(mail, mail_from=self.settings.mail_from))
        try:
            await smtp.send(self.server, sender=self.settings.mail_from, recipient=mail.to, raw=raw)
        except smtp.PermanentFailure as error:
            if item.shop_id is not None:
                await _undeliverable(item.shop_id, address, str(error))
            return Outcome(Result.FAILED, str(error))
        except smtp.TemporaryFailure as error:
            return Outcome(Result.RETRY, str(error))
        return Outcome(Result.SENT)

    async def _over_limit(self, item: Claimed, address: str) -> str | None:
        """SHOPCHAT_LIMIT_MAIL_PER_ADDRESS_HOUR and _PER_SHOP_DAY, counted from sent rows."""
        now = datetime.now(UTC)
        sent = OutboxItem.filter(status=OutboxStatus.SENT, kind=KIND)
        # Mails being sent right now count too, the older ones first: a batch claimed
        # together (in any process) must not all pass the same count.
        sending = OutboxItem.filter(
            status=OutboxStatus.PENDING, kind=KIND, claimed_until__gt=now, id__lt=item.id
        )
        per_address = (
            await sent.filter(recipient=address, sent_at__gte=now - timedelta(hours=1)).count()
            + await sending.filter(recipient=address).count()
        )
        if per_address >= self.settings.limit_mail_per_address_hour:
            return f"limit: {address} was sent {per_address} mails in the last hour"
        if item.shop_id is not None:
            per_shop = (
                await sent.filter(
                    shop_id=item.shop_id, sent_at__gte=now - timedelta(days=1)
                ).count()
                + await sending.filter(shop_id=item.shop_id).count()
            )
            if per_shop >= self.settings.limit_mail_per_shop_day:
                return f"limit: the shop sent {per_shop} mails in the last 24 hours"
        return None


async def _undeliverable(shop_id: int, address: str, reply: str) -> None:
    await UndeliverableAddress.bulk_create(
        [UndeliverableAddress(shop_id=shop_id, address=address, smtp_reply=reply[:2000])],
        ignore_conflicts=True,
    )


async def queue(
    *, shop_id: int | None, mail: Mail, dedupe_key: str, connection: object = None
) -> None:
    """Queue a mail in the outbox (in the caller's transaction when given one)."""
    await enqueue(
        shop_id=shop_id,
        kind=KIND,
        payload=mail.payload(),
        recipient=mail.to.lower(),
        dedupe_key=dedupe_key,
        connection=connection,  # type: ignore[arg-type]
    )
