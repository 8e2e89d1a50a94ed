"""The outbox under failure: SMTP down (chat unaffected, mail retried once it is back), a
kill -9 with mail queued, and two processes on one PostgreSQL database sending each mail once."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

from shopchat.testing import ServerProcess
from tests.integration.client import bearer, http, make_shop, open_visitor, send_message
from tests.mailbox import Mailbox
from tests.services import GENEROUS_LIMITS, fresh_postgres_database


def _env(workdir: Path, database_url: str, mailbox: Mailbox) -> dict[str, str]:
    return {
        "SHOPCHAT_VAR_DIR": str(workdir / "var"),
        "SHOPCHAT_DATABASE_URL": database_url,
        "SHOPCHAT_SMTP_URL": mailbox.url,
        "SHOPCHAT_MAIL_FROM": "chat@shopchat.example",
        "SHOPCHAT_MAIL_POLL_SECONDS": "0.2",
        "SHOPCHAT_LIMIT_MAIL_PER_ADDRESS_HOUR": "1000",
        **GENEROUS_LIMITS,
    }


def test_smtp_down_chat_works_and_kill_9_loses_no_queued_mail(tmp_path: Path):
    mailbox = Mailbox()  # not started: nothing listens on its port
    server = ServerProcess(tmp_path, _env(tmp_path, f"sqlite://{tmp_path}/var/db.sqlite", mailbox))
    server.start()
    try:
        shop = make_shop(server)
        for _ in range(3):
            queued = http(server, "POST", "/api/v1/me/test-email", headers=bearer(shop.token))
            assert queued.status == 202

        async def chat() -> float:
            visitor, _ = await open_visitor(server, shop.key)
            started = time.monotonic()
            await send_message(visitor, "still there?")
            await visitor.close()
            return time.monotonic() - started

        assert asyncio.run(chat()) < 1.0  # the message path does not wait for mail
        time.sleep(1)
        status = http(server, "GET", "/api/v1/shop/email", headers=bearer(shop.token)).body
        assert "ConnectionRefused" in status["email"]["last_error"]["message"] or (
            "connect" in status["email"]["last_error"]["message"].lower()
        )
        server.send_signal(9)
        server.wait(10)
        mailbox.start()
        server.start()
        mails = mailbox.wait_for(shop.email, 4, timeout=30)  # 3 test mails, 1 notification
        time.sleep(1)
        subjects = Counter(m.message["Subject"] for m in mailbox.to(shop.email))
        assert subjects == {"Test mail from Test Shop": 3, "Chat with A shopper at Test Shop": 1}
        assert len({m.message["Message-ID"] for m in mails}) == 4
    finally:
        server.stop()
        mailbox.stop()


def test_two_processes_on_postgresql_send_each_mail_once(tmp_path: Path):
    mailbox = Mailbox().start()
    with fresh_postgres_database() as url:
        first = ServerProcess(tmp_path / "a", _env(tmp_path / "a", url, mailbox))
        first.cli("migrate")
        second = ServerProcess(tmp_path / "b", _env(tmp_path / "b", url, mailbox))
        with first, second:
            shop = make_shop(first)
            for n in range(40):
                target = first if n % 2 else second
                http(target, "POST", "/api/v1/me/test-email", headers=bearer(shop.token))
            mailbox.wait_for(shop.email, 40, timeout=30)
            time.sleep(1.5)
            ids = Counter(m.message["Message-ID"] for m in mailbox.to(shop.email))
            assert len(ids) == 40 and set(ids.values()) == {1}
    mailbox.stop()
