"""Run in its own process per database: Tortoise keeps per-dialect query builders in global
state, so SQLite and PostgreSQL cannot be exercised one after the other in one process.

    python -m tests.integration.migration_check fresh|upgrade DATABASE_URL WORKDIR
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aerich import Command
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError

from shopchat import db
from shopchat.config import Settings, load_settings
from shopchat.models import (
    Agent,
    CannedReply,
    Conversation,
    LinkToken,
    Message,
    OutboxItem,
    ReplyToken,
    Shop,
    UndeliverableAddress,
    Upload,
    Visitor,
)


async def touch_every_model() -> None:
    shop = await Shop.create(key="shp_m", secret_hash="0" * 64, name="M", allowed_origins=[])
    agent = await Agent.create(shop=shop, email="a@m.example", password_hash="x", name="A")
    visitor = await Visitor.create(shop=shop, public_id="v_m", token_hash="1" * 64)
    conversation = await Conversation.create(shop=shop, visitor=visitor, context={"cart": {}})
    upload = await Upload.create(shop=shop, key="k", content_type="image/png", size=1)
    await Message.create(
        conversation=conversation, seq=1, author="agent", agent=agent, body="b", upload=upload
    )
    await CannedReply.create(shop=shop, shortcut="hi", body="Hello!")
    assert await Message.filter(upload=upload).count() == 1
    await touch_email_models(shop, agent, visitor, conversation)


async def touch_email_models(
    shop: Shop, agent: Agent, visitor: Visitor, conversation: Conversation
) -> None:
    now = datetime.now(UTC)
    assert (shop.language, agent.notify_email) == ("en", "every_unanswered")
    await Message.create(
        conversation=conversation, seq=2, author="visitor", body="by mail", via="email",
        message_id="<m1@mail.example>",
    )  # fmt: skip
    with pytest.raises(IntegrityError):  # one inbound mail is stored once per conversation
        await Message.create(
            conversation=conversation, seq=3, author="visitor", body="again", via="email",
            message_id="<m1@mail.example>",
        )  # fmt: skip
    assert [m.via for m in await Message.filter(conversation=conversation).order_by("seq")] == [
        "chat", "email",
    ]  # fmt: skip
    await Conversation.filter(id=conversation.id).update(
        notified_at=now, escalated_at=now, staff_mailed_seq=2, visitor_mailed_seq=1,
        visitor_mailed_at=now, visitor_unsubscribed=True,
    )  # fmt: skip
    await Visitor.filter(id=visitor.id).update(email="s@m.example", last_socket_closed_at=now)
    await OutboxItem.create(
        shop=shop, kind="mail", payload={"to": "a@m.example"}, recipient="a@m.example",
        dedupe_key="k1", next_attempt_at=now,
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        await OutboxItem.create(kind="mail", payload={}, dedupe_key="k1", next_attempt_at=now)
    await UndeliverableAddress.create(shop=shop, address="x@m.example", smtp_reply="550 no")
    await ReplyToken.create(conversation=conversation, token_hash="2" * 64, expires_at=now)
    await LinkToken.create(
        shop=shop, conversation=conversation, token_hash="3" * 64, purpose="sign_in",
        expires_at=now,
    )  # fmt: skip
    await LinkToken.create(shop=shop, agent=agent, token_hash="4" * 64, purpose="invite",
                           expires_at=now, used_at=now)  # fmt: skip


async def fresh(settings: Settings) -> None:
    applied = await db.migrate(settings)
    expected = list((db.MIGRATIONS_DIR / settings.database_dialect / "models").glob("*.py"))
    assert len(applied) == len(expected), (applied, expected)
    assert await db.pending_migrations(settings) == []
    await db.open_database(settings)
    try:
        await touch_every_model()
    finally:
        await db.close_database()


async def upgrade(settings: Settings, workdir: Path) -> None:
    first_only = workdir / "first" / "models"
    first_only.mkdir(parents=True)
    models_dir = db.MIGRATIONS_DIR / settings.database_dialect / "models"
    shutil.copy(sorted(models_dir.glob("0_*.py"))[0], first_only)
    config = db.tortoise_config(settings)
    await Tortoise.init(config=config)
    try:
        command = Command(config, app="models", location=str(first_only.parent))
        await command.init()
        await command.upgrade()
        await Tortoise.get_connection("default").execute_script(
            "INSERT INTO shop (key, secret_hash, name, allowed_origins, greeting, created_at) "
            "VALUES ('shp_old', 'h', 'Old', '[]', '', '2026-01-01 00:00:00+00:00')"
        )
    finally:
        await Tortoise.close_connections()
    assert len(await db.pending_migrations(settings)) == len(list(models_dir.glob("*.py"))) - 1
    await db.migrate(settings)
    await db.open_database(settings)
    try:
        old = await Shop.get(key="shp_old")
        assert (old.name, old.offline_message, old.brand_color) == ("Old", "", "#2563eb")
        await touch_every_model()
    finally:
        await db.close_database()


def main() -> None:
    mode, url, workdir = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    settings = load_settings({}, database_url=url, var_dir=workdir / "var")
    asyncio.run(fresh(settings) if mode == "fresh" else upgrade(settings, workdir))
    print("ok")


if __name__ == "__main__":
    main()
