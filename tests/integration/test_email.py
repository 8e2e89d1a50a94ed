"""Outgoing mail through a real SMTP server (aiosmtpd), from a real server process: the test
mail, staff notifications (delay, away, grouping, threading, escalation), escaping,
limits and an address refused with 550."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shopchat.testing import ServerProcess
from tests.integration.client import (
    Shop,
    bearer,
    http,
    login,
    make_shop,
    open_agent,
    open_visitor,
    send_message,
)
from tests.mailbox import Mailbox
from tests.services import GENEROUS_LIMITS

NOTIFY_AFTER = 3
ESCALATE_AFTER = 6
PER_ADDRESS_HOUR = 4


@pytest.fixture(scope="module")
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox().start()
    yield box
    box.stop()


@pytest.fixture(scope="module")
def server(mailbox: Mailbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    workdir = tmp_path_factory.mktemp("email-server")
    env = {
        "SHOPCHAT_VAR_DIR": str(workdir / "var"),
        "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
        "SHOPCHAT_SMTP_URL": mailbox.url,
        "SHOPCHAT_MAIL_FROM": "chat@shopchat.example",
        "SHOPCHAT_NOTIFY_AFTER_SECONDS": str(NOTIFY_AFTER),
        "SHOPCHAT_ESCALATE_AFTER_SECONDS": str(ESCALATE_AFTER),
        "SHOPCHAT_LIMIT_MAIL_PER_ADDRESS_HOUR": str(PER_ADDRESS_HOUR),
        "SHOPCHAT_MAIL_POLL_SECONDS": "0.2",
        **GENEROUS_LIMITS,
    }
    with ServerProcess(workdir, env) as process:
        yield process


@pytest.fixture
def shop(server: ServerProcess) -> Shop:
    return make_shop(server, name="Tea & Co")


def _text(mail) -> str:
    return mail.message.get_body(("plain",)).get_content()


def _html(mail) -> str:
    return mail.message.get_body(("html",)).get_content()


def test_the_test_mail_is_multipart_with_message_id_date_and_the_shop_as_sender(
    server, mailbox, shop
):
    response = http(server, "POST", "/api/v1/me/test-email", headers=bearer(shop.token))
    assert response.status == 202, response.body
    [mail] = mailbox.wait_for(shop.email)
    message = mail.message
    assert message.get_content_type() == "multipart/alternative"
    assert re.fullmatch(r"<[0-9a-f]{32}@shopchat\.example>", message["Message-ID"])
    assert message["Date"] and message["Subject"] == "Test mail from Tea & Co"
    assert message["From"].addresses[0].display_name == "Tea & Co"
    assert message["From"].addresses[0].addr_spec == "chat@shopchat.example"
    assert "Hello Alice" in _text(mail) and "Tea &amp; Co" in _html(mail)


def test_a_550_makes_the_address_undeliverable_until_retried(server, mailbox, shop):
    address = f"bounce-{shop.key[-6:]}@example.com".lower()
    server.cli("create-agent", "--shop", shop.key, "--email", address, "--password",
               "correct horse", "--name", "Bob")  # fmt: skip
    token = login(server, address)
    assert http(server, "POST", "/api/v1/me/test-email", headers=bearer(token)).status == 202
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status = http(server, "GET", "/api/v1/shop/email", headers=bearer(shop.token)).body
        if status["email"]["undeliverable"]:
            break
        time.sleep(0.1)
    email = status["email"]
    assert email["enabled"] is True
    assert [row["address"] for row in email["undeliverable"]] == [address]
    assert email["undeliverable"][0]["smtp_reply"].startswith("550")
    assert email["last_error"]["message"].startswith("550")
    retry = http(server, "DELETE", f"/api/v1/shop/email/undeliverable?address={address}",
                 headers=bearer(shop.token))  # fmt: skip
    assert retry.status == 200
    again = http(server, "DELETE", f"/api/v1/shop/email/undeliverable?address={address}",
                 headers=bearer(shop.token))  # fmt: skip
    assert again.status == 404 and again.body["error"]["code"] == "not_found"


def test_mail_over_the_per_address_limit_is_not_sent(server, mailbox, shop):
    for _ in range(PER_ADDRESS_HOUR + 2):
        http(server, "POST", "/api/v1/me/test-email", headers=bearer(shop.token))
    mailbox.wait_for(shop.email, PER_ADDRESS_HOUR)
    time.sleep(1.5)
    assert len(mailbox.to(shop.email)) == PER_ADDRESS_HOUR


def test_preferences_take_an_email_choice_and_the_shop_a_language(server, shop):
    put = http(server, "PUT", "/api/v1/me/preferences", {"email": "off"}, bearer(shop.token))
    assert put.status == 200 and put.body["preferences"]["email"] == "off"
    bad = http(server, "PUT", "/api/v1/me/preferences", {"email": "always"}, bearer(shop.token))
    assert bad.status == 400 and "error" in bad.body
    zh = http(server, "PUT", "/api/v1/shop/settings", {"language": "zh-CN"}, bearer(shop.token))
    assert zh.status == 200 and zh.body["settings"]["language"] == "zh-CN"
    fr = http(server, "PUT", "/api/v1/shop/settings", {"language": "fr"}, bearer(shop.token))
    assert fr.status == 400


async def test_an_away_shop_mails_at_once_one_mail_for_the_whole_unread_stretch(
    server, mailbox, shop
):
    visitor, welcome = await open_visitor(server, shop.key)
    assert welcome["shop"]["email"] is True
    started = time.monotonic()
    await send_message(visitor, "<script>alert(1)</script> is my order lost?")
    await send_message(visitor, "order #1234")
    [mail] = await asyncio.to_thread(mailbox.wait_for, shop.email)
    assert time.monotonic() - started < NOTIFY_AFTER  # nobody in the console: no delay
    html, text = _html(mail), _text(mail)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script> is my order lost?" in text
    link = re.search(r"http://127\.0\.0\.1:\d+/console/#/conversations/\d+", text)
    assert link and link.group() in html
    await send_message(visitor, "hello??")  # already notified: no second mail
    await asyncio.sleep(1.5)
    assert len(mailbox.to(shop.email)) == 1
    await visitor.close()


async def test_with_an_agent_online_the_mail_waits_and_a_read_re_arms_it(server, mailbox, shop):
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    conversation_id = welcome["conversation_id"]
    await send_message(visitor, "first question")
    await asyncio.sleep(NOTIFY_AFTER - 1.5)
    assert mailbox.to(shop.email) == []  # an agent is here: they get the delay to answer
    [first] = await asyncio.to_thread(mailbox.wait_for, shop.email, 1, 10)
    await agent.send(f'{{"type": "read", "conversation_id": {conversation_id}, "seq": 1}}')
    await asyncio.sleep(0.5)
    await send_message(visitor, "second question")
    mails = await asyncio.to_thread(mailbox.wait_for, shop.email, 2, 15)
    second = mails[1].message
    assert "second question" in _text(mails[1]) and "first question" not in _text(mails[1])
    root = first.message["In-Reply-To"]
    assert root.startswith("<staff.") and first.message["References"] == root
    assert second["In-Reply-To"] == first.message["Message-ID"]
    assert second["References"].split() == [root, first.message["Message-ID"]]
    assert second["Subject"] == first.message["Subject"]  # one thread in every mail client
    await agent.close()
    await visitor.close()


async def test_an_answered_conversation_is_not_mailed(server, mailbox, shop):
    agent, _ = await open_agent(server, shop.token)
    visitor, welcome = await open_visitor(server, shop.key)
    await send_message(visitor, "quick question")
    await send_message(agent, "quick answer", conversation_id=welcome["conversation_id"])
    await asyncio.sleep(NOTIFY_AFTER + 1.5)
    assert mailbox.to(shop.email) == []
    await agent.close()
    await visitor.close()


async def test_still_unanswered_escalates_to_the_owners(server, mailbox, shop):
    visitor, _ = await open_visitor(server, shop.key)
    await send_message(visitor, "is anyone there?")
    mails = await asyncio.to_thread(mailbox.wait_for, shop.email, 2, ESCALATE_AFTER + 10)
    assert "Still unanswered after 1 minutes" not in _text(mails[0])
    assert "Still unanswered" in _text(mails[1])
    assert mails[1].message["In-Reply-To"] == mails[0].message["Message-ID"]
    await visitor.close()


async def test_zh_cn_shop_mails_in_chinese(server, mailbox, shop):
    http(server, "PUT", "/api/v1/shop/settings", {"language": "zh-CN"}, bearer(shop.token))
    visitor, _ = await open_visitor(server, shop.key)
    await send_message(visitor, "你好，请问有货吗？")
    [mail] = await asyncio.to_thread(mailbox.wait_for, shop.email)
    assert "打开对话" in _text(mail) and "你好，请问有货吗？" in _html(mail)
    assert mail.message["Subject"] == "Tea & Co：与一位顾客的对话"
    await visitor.close()


def test_raw_headers_are_never_folded_into_encoded_words(mailbox, shop, server):
    http(server, "POST", "/api/v1/me/test-email", headers=bearer(shop.token))
    [mail] = mailbox.wait_for(shop.email)
    head = mail.raw.split(b"\r\n\r\n", 1)[0].decode()
    assert "Message-ID: <" in head and "=?utf-8?" not in head.split("Subject:")[0]


def test_no_mail_settings_means_email_off(tmp_path: Path):
    env = {"SHOPCHAT_VAR_DIR": str(tmp_path / "var"),
           "SHOPCHAT_DATABASE_URL": f"sqlite://{tmp_path}/var/shopchat.db"}  # fmt: skip
    with ServerProcess(tmp_path, env) as process:
        shop = make_shop(process)
        response = http(process, "POST", "/api/v1/me/test-email", headers=bearer(shop.token))
        assert response.status == 409 and response.body["error"]["code"] == "conflict"
        status = http(process, "GET", "/api/v1/shop/email", headers=bearer(shop.token))
        assert status.body["email"]["enabled"] is False

        async def welcome() -> dict:
            ws, frame = await open_visitor(process, shop.key)
            await ws.close()
            return frame

        assert asyncio.run(welcome())["shop"]["email"] is False
