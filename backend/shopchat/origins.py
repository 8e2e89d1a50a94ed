"""Allowed-origin rules: exact origins, or a port wildcard such as http://localhost:*."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ORIGIN_RULE = re.compile(r"^(https?)://([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}|\*))?$")


class InvalidOrigin(ValueError):
    pass


def normalize_rule(rule: str) -> str:
    """Validate an allowed-origin rule and return its canonical, lower-case form."""
    candidate = rule.strip().lower().rstrip("/")
    match = _ORIGIN_RULE.match(candidate)
    if not match:
        raise InvalidOrigin(
            f"{rule!r} is not an origin: expected scheme://host[:port], port may be *"
        )
    port = match.group(3)
    if port and port != "*" and not 0 < int(port) < 65536:
        raise InvalidOrigin(f"{rule!r} has an invalid port")
    return candidate


def _default_port(scheme: str) -> str:
    return "443" if scheme == "https" else "80"


def origin_allowed(origin: str | None, rules: list[str]) -> bool:
    if not origin:
        return False
    parts = urlsplit(origin.lower())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    try:
        port = str(parts.port or _default_port(parts.scheme))
    except ValueError:
        return False
    host = parts.netloc.rsplit(":", 1)[0] if parts.port else parts.netloc
    for rule in rules:
        match = _ORIGIN_RULE.match(rule)
        if not match or match.group(1) != parts.scheme or match.group(2) != host:
            continue
        rule_port = match.group(3) or _default_port(parts.scheme)
        if rule_port in ("*", port):
            return True
    return False
