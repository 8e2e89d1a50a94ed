"""The console's services on in-memory SQLite: throttling, settings, canned replies, search,
assignment and sessions — scoped to one shop."""

from datetime import UTC, datetime, timedelta

import pytest

from shopchat.models import AgentSession, Author, Role
from shopchat.services import (
    accounts,
    canned,
    conversations,
    inbox,
    messages,
    sessions,
    shop_settings,
    shops,
    visitors,
)
from shopchat.services.errors import Conflict, InvalidInput, NotFound
from shopchat.services.throttle import LoginThrottle, MemoryFailureStore


async def test_throttle_locks_account_and_ip_and_reports_the_wait():
    now = [0.0]
    throttle = LoginThrottle(
        account_limit=3, ip_limit=5, window_seconds=100, store=MemoryFailureStore(lambda: now[0])
    )
    for step in range(3):
        now[0] = step * 10.0
        await throttle.failed(email="A@x.example", ip="10.0.0.1")
    assert await throttle.retry_after(email="a@x.example", ip="10.9.9.9") == 80
    assert await throttle.retry_after(email="b@x.example", ip="10.0.0.1") == 0
    for n in range(2):
        await throttle.failed(email=f"other{n}@x.example", ip="10.0.0.1")
    assert await throttle.retry_after(email="b@x.example", ip="10.0.0.1") == 100 - 20
    now[0] = 101.0  # the first failure left the window: the account is under its limit again
    assert await throttle.retry_after(email="a@x.example", ip="10.9.9.9") == 0
    await throttle.succeeded(email="a@x.example")
    assert await throttle.store.failures("account:a@x.example", 100) == []


