"""A real SMTP server (aiosmtpd) on a free loopback port: what the server under test sends
arrives here. Addresses starting with "bounce" are refused with 550 at RCPT."""

from __future__ import annotations

import email
import time
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from shopchat.testing.server import free_port


@dataclass
class Received:
    recipients: list[str]
    raw: bytes
    message: EmailMessage


@dataclass
class _Handler:
    mails: list[Received] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("bounce"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = bytes(envelope.original_content or envelope.content)
        parsed = email.message_from_bytes(raw, policy=policy.default)
        self.mails.append(Received(list(envelope.rcpt_tos), raw, parsed))  # type: ignore[arg-type]
        return "250 Message accepted"


class Mailbox:
    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.handler = _Handler()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> Mailbox:
        self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def to(self, address: str) -> list[Received]:
        return [m for m in self.handler.mails if address in m.recipients]

    def wait_for(self, address: str, count: int = 1, timeout: float = 15.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            mails = self.to(address)
            if len(mails) >= count:
                return mails
            time.sleep(0.05)
        raise AssertionError(f"{len(self.to(address))} mails to {address}, wanted {count}")
