"""Outbox rows: enqueue (idempotent), claim under a lease, record what happened."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from ..db import sql
from ..models import OutboxItem, OutboxStatus

LEASE = timedelta(seconds=60)  # longer than one send may take (SMTP timeout 30 s)
GIVE_UP_AFTER = timedelta(hours=24)
FIRST_RETRY_SECONDS = 5.0
MAX_RETRY_SECONDS = 3600.0


async def enqueue(
    *,
    shop_id: int | None,
    kind: str,
    payload: dict[str, Any],
    dedupe_key: str,
    recipient: str | None = None,
    due: datetime | None = None,
    connection: BaseDBAsyncClient | None = None,
) -> None:
    """Queue one item; a second enqueue with the same dedupe_key (another process, a retry
    of the cause) is ignored. Pass the cause's transaction as `connection`."""
    item = OutboxItem(
        shop_id=shop_id,
        kind=kind,
        payload=payload,
        recipient=recipient,
        dedupe_key=dedupe_key[:200],
        next_attempt_at=due or datetime.now(UTC),
        created_at=datetime.now(UTC),
    )
    await OutboxItem.bulk_create([item], ignore_conflicts=True, using_db=connection)


def retry_delay(attempts: int) -> timedelta:
    """5 s, 15 s, 45 s, … up to an hour, with ±20 % jitter so a backlog spreads out."""
    base = min(FIRST_RETRY_SECONDS * 3 ** max(attempts - 1, 0), MAX_RETRY_SECONDS)
    return timedelta(seconds=base * random.uniform(0.8, 1.2))


# One statement claims a batch: the lease is set and the attempt counted before anything is
# sent, so a crash mid-send leaves a row whose lease expires and is claimed again.
_CLAIM = f"""
UPDATE outbox SET claimed_until = $1, claimed_by = $2, attempts = attempts + 1
WHERE id IN (
    SELECT id FROM outbox
    WHERE status = '{OutboxStatus.PENDING.value}' AND next_attempt_at <= $3
      AND (claimed_until IS NULL OR claimed_until < $3)
    ORDER BY next_attempt_at LIMIT $4{{lock}})
RETURNING id, shop_id, kind, payload, recipient, attempts, created_at"""


@dataclass(frozen=True)
class Claimed:
    id: int
    shop_id: int | None
    kind: str
    payload: dict[str, Any]
    recipient: str | None
    attempts: int
    created_at: datetime


async def claim(*, worker: str, limit: int, now: datetime | None = None) -> list[Claimed]:
    now = now or datetime.now(UTC)
    connection = connections.get("default")
    postgres = connection.capabilities.dialect != "sqlite"
    statement = _CLAIM.format(lock=" FOR UPDATE SKIP LOCKED" if postgres else "")
    if not postgres:
        statement = sql.sqlite_numbered(statement)  # $3 is used twice
    found = await connection.execute_query_dict(statement, [now + LEASE, worker, now, limit])
    return [_claimed(row) for row in found]


def _claimed(row: dict[str, Any]) -> Claimed:
    payload = row["payload"]
    if isinstance(payload, str | bytes):
        payload = orjson.loads(payload)
    created = row["created_at"]
    if isinstance(created, str):
        created = datetime.fromisoformat(created)
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return Claimed(
        int(row["id"]), row["shop_id"], row["kind"], payload, row["recipient"],
        int(row["attempts"]), created,
    )  # fmt: skip


async def _finish(item: Claimed, worker: str, **changes: Any) -> None:
    await OutboxItem.filter(id=item.id, claimed_by=worker).update(claimed_until=None, **changes)


async def mark_sent(item: Claimed, *, worker: str) -> None:
    await _finish(item, worker, status=OutboxStatus.SENT, sent_at=datetime.now(UTC))


async def mark_retry(item: Claimed, *, worker: str, error: str) -> None:
    """Try again later, or give up once the item is 24 h old."""
    now = datetime.now(UTC)
    if now - item.created_at >= GIVE_UP_AFTER:
        await mark_failed(item, worker=worker, error=f"gave up after 24 h: {error}")
        return
    await _finish(
        item, worker, last_error=error[:2000], next_attempt_at=now + retry_delay(item.attempts)
    )


async def mark_failed(item: Claimed, *, worker: str, error: str) -> None:
    await _finish(item, worker, status=OutboxStatus.FAILED, last_error=error[:2000])


async def mark_dropped(item: Claimed, *, worker: str, reason: str) -> None:
    await _finish(item, worker, status=OutboxStatus.DROPPED, last_error=reason[:2000])


async def backlog() -> int:
    return await OutboxItem.filter(status=OutboxStatus.PENDING).count()
