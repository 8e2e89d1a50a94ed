"""One mail over SMTP (aiosmtplib), its failure classified: permanent (5xx) or temporary."""

from __future__ import annotations

import aiosmtplib

from ..config import SmtpServer

TIMEOUT_SECONDS = 30


class PermanentFailure(Exception):
    """The server refused for good (5xx): the reply is kept for the console."""


class TemporaryFailure(Exception):
    """4xx, a refused connection, a timeout: try again later."""


async def send(server: SmtpServer, *, sender: str, recipient: str, raw: bytes) -> None:
    """Send `raw` (already flattened: see compose.flatten) to one recipient."""
    try:
        _errors, _reply = await aiosmtplib.send(
            raw,
            sender=sender,
            recipients=[recipient],
            hostname=server.host,
            port=server.port,
            username=server.username,
            password=server.password,
            use_tls=server.implicit_tls,
            # None: STARTTLS when the server offers it; True: refuse to send without it
            start_tls=True if server.require_starttls else (False if server.implicit_tls else None),
            timeout=TIMEOUT_SECONDS,
        )
    except aiosmtplib.SMTPRecipientsRefused as error:
        refusal = error.recipients[0]
        raise _classified(refusal.code, refusal.message) from None
    except aiosmtplib.SMTPResponseException as error:
        raise _classified(error.code, error.message) from None
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
        raise TemporaryFailure(f"{type(error).__name__}: {error}") from None


def _classified(code: int, message: str) -> Exception:
    reply = f"{code} {message}".strip()
    return PermanentFailure(reply) if 500 <= code < 600 else TemporaryFailure(reply)
