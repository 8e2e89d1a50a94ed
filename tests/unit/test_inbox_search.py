"""Inbox search reads one shop's messages: the message subquery is scoped by shop before the
LIKE, not only the outer conversation query (which alone would hide a leak but not the scan)."""

from __future__ import annotations

import logging

import pytest
from tortoise import Tortoise

from shopchat.models import Author, Shop
from shopchat.services import conversations, inbox, messages, shops, visitors

TEXT = "Is the linen cushion back in stock?"


async def conversation_saying(shop: Shop, body: str) -> int:
    visitor, _, _conversation = await visitors.create_visitor_with_conversation(
        shop=shop, context=visitors.VisitorContext()
    )
    conversation = await conversations.current_conversation(shop=shop, visitor=visitor)
    await messages.store_message(
        shop=shop, conversation_id=conversation.id, author=Author.VISITOR, body=body,
        client_msg_id=None,
    )  # fmt: skip
    return conversation.id


@pytest.fixture
async def two_shops(database) -> tuple[Shop, Shop, int, int]:
    """Two shops whose shoppers wrote the very same words."""
    mine, _ = await shops.create_shop(name="Mine", origins=["https://mine.example"])
    theirs, _ = await shops.create_shop(name="Theirs", origins=["https://theirs.example"])
    return (
        mine,
        theirs,
        await conversation_saying(mine, TEXT),
        await conversation_saying(theirs, TEXT),
    )


async def test_matching_messages_are_the_shop_s_own_only(two_shops) -> None:
    mine, theirs, my_conversation, their_conversation = two_shops
    found = await inbox.messages_matching(shop=mine, text="LINEN cushion").values_list(
        "conversation_id", flat=True
    )
    assert found == [my_conversation]
    found = await inbox.messages_matching(shop=theirs, text="linen").values_list(
        "conversation_id", flat=True
    )
    assert found == [their_conversation]


async def test_search_finds_and_quotes_only_the_shop_s_conversation(two_shops) -> None:
    mine, theirs, my_conversation, their_conversation = two_shops
    page, hits = await inbox.search(shop=mine, text="linen cushion")
    assert [c.id for c in page.conversations] == [my_conversation]
    assert set(hits) == {my_conversation} and hits[my_conversation].body == TEXT
    page, hits = await inbox.search(shop=theirs, text="linen cushion")
    assert [c.id for c in page.conversations] == [their_conversation]


async def test_search_query_reads_messages_through_the_shop_s_conversations(
    two_shops, caplog: pytest.LogCaptureFixture
) -> None:
    """SQLite's plan for the query search runs: no full scan of the message table."""
    mine = two_shops[0]
    with caplog.at_level(logging.DEBUG, logger="tortoise.db_client"):
        await inbox.search(shop=mine, text="linen cushion")
    (query, params) = next(
        record.args
        for record in caplog.records
        if isinstance(record.args, tuple) and '"conversation"."id" IN (SELECT' in record.args[0]
    )
    connection = Tortoise.get_connection("default")
    rows = await connection.execute_query_dict("EXPLAIN QUERY PLAN " + query, list(params))
    plan = [row["detail"] for row in rows]
    assert not [step for step in plan if step.startswith("SCAN message")], plan
    assert any(
        step.startswith("SEARCH message USING") and "(conversation_id=?)" in step for step in plan
    ), plan
    # conversations by shop twice: the outer query's and the subquery's own
    assert sum("conversation" in step and "(shop_id=?)" in step for step in plan) == 2, plan
