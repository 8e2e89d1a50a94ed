"""Fill a shop's inbox with many conversations, to measure the console with a busy shop.

    python -m shopchat.testing.seed_inbox --shop shp_… --count 10000 [--messages 3]

Uses the same SHOPCHAT_* configuration as `shopchat serve` (run it from the same folder).
Prints {"conversations": N, "messages": M, "seconds": S}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from tortoise import connections

from .. import db
from ..auth import digest
from ..config import load_settings
from ..db.sql import dialect_sql
from ..models import Author, Conversation, Kind, Status, Visitor
from ..services.shops import get_shop_by_key

FIRST = ["Ada", "Bo", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea"]
LAST = ["Berg", "Dahl", "Lund", "Moe", "Holm", "Vik", "Strand", "Nilsen", "Aas", "Bakke"]
QUESTIONS = [
    "Do you ship to Norway?",
    "Where is my order?",
    "Is the wool throw machine washable?",
    "Can I return an item after 30 days?",
    "Do you have this in a larger size?",
    "My discount code does not work",
]


async def seed(
    shop_key: str, count: int, messages_each: int, batch: int = 1000
) -> dict[str, float]:
    shop = await get_shop_by_key(shop_key)
    if shop is None:
        raise SystemExit(f"no shop with key {shop_key!r}")
    started = time.perf_counter()
    now = datetime.now(UTC)
    total_messages = 0
    for offset in range(0, count, batch):
        size = min(batch, count - offset)
        tag = secrets.token_hex(4)
        visitors = [
            Visitor(
                shop=shop,
                public_id=f"v_seed{tag}{n}",
                token_hash=digest(f"seed-{tag}-{n}"),
                name=(
                    f"{FIRST[(offset + n) % len(FIRST)]} {LAST[(offset + n) % len(LAST)]}"
                    if n % 3
                    else None
                ),
                email=f"shopper{offset + n}@example.com" if n % 2 else None,
            )
            for n in range(size)
        ]
        await Visitor.bulk_create(visitors)
        created = await Visitor.filter(public_id__startswith=f"v_seed{tag}").order_by("id")
        conversations = []
        for n, visitor in enumerate(created):
            at = now - timedelta(minutes=count - (offset + n))
            conversations.append(
                Conversation(
                    shop=shop,
                    visitor=visitor,
                    status=Status.OPEN if (offset + n) % 4 else Status.CLOSED,
                    last_message_at=at,
                    last_seq=messages_each,
                    unread_agent=(offset + n) % 3,
                )
            )
        await Conversation.bulk_create(conversations)
        rows = await Conversation.filter(visitor_id__in=[v.id for v in created]).values(
            "id", "last_message_at"
        )
        messages = [
            _message_row(row["id"], seq, row["last_message_at"], messages_each)
            for row in rows
            for seq in range(1, messages_each + 1)
        ]
        # Plain executemany: building a million Message objects cost more than inserting them.
        connection = connections.get("default")
        for start in range(0, len(messages), 20_000):
            await connection.execute_many(
                dialect_sql(connection, _INSERT_MESSAGE), messages[start : start + 20_000]
            )
        total_messages += len(messages)
    if connections.get("default").capabilities.dialect == "postgres":
        # as after any bulk load: without fresh statistics the planner sorts the whole shop
        # for the first inbox page (43 ms instead of 0.1 ms, seen in bench/run.py)
        await connections.get("default").execute_script("ANALYZE conversation, message, visitor")
    return {
        "conversations": count,
        "messages": total_messages,
        "seconds": round(time.perf_counter() - started, 2),
    }


_INSERT_MESSAGE = """INSERT INTO message (conversation_id, seq, author, kind, body, internal,
    created_at, via) VALUES ($1, $2, $3, $4, $5, $6, $7, 'chat')"""


def _message_row(conversation_id: int, seq: int, last_at: datetime, count: int) -> list[Any]:
    author = Author.VISITOR if seq % 2 else Author.AGENT
    text = QUESTIONS[(conversation_id + seq) % len(QUESTIONS)]
    body = text if author is Author.VISITOR else f"Thanks! Looking into it ({conversation_id})."
    at = last_at - timedelta(seconds=count - seq)
    return [conversation_id, seq, author.value, Kind.TEXT.value, body, False, at]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shop", required=True)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--messages", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings()

    async def run() -> dict[str, float]:
        await db.prepare_database(settings)
        await db.open_database(settings)
        try:
            return await seed(args.shop, args.count, args.messages)
        finally:
            await db.close_database()

    print(json.dumps(asyncio.run(run())), flush=True)


if __name__ == "__main__":
    main()
