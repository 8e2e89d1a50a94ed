"""The console's email settings against a server that really mails (aiosmtpd): an agent picks
which unread messages are mailed, and the test mail arrives at the agent's address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, expect

from shopchat.testing import ServerProcess
from shopchat.testing.console_page import AgentConsole
from tests.mailbox import Mailbox

PASSWORD = "email e2e password"


@pytest.fixture(scope="module")
def mailing_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ServerProcess, Mailbox]]:
    box = Mailbox().start()
    workdir: Path = tmp_path_factory.mktemp("console-email")
    server = ServerProcess(
        workdir,
        {
            "SHOPCHAT_VAR_DIR": str(workdir / "var"),
            "SHOPCHAT_DATABASE_URL": f"sqlite://{workdir}/var/shopchat.db",
            "SHOPCHAT_SMTP_URL": box.url,
            "SHOPCHAT_MAIL_FROM": "chat@shopchat.example",
            "SHOPCHAT_MAIL_POLL_SECONDS": "0.2",
        },
    )
    shop = server.cli("create-shop", "--name", "Fjord & Fern", "--origin", "http://127.0.0.1:9")
    server.cli(
        "create-agent", "--shop", shop["shop_key"], "--email", "mia@fjord.example",
        "--password", PASSWORD, "--name", "Mia",
    )  # fmt: skip
    try:
        with server:
            yield server, box
    finally:
        box.stop()


def test_an_agent_chooses_email_notifications_and_gets_a_test_mail(
    new_context, mailing_server: tuple[ServerProcess, Mailbox]
) -> None:
    server, box = mailing_server
    context: BrowserContext = new_context()
    console = (
        AgentConsole(context.new_page(), server.url).goto().login("mia@fjord.example", PASSWORD)
    )
    settings = console.open_settings("account")
    choice = settings.get_by_test_id("pref-email")
    expect(choice).to_have_value("every_unanswered")
    choice.select_option("new_conversations")
    expect(settings.get_by_test_id("email-status")).to_have_text("Saved.")

    settings.get_by_test_id("test-email").click()
    expect(settings.get_by_test_id("email-status")).to_contain_text("on its way")
    [mail] = box.wait_for("mia@fjord.example", timeout=10)
    assert "Fjord & Fern" in str(mail.message["From"])
    console.page.reload()  # the choice was stored, not only shown
    expect(console.open_settings("account").get_by_test_id("pref-email")).to_have_value(
        "new_conversations"
    )
