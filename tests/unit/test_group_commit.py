"""Group commit: writes arriving together share a transaction, and a failing write takes
none of its neighbours down (SQLite here; Tortoise cannot hold two dialects in one process, so
PostgreSQL's replay path is tested through a real server in
tests/integration/test_group_commit_server.py)."""

import asyncio

import pytest

from shopchat.db import group_commit
from shopchat.models import Author, Message
from shopchat.services import conversations, messages, shops, visitors
from shopchat.services.errors import Conflict, NotFound


@pytest.fixture
async def db(database):
    yield


async def a_thread(shop):
    visitor, _token, conversation = await visitors.create_visitor_with_conversation(
        shop=shop, context=visitors.VisitorContext(page_url="https://a.example/p")
    )
    return visitor, conversation


def send(shop, conversation_id, n, body=None):
    return messages.store_message(
        shop=shop, conversation_id=conversation_id, author=Author.VISITOR,
        body=body or f"m{n}", client_msg_id=f"c{n}",
    )  # fmt: skip


async def test_writes_that_arrive_together_share_one_commit(db, monkeypatch):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    _visitor, conversation = await a_thread(shop)
    batches: list[int] = []
    real_commit = group_commit.GroupCommit._commit

    async def counting(self, batch):
        batches.append(len(batch))
        await real_commit(self, batch)

    monkeypatch.setattr(group_commit.GroupCommit, "_commit", counting)
    stored = await asyncio.gather(*(send(shop, conversation.id, n) for n in range(100)))
    assert sorted(s.message.seq for s in stored) == list(range(1, 101))
    assert sum(batches) == 100 and len(batches) <= 3, batches


async def test_a_failing_write_takes_none_of_its_neighbours_down(db):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    other, _ = await shops.create_shop(name="B", origins=["https://b.example"])
    _visitor, conversation = await a_thread(shop)
    await send(shop, conversation.id, 0, body="first")

    results = await asyncio.gather(
        send(shop, conversation.id, 1),
        send(other, conversation.id, 2),  # another shop's conversation: NotFound
        send(shop, conversation.id, 3),
        send(shop, conversation.id, 0, body="not first"),  # id reused with other text
        send(shop, conversation.id, 0, body="first"),  # a plain resend
        send(shop, conversation.id, 4),
        return_exceptions=True,
    )

    assert isinstance(results[1], NotFound)
    assert isinstance(results[3], Conflict)
    assert results[4].created is False and results[4].message.seq == 1
    assert [r.message.seq for r in (results[0], results[2], results[5])] == [2, 3, 4]
    stored = await Message.filter(conversation_id=conversation.id).order_by("seq")
    assert [(m.seq, m.body) for m in stored] == [(1, "first"), (2, "m1"), (3, "m3"), (4, "m4")]
    fresh = await conversations.get_conversation(shop=shop, conversation_id=conversation.id)
    assert fresh.last_seq == 4 and fresh.unread_agent == 4


async def test_new_visitors_arriving_together_each_get_their_own_thread(db):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    threads = await asyncio.gather(*(a_thread(shop) for _ in range(50)))
    visitor_ids = {visitor.id for visitor, _ in threads}
    assert len(visitor_ids) == 50
    for visitor, conversation in threads:
        stored = await conversations.get_conversation(shop=shop, conversation_id=conversation.id)
        assert stored.visitor_id == visitor.id and stored.visitor.public_id == visitor.public_id
        assert stored.visitor.last_page_url == "https://a.example/p"
        assert stored.context == {} and stored.last_seq == 0 and stored.created_at is not None