async def test_settings_are_validated_before_anything_is_stored(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    with pytest.raises(InvalidInput):
        await shop_settings.update_settings(
            shop=shop, changes={"greeting": "new", "brand_color": "red"}
        )
    await shop.refresh_from_db()
    assert shop.greeting == ""
    hours = {"timezone": "America/New_York", "days": {"sun": [], "mon": [["08:30", "12:00"]]}}
    await shop_settings.update_settings(shop=shop, changes={"business_hours": hours})
    await shop.refresh_from_db()
    assert shop.business_hours == {
        "timezone": "America/New_York",
        "days": {"mon": [["08:30", "12:00"]], "sun": []},
    }
    for bad in ({"timezone": "UTC", "days": {"mon": [["8:00", "12:00"]]}}, {"days": {}}):
        with pytest.raises(InvalidInput):
            await shop_settings.update_settings(shop=shop, changes={"business_hours": bad})


async def test_canned_replies_are_scoped_and_unique(database):
    a, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    b, _ = await shops.create_shop(name="B", origins=["https://b.example"])
    reply = await canned.create_canned(shop=a, shortcut="/Hello", body=" Hi there! ")
    assert (reply.shortcut, reply.body) == ("hello", "Hi there!")
    with pytest.raises(Conflict):
        await canned.create_canned(shop=a, shortcut="hello", body="again")
    await canned.create_canned(shop=b, shortcut="hello", body="B's own")
    with pytest.raises(NotFound):
        await canned.delete_canned(shop=b, canned_id=reply.id)
    assert [r.body for r in await canned.list_canned(shop=a)] == ["Hi there!"]


async def test_search_assign_and_earlier_conversations(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    other, _ = await shops.create_shop(name="B", origins=["https://b.example"])
    owner = await accounts.create_agent(shop=shop, email="o@a.example", password="x" * 8)
    stranger = await accounts.create_agent(shop=other, email="s@b.example", password="x" * 8)
    visitor, _, _conversation = await visitors.create_visitor_with_conversation(
        shop=shop, context=visitors.VisitorContext()
    )
    first = await conversations.current_conversation(shop=shop, visitor=visitor)
    await messages.store_message(
        shop=shop, conversation_id=first.id, author=Author.VISITOR, body="Blue MUG?",
        client_msg_id=None,
    )  # fmt: skip
    page, hits = await inbox.search(shop=shop, text="mug")
    assert [c.id for c in page.conversations] == [first.id] and hits[first.id].seq == 1
    assert (await inbox.search(shop=other, text="mug"))[0].conversations == []
    with pytest.raises(InvalidInput):
        await inbox.search(shop=shop, text=" m ")

    assigned = await inbox.assign(shop=shop, conversation_id=first.id, agent_id=owner.id)
    assert assigned.assignee_id == owner.id
    with pytest.raises(NotFound):
        await inbox.assign(shop=shop, conversation_id=first.id, agent_id=stranger.id)
    with pytest.raises(NotFound):
        await inbox.assign(shop=other, conversation_id=first.id, agent_id=None)

    from shopchat.models import Conversation

    second = await Conversation.create(shop=shop, visitor=visitor)
    await messages.store_message(
        shop=shop, conversation_id=second.id, author=Author.VISITOR, body="Again",
        client_msg_id=None,
    )  # fmt: skip
    second = await conversations.get_conversation(shop=shop, conversation_id=second.id)
    earlier = await inbox.earlier_conversations(shop=shop, conversation=second)
    assert [e["id"] for e in earlier] == [first.id]
    assert earlier[0]["last_message"]["body"] == "Blue MUG?"


async def test_revocations_name_the_sessions_that_ended(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    owner = await accounts.create_agent(
        shop=shop, email="o@a.example", password="owner pass", role=Role.OWNER
    )
    agent = await accounts.create_agent(shop=shop, email="b@a.example", password="agent pass")
    tokens = [
        (await sessions.login(email="b@a.example", password="agent pass", shop_key=None,
                            ttl_seconds=60))[0]
        for _ in range(2)
    ]  # fmt: skip
    kept = await sessions.lookup(tokens[0])
    revocation = await accounts.change_own_password(
        agent=agent,
        session_id=kept.session_id,
        current_password="agent pass",
        new_password="new pass!",
    )
    assert revocation.agent_id == agent.id and kept.session_id not in revocation.session_ids
    assert len(revocation.session_ids) == 1
    assert await sessions.lookup(tokens[1]) is None
    _, revocation = await accounts.set_active(owner=owner, agent_id=agent.id, active=False)
    assert revocation.session_ids == [kept.session_id]
    assert not await AgentSession.filter(agent_id=agent.id).exists()
    with pytest.raises(Conflict):
        await accounts.set_active(owner=owner, agent_id=owner.id, active=False)
    assert datetime.now(UTC) - timedelta(seconds=5) < owner.created_at


async def test_a_redis_store_shares_failures_between_processes():
    from shopchat.services.throttle import RedisFailureStore
    from tests.services import redis_url, unique_prefix

    url, prefix = redis_url(), unique_prefix()
    first, second = RedisFailureStore(url, prefix), RedisFailureStore(url, prefix)
    one = LoginThrottle(account_limit=2, ip_limit=50, window_seconds=60, store=first)
    two = LoginThrottle(account_limit=2, ip_limit=50, window_seconds=60, store=second)
    try:
        await one.failed(email="a@x.example", ip="10.0.0.1")
        await two.failed(email="A@x.example", ip="10.0.0.2")
        assert 55 <= await one.retry_after(email="a@x.example", ip="10.0.0.3") <= 60
        assert await two.retry_after(email="b@x.example", ip="10.0.0.1") == 0
        await one.succeeded(email="a@x.example")
        assert await two.retry_after(email="a@x.example", ip="10.0.0.3") == 0
    finally:
        await first.close()
        await second.close()


async def test_an_unreachable_store_fails_open():
    from shopchat.services.throttle import RedisFailureStore

    store = RedisFailureStore("redis://127.0.0.1:1/0", "nowhere:")
    throttle = LoginThrottle(account_limit=1, ip_limit=1, window_seconds=60, store=store)
    await throttle.failed(email="a@x.example", ip="10.0.0.1")
    assert await throttle.retry_after(email="a@x.example", ip="10.0.0.1") == 0
    await store.close()
