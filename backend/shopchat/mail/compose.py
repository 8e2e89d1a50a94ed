"""A mail's headers and body parts, and its bytes on the wire.

The outbox payload holds what compose needs (`Mail`), rendered when the mail was queued, so
a retry sends the same Message-ID and words; Date is set at each attempt."""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

# policy.SMTP folds header lines at 78 characters, which turns a long URL (List-Unsubscribe,
# later) into RFC 2047 encoded-words that mail clients cannot use: fold only past 998.
POLICY = policy.SMTP.clone(max_line_length=998)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
MAX_HEADER_TEXT = 200


def clean_header(text: str) -> str:
    """No CR/LF or other control characters (header injection), one line, bounded."""
    return " ".join(_CONTROL.sub(" ", text).split())[:MAX_HEADER_TEXT]


def domain_of(address: str) -> str:
    return address.rpartition("@")[2] or "localhost"


def new_message_id(domain: str) -> str:
    return f"<{uuid.uuid4().hex}@{domain}>"


def thread_root(*, shop_id: int, conversation_id: int, audience: str, domain: str) -> str:
    """The stable id every mail of one conversation to one audience (staff, shopper) refers
    to, so mail clients show one thread per conversation."""
    return f"<{audience}.{shop_id}.{conversation_id}@{domain}>"


@dataclass(frozen=True)
class Mail:
    to: str
    from_name: str
    subject: str
    text: str
    html: str
    message_id: str
    in_reply_to: str | None = None
    references: list[str] = field(default_factory=list)

    def payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Mail:
        return cls(**{key: payload[key] for key in cls.__dataclass_fields__ if key in payload})


def build(mail: Mail, *, mail_from: str, now: datetime | None = None) -> EmailMessage:
    message = EmailMessage(policy=POLICY)
    local, _, domain = mail_from.partition("@")
    message["From"] = Address(clean_header(mail.from_name), local, domain)
    message["To"] = mail.to
    message["Subject"] = clean_header(mail.subject)
    message["Date"] = format_datetime(now or datetime.now(UTC))
    message["Message-ID"] = mail.message_id
    if mail.in_reply_to:
        message["In-Reply-To"] = mail.in_reply_to
    if mail.references:
        message["References"] = " ".join(mail.references)
    message["Auto-Submitted"] = "auto-generated"  # auto-responders do not answer it
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message


def flatten(message: EmailMessage) -> bytes:
    return message.as_bytes(policy=POLICY)
