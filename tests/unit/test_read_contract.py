"""Issue 14's read contract: a shopper message is read once an agent's read frame covers it
or an agent posts any message after it; either re-arms the staff mail."""

from datetime import UTC, datetime

from shopchat.models import Author, Conversation
from shopchat.services import conversations, messages, shops
from tests.unit.test_services import new_thread


async def _write(shop, conversation, author, body, **extra):
    return await messages.store_message(
        shop=shop, conversation_id=conversation.id, author=author, body=body,
        client_msg_id=None, **extra,
    )  # fmt: skip


async def test_an_agent_reply_reads_every_shopper_message_before_it(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    _visitor, conversation = await new_thread(shop)
    await _write(shop, conversation, Author.VISITOR, "hello?")
    await _write(shop, conversation, Author.VISITOR, "anyone?")
    await Conversation.filter(id=conversation.id).update(
        notified_at=datetime.now(UTC), escalated_at=datetime.now(UTC)
    )
    stored = await _write(shop, conversation, Author.AGENT, "Hi!")
    after = await Conversation.get(id=conversation.id)
    assert (after.unread_agent, after.agent_read_seq) == (0, 3)
    assert (after.notified_at, after.escalated_at) == (None, None)
    assert stored.conversation is not None and stored.conversation.unread_agent == 0
    assert after.unread_visitor == 1


async def test_an_internal_note_counts_as_an_agent_having_seen_the_conversation(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    _visitor, conversation = await new_thread(shop)
    await _write(shop, conversation, Author.VISITOR, "hello?")
    await _write(shop, conversation, Author.AGENT, "checking stock", internal=True)
    after = await Conversation.get(id=conversation.id)
    assert (after.unread_agent, after.agent_read_seq, after.unread_visitor) == (0, 2, 0)


async def test_a_shopper_message_after_the_reply_is_unread_again(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    _visitor, conversation = await new_thread(shop)
    await _write(shop, conversation, Author.VISITOR, "hello?")
    await _write(shop, conversation, Author.AGENT, "Hi!")
    await _write(shop, conversation, Author.VISITOR, "thanks, one more thing")
    after = await Conversation.get(id=conversation.id)
    assert (after.unread_agent, after.agent_read_seq, after.last_seq) == (1, 2, 3)


async def test_a_read_frame_clears_the_notification_state(database):
    shop, _ = await shops.create_shop(name="A", origins=["https://a.example"])
    _visitor, conversation = await new_thread(shop)
    await _write(shop, conversation, Author.VISITOR, "hello?")
    await Conversation.filter(id=conversation.id).update(notified_at=datetime.now(UTC))
    current = await conversations.get_conversation(shop=shop, conversation_id=conversation.id)
    await conversations.mark_read(conversation=current, reader=Author.AGENT, seq=1)
    after = await Conversation.get(id=conversation.id)
    assert (after.unread_agent, after.agent_read_seq, after.notified_at) == (0, 1, None)
