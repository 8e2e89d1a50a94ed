"""The background task of one serving process: claim due outbox rows, send, record."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import Enum

from ..metrics import OUTBOX_BACKLOG
from . import store
from .store import Claimed

log = logging.getLogger("shopchat.outbox")

BATCH = 50
CONCURRENCY = 10


class Result(Enum):
    SENT = "sent"
    RETRY = "retry"  # a temporary failure: try again later
    FAILED = "failed"  # a permanent failure
    DROPPED = "dropped"  # not sent on purpose


@dataclass(frozen=True)
class Outcome:
    result: Result
    detail: str = ""


Sender = Callable[[Claimed], Awaitable[Outcome]]


class OutboxWorker:
    """Started and stopped with the app's listeners; never on the chat message path."""

    def __init__(self, senders: dict[str, Sender], *, poll_seconds: float) -> None:
        self.senders = senders
        self.poll_seconds = poll_seconds
        self.name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._limit = asyncio.Semaphore(CONCURRENCY)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="outbox")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def wake(self) -> None:
        """Something was queued in this process: look now rather than at the next poll."""
        self._wake.set()

    async def _run(self) -> None:
        while True:
            try:
                busy = await self.run_once()
                OUTBOX_BACKLOG.set(await store.backlog())
            except asyncio.CancelledError:
                raise
            except Exception:  # the database away for a moment: try again at the next poll
                log.exception("outbox pass failed")
                busy = False
            if not busy:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
                self._wake.clear()

    async def run_once(self) -> bool:
        """Claim and send one batch; True when a full batch suggests more is due."""
        items = await store.claim(worker=self.name, limit=BATCH)
        await asyncio.gather(*(self._deliver(item) for item in items))
        return len(items) == BATCH

    async def _deliver(self, item: Claimed) -> None:
        async with self._limit:
            sender = self.senders.get(item.kind)
            if sender is None:
                await store.mark_failed(item, worker=self.name, error=f"no sender for {item.kind}")
                return
            try:
                outcome = await sender(item)
            except Exception as error:  # a bug in a sender must not stop the others
                log.exception("outbox item %s failed", item.id)
                outcome = Outcome(Result.RETRY, f"{type(error).__name__}: {error}")
            await _record(item, outcome, self.name)


async def _record(item: Claimed, outcome: Outcome, worker: str) -> None:
    if outcome.result is Result.SENT:
        await store.mark_sent(item, worker=worker)
    elif outcome.result is Result.RETRY:
        log.warning("outbox item %s: will retry: %s", item.id, outcome.detail)
        await store.mark_retry(item, worker=worker, error=outcome.detail)
    elif outcome.result is Result.FAILED:
        log.warning("outbox item %s failed for good: %s", item.id, outcome.detail)
        await store.mark_failed(item, worker=worker, error=outcome.detail)
    else:
        await store.mark_dropped(item, worker=worker, reason=outcome.detail)
