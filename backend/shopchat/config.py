"""One Settings object, read from SHOPCHAT_* environment variables in one place."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


def _package_dir() -> Path:
    """The installed package's folder, from importlib.resources. Everything the server serves
    lies under it: console/, migrations/, and widget/ and demo_site/, which are real folders in
    a wheel and symlinks to the repository's top-level folders in the editable tree. Served
    with file-system paths (mtimes, rglob, http.server), so a zipped install is refused."""
    root = resources.files(__package__)
    if not isinstance(root, Path):
        raise RuntimeError(f"shopchat must be installed as files, not from {root!r}")
    return root


PACKAGE_DIR = _package_dir()
WIDGET_DIR = PACKAGE_DIR / "widget"
DEMO_SITE_DIR = PACKAGE_DIR / "demo_site"


class ConfigError(Exception):
    """Invalid configuration; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    database_url: str = "sqlite://var/shopchat.db"
    broker_url: str = "memory://"
    redis_prefix: str = ""
    presence_ttl_seconds: int = 15
    secret_key: str = ""
    public_url: str = "http://127.0.0.1:8000"
    var_dir: Path = Path("var")
    widget_dir: Path = WIDGET_DIR
    max_body_chars: int = 2000
    max_frame_bytes: int = 65536
    history_limit_default: int = 50
    welcome_backlog_max: int = 500
    agent_token_ttl_seconds: int = 12 * 3600
    hello_timeout_seconds: float = 10.0
    login_max_failures: int = 5
    login_ip_max_failures: int = 30
    login_window_seconds: int = 900
    # Abuse limits (docs/security.md): per visitor socket, and per client IP in this process.
    limit_message_burst: int = 10
    limit_message_per_second: float = 1.0
    limit_typing_burst: int = 5
    limit_typing_per_second: float = 1.0
    limit_sockets_per_ip_minute: int = 600
    limit_visitors_per_ip_hour: int = 1000
    proxies_count: int = 0
    # Email (docs/email.md): off without smtp_url.
    smtp_url: str = ""
    mail_from: str = ""
    reply_domain: str = ""
    notify_after_seconds: int = 120
    escalate_after_seconds: int = 900
    continuity_after_seconds: int = 120
    limit_mail_per_address_hour: int = 10
    limit_mail_per_shop_day: int = 2000
    inbound_secret: str = ""
    # How often the outbox worker and the mail scheduler look for due work when idle.
    mail_poll_seconds: float = 2.0
    log_level: str = "INFO"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def database_dialect(self) -> str:
        return "postgres" if self.database_url.startswith(("postgres", "asyncpg")) else "sqlite"

    @property
    def namespace(self) -> str:
        """Prefix of every Redis key and channel. Pub/sub channels ignore Redis database
        numbers, so deployments sharing a Redis are kept apart by this, derived from the
        database URL unless SHOPCHAT_REDIS_PREFIX sets it."""
        if self.redis_prefix:
            return self.redis_prefix
        return "shopchat:" + hashlib.sha256(self.database_url.encode()).hexdigest()[:12] + ":"

    @property
    def in_process_broker(self) -> bool:
        """`memory://`: fan-out, presence and login failures reach this process only."""
        return urlsplit(self.broker_url).scheme == "memory"

    @property
    def email_enabled(self) -> bool:
        return bool(self.smtp_url)

    @property
    def smtp(self) -> SmtpServer:
        return parse_smtp_url(self.smtp_url)

    @property
    def public_origin(self) -> str:
        parts = urlsplit(self.public_url)
        return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class SmtpServer:
    """SHOPCHAT_SMTP_URL: smtp://[user:password@]host:port (STARTTLS when the server offers
    it; ?starttls=require insists) or smtps://… (TLS from the first byte)."""

    host: str
    port: int
    username: str | None
    password: str | None
    implicit_tls: bool
    require_starttls: bool


