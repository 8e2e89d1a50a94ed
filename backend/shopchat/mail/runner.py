"""Mail in a serving process: the outbox worker and the staff-mail scheduler, started and
stopped with the app's listeners (app.py), only when SHOPCHAT_SMTP_URL is set."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from ..config import Settings
from ..outbox.worker import OutboxWorker
from . import notifications
from .delivery import KIND, MailDelivery

log = logging.getLogger("shopchat.mail")


class MailRunner:
    def __init__(self, settings: Settings, *, is_away: notifications.AwayCheck) -> None:
        self.settings = settings
        self.is_away = is_away
        self.worker = OutboxWorker(
            {KIND: MailDelivery(settings)}, poll_seconds=settings.mail_poll_seconds
        )
        self._scheduler: asyncio.Task[None] | None = None

    def start(self) -> None:
        self.worker.start()
        self._scheduler = asyncio.get_running_loop().create_task(
            self._schedule(), name="mail-scheduler"
        )

    async def stop(self) -> None:
        if self._scheduler is not None:
            self._scheduler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._scheduler
        await self.worker.stop()

    def wake(self) -> None:
        self.worker.wake()

    async def _schedule(self) -> None:
        while True:
            try:
                if await notifications.run_due(settings=self.settings, is_away=self.is_away):
                    self.worker.wake()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("mail scheduler pass failed")
            await asyncio.sleep(self.settings.mail_poll_seconds)
