"""Services against an in-memory SQLite database: numbering, idempotency, scoping, paging."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from shopchat.models import Author, Role, Status, Visitor
from shopchat.services import accounts, conversations, messages, sessions, shops, visitors
from shopchat.services.errors import Conflict, InvalidInput, NotFound, Unauthorized


async def new_thread(shop):
    visitor, _token, _conversation = await visitors.create_visitor_with_conversation(
        shop=shop, context=visitors.VisitorContext()
    )
    return visitor, await conversations.current_conversation(shop=shop, visitor=visitor)


async def test_shop_secret_is_stored_hashed_and_found_by_secret(database):
    shop, secret = await shops.create_shop(name="A", origins=["https://a.example"])
    assert secret not in shop.secret_hash and len(secret) >= 43
    assert (await shops.get_shop_by_secret(secret)).id == shop.id
    assert await shops.get_shop_by_secret(secret + "x") is None


async def test_seq_is_consecutive_under_concurrent_writers(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    _visitor, conversation = await new_thread(shop)

    async def send(n):
        return await messages.store_message(
            shop=shop, conversation_id=conversation.id, author=Author.VISITOR,
            body=f"m{n}", client_msg_id=f"c{n}",
        )  # fmt: skip

    stored = await asyncio.gather(*(send(n) for n in range(30)))
    assert sorted(s.message.seq for s in stored) == list(range(1, 31))


async def test_client_msg_id_is_stored_once(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    _visitor, conversation = await new_thread(shop)
    kwargs = dict(
        shop=shop, conversation_id=conversation.id, author=Author.VISITOR, client_msg_id="same"
    )
    first = await messages.store_message(body="hello", **kwargs)
    again = await messages.store_message(body="hello", **kwargs)
    assert first.created and not again.created
    assert again.message.id == first.message.id
    page = await messages.history(conversation=conversation, include_internal=True)
    assert len(page.messages) == 1


async def test_a_foreign_shop_cannot_write_to_a_conversation(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    other, _ = await shops.create_shop(name="B", origins=["https://b.example"])
    _visitor, conversation = await new_thread(shop)
    with pytest.raises(NotFound):
        await messages.store_message(
            shop=other, conversation_id=conversation.id, author=Author.AGENT,
            body="x", client_msg_id="x",
        )  # fmt: skip
    with pytest.raises(NotFound):
        await conversations.get_conversation(shop=other, conversation_id=conversation.id)


async def test_visitor_message_reopens_a_closed_conversation(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    _visitor, conversation = await new_thread(shop)
    await conversations.set_status(shop=shop, conversation_id=conversation.id, status=Status.CLOSED)
    await messages.store_message(
        shop=shop, conversation_id=conversation.id, author=Author.VISITOR,
        body="again", client_msg_id="a",
    )  # fmt: skip
    fresh = await conversations.get_conversation(shop=shop, conversation_id=conversation.id)
    assert fresh.status == Status.OPEN


async def test_login_checks_password_and_sessions_expire(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    await accounts.create_agent(
        shop=shop, email="Ann@A.example", password="long enough", role=Role.OWNER
    )
    with pytest.raises(Conflict):
        await accounts.create_agent(shop=shop, email="ann@a.example", password="long enough")
    with pytest.raises(InvalidInput):
        await accounts.create_agent(shop=shop, email="bob@a.example", password="short")
    with pytest.raises(Unauthorized):
        await sessions.login(email="ann@a.example", password="wrong", shop_key=None, ttl_seconds=60)
    token, agent = await sessions.login(
        email="ann@a.example", password="long enough", shop_key=None, ttl_seconds=60
    )
    assert (await sessions.lookup(token)).agent.id == agent.id
    expired, _ = await sessions.login(
        email="ann@a.example", password="long enough", shop_key=None, ttl_seconds=-1
    )
    assert await sessions.lookup(expired) is None
    await sessions.revoke_token(token=token)
    assert await sessions.lookup(token) is None


async def test_same_email_in_two_shops_needs_the_shop_key(database):
    first, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    second, _ = await shops.create_shop(name="B", origins=["https://b.example"])
    for shop in (first, second):
        await accounts.create_agent(shop=shop, email="sam@x.example", password="long enough")
    with pytest.raises(InvalidInput):
        await sessions.login(
            email="sam@x.example", password="long enough", shop_key=None, ttl_seconds=60
        )
    _token, agent = await sessions.login(
        email="sam@x.example", password="long enough", shop_key=second.key, ttl_seconds=60
    )
    assert agent.shop_id == second.id


async def test_cursor_that_was_not_issued_is_refused(database):
    with pytest.raises(InvalidInput):
        conversations.decode_cursor("garbage!")


async def test_a_visitor_is_read_by_id_only_within_its_shop(database):
    shop_a, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    shop_b, _ = await shops.create_shop(name="B", origins=["https://b.example"])
    visitor, _token, _conversation = await visitors.create_visitor_with_conversation(
        shop=shop_a, context=visitors.VisitorContext()
    )
    found = await visitors.visitor_by_id(shop=shop_a, visitor_id=visitor.id)
    assert found.public_id == visitor.public_id
    with pytest.raises(NotFound):
        await visitors.visitor_by_id(shop=shop_b, visitor_id=visitor.id)
    await found.delete()
    with pytest.raises(NotFound):  # erased while a socket still holds its id
        await visitors.visitor_by_id(shop=shop_a, visitor_id=visitor.id)


async def test_a_returning_page_view_counts_a_new_visit_only_after_half_an_hour(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    context = visitors.VisitorContext(page_url="https://a.example/1")
    visitor, _token, _conversation = await visitors.create_visitor_with_conversation(
        shop=shop, context=context
    )
    page_2 = "https://a.example/2"
    later = visitors.VisitorContext(page_url=page_2, locale="de-DE")
    await visitors.record_visit(visitor=visitor, context=later)
    stored = await Visitor.get(id=visitor.id)
    assert (stored.visits, stored.last_page_url, stored.locale) == (1, page_2, "de-DE")

    stored.last_seen = datetime.now(UTC) - timedelta(minutes=31)  # written by the ORM
    await stored.save(update_fields=["last_seen"])
    await visitors.record_visit(visitor=stored, context=visitors.VisitorContext())
    await visitors.record_visit(visitor=stored, context=visitors.VisitorContext())
    again = await Visitor.get(id=visitor.id)
    assert (again.visits, again.last_page_url, again.locale) == (2, page_2, "de-DE")
    assert stored.visits == 2
    assert datetime.now(UTC) - again.last_seen < timedelta(minutes=1)
