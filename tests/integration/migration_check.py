"""Run in its own process per database: Tortoise keeps per-dialect query builders in global
state, so SQLite and PostgreSQL cannot be exercised one after the other in one process.

    python -m tests.integration.migration_check fresh|upgrade DATABASE_URL WORKDIR
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

from aerich import Command
from tortoise import Tortoise

from shopchat import db
from shopchat.config import Settings, load_settings
from shopchat.models import Agent, CannedReply, Conversation, Message, Shop, Upload, Visitor


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