def parse_smtp_url(url: str) -> SmtpServer:
    """ConfigError naming SHOPCHAT_SMTP_URL for anything but the two forms above."""
    parts = urlsplit(url)
    shown = parts._replace(netloc=parts.hostname or "").geturl()  # never print the password
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ConfigError(
            f"SHOPCHAT_SMTP_URL must look like smtp://[user:password@]host:port or "
            f"smtps://…, got {shown!r}"
        )
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 587)
    except ValueError:
        raise ConfigError(f"SHOPCHAT_SMTP_URL has an invalid port: {shown!r}") from None
    query = parse_qs(parts.query)
    starttls = query.pop("starttls", [""])[-1]
    if query or starttls not in ("", "require"):
        raise ConfigError("SHOPCHAT_SMTP_URL takes only the option ?starttls=require")
    if starttls and parts.scheme == "smtps":
        raise ConfigError("SHOPCHAT_SMTP_URL: smtps:// is TLS already; drop ?starttls=require")
    return SmtpServer(
        host=parts.hostname,
        port=port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=parts.scheme == "smtps",
        require_starttls=bool(starttls),
    )


_ADDRESS = re.compile(r"^[^@\s<>\"]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,63}$")


def _validate_email(settings: Settings) -> None:
    if not settings.smtp_url:
        return
    settings.smtp  # noqa: B018  (parses, or raises ConfigError)
    if not _ADDRESS.match(settings.mail_from):
        raise ConfigError(
            "SHOPCHAT_MAIL_FROM must be an address on your domain (e.g. chat@myshop.example) "
            f"when SHOPCHAT_SMTP_URL is set, got {settings.mail_from!r}"
        )
    if settings.reply_domain and not _DOMAIN.match(settings.reply_domain):
        raise ConfigError(
            f"SHOPCHAT_REPLY_DOMAIN must be a domain name, got {settings.reply_domain!r}"
        )


_INT_FIELDS = {f.name for f in fields(Settings) if f.type in ("int", int)}
_FLOAT_FIELDS = {f.name for f in fields(Settings) if f.type in ("float", float)}


def _env_name(name: str) -> str:
    return f"SHOPCHAT_{name.upper()}"


# Zero is a meaningful value only for these; every other number must be positive.
_MAY_BE_ZERO = {"proxies_count"}


def _parse(name: str, raw: str) -> Any:
    if name in _INT_FIELDS or name in _FLOAT_FIELDS:
        kind, convert = ("an integer", int) if name in _INT_FIELDS else ("a number", float)
        try:
            value: Any = convert(raw)
        except ValueError:
            raise ConfigError(f"{_env_name(name)} must be {kind}, got {raw!r}") from None
        if value < 0 or (value == 0 and name not in _MAY_BE_ZERO) or value != value:
            raise ConfigError(f"{_env_name(name)} must be positive, got {raw!r}")
        return value
    if name in ("var_dir", "widget_dir"):
        return Path(raw)
    return raw


def _validate(settings: Settings) -> None:
    scheme = urlsplit(settings.database_url).scheme
    if scheme not in ("sqlite", "postgres", "postgresql", "asyncpg"):
        raise ConfigError(
            f"SHOPCHAT_DATABASE_URL must start with sqlite:// or postgres://, "
            f"got {settings.database_url!r}"
        )
    if urlsplit(settings.broker_url).scheme not in ("memory", "redis", "rediss"):
        raise ConfigError(
            f"SHOPCHAT_BROKER_URL must start with memory:// or redis://, "
            f"got {settings.broker_url!r}"
        )
    public = urlsplit(settings.public_url)
    if public.scheme not in ("http", "https") or not public.netloc:
        raise ConfigError(
            f"SHOPCHAT_PUBLIC_URL must be an http(s) URL, got {settings.public_url!r}"
        )
    if len(settings.secret_key) < 32:
        raise ConfigError("SHOPCHAT_SECRET_KEY must be at least 32 characters long")
    _validate_email(settings)


def _stored_secret_key(var_dir: Path) -> str:
    """The generated key kept under var/, so restarts keep signed values valid."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key + "\n")
    path.chmod(0o600)
    return key


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Read settings from the environment; raise ConfigError naming the bad variable."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name == "extra":
            continue
        raw = env.get(_env_name(f.name))
        if raw is not None and raw != "":
            values[f.name] = _parse(f.name, raw)
    values.update(overrides)
    var_dir = Path(values.get("var_dir", Settings.var_dir))
    values.setdefault("database_url", f"sqlite://{var_dir}/shopchat.db")
    if not values.get("secret_key"):
        values["secret_key"] = _stored_secret_key(var_dir)
    settings = Settings(**values)
    _validate(settings)
    return settings
