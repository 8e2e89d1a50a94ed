"""The private Tortoise and aiosqlite APIs db/ relies on, one test each: an upgrade that
removes or changes one of them fails here first (db/__init__.py lists them)."""

import sqlite3
import threading

from shopchat.db import group_commit, rows, sql
from shopchat.models import Author, Kind, Message, Shop, Upload
from shopchat.services import messages, shops, visitors


async def a_shop():
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    return shop


async def test_a_row_read_with_sql_becomes_the_model_the_orm_would_give(database):
    shop = await a_shop()
    found = await sql.select("SELECT * FROM shop WHERE id = $1", [shop.id])
    built = rows.from_db(Shop, dict(found[0]))  # Model._init_from_db
    stored = await Shop.get(id=shop.id)
    assert isinstance(built, Shop)
    for field in Shop._meta.db_fields:
        assert getattr(built, field) == getattr(stored, field), field


async def test_a_model_built_from_sql_updates_its_row_when_saved(database):
    shop = await a_shop()
    found = await sql.select("SELECT * FROM shop WHERE id = $1", [shop.id])
    built = rows.from_db(Shop, dict(found[0]))
    built.name = "Renamed"
    await built.save()  # an UPDATE: the row came from the database
    assert [s.name for s in await Shop.all()] == ["Renamed"]


async def test_a_model_marked_saved_updates_instead_of_inserting_again(database):
    shop = await a_shop()
    copy = Shop(id=shop.id, key=shop.key, secret_hash=shop.secret_hash, name="Copy")
    rows.mark_saved(copy)  # Model._saved_in_db: without it save() inserts (unique key fails)
    await copy.save()
    assert [s.name for s in await Shop.all()] == ["Copy"]


async def test_a_relation_read_with_its_row_is_loaded_and_an_unread_one_is_none(database):
    shop = await a_shop()
    visitor, _token, conversation = await visitors.create_visitor_with_conversation(
        shop=shop, context=visitors.VisitorContext()
    )
    upload = await Upload.create(
        shop=shop, key="k" * 43, content_type="image/png", size=1, visitor=visitor
    )
    await messages.store_message(
        shop=shop, conversation_id=conversation.id, author=Author.VISITOR, body="",
        client_msg_id="c1", kind=Kind.IMAGE, upload=upload,
    )  # fmt: skip
    page = await messages.history(conversation=conversation, include_internal=False)
    assert rows.loaded(page.messages[0], "upload").id == upload.id  # instance.__dict__["_upload"]
    unread = await Message.get(conversation_id=conversation.id)
    assert rows.loaded(unread, "upload") is None


async def test_the_sqlite_group_commit_runs_its_batch_on_the_database_thread(database):
    seen = []

    def on_database_thread(connection):
        seen.append((threading.get_ident(), type(connection)))
        return connection.execute("SELECT 41 + 1").fetchone()[0]

    async def never(_connection):
        raise AssertionError("SQLite writes run their sqlite form")

    result = await group_commit.writer().run(group_commit.Write(never, on_database_thread))
    assert result == 42  # aiosqlite's Connection._execute with its ._conn
    assert seen == [(seen[0][0], sqlite3.Connection)]
    assert seen[0][0] != threading.get_ident()
