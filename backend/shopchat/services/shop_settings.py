"""The shop's settings as its owner edits them, validated before anything is stored."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..models import Language, Shop
from ..origins import InvalidOrigin, normalize_rule
from .business_hours import DAYS, opening_now
from .errors import InvalidInput
from .shops import forget_cached_shop

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_ORIGINS = 50


def settings_summary(shop: Shop) -> dict[str, Any]:
    return {
        "name": shop.name,
        "key": shop.key,
        "greeting": shop.greeting,
        "allowed_origins": list(shop.allowed_origins or []),
        "brand_color": shop.brand_color,
        "widget_position": shop.widget_position,
        "business_hours": shop.business_hours,
        "offline_message": shop.offline_message,
        "language": str(shop.language),
    }


def widget_shop(
    shop: Shop, *, agents_online: bool, email: bool = False, now: datetime | None = None
) -> dict[str, Any]:
    """The shop as the widget's welcome shows it.

    `online` is what the widget shows: an agent is connected *and* it is business hours.
    `hours` lets the widget flip at the next opening or closing without reconnecting: it
    toggles `open` at each of `changes_at` (epoch ms), measured against the server's `now`.
    """
    now = now or datetime.now(UTC)
    hours = opening_now(shop.business_hours, now)
    return {
        "name": shop.name,
        "online": agents_online and hours.open,
        "agents_online": agents_online,
        "greeting": shop.greeting,
        "offline_message": shop.offline_message,
        "color": shop.brand_color,
        "position": shop.widget_position,
        # false while the server sends no mail: the offline note then promises no reply by mail
        "email": email,
        "hours": {
            "open": hours.open,
            "now": _epoch_ms(now),
            "changes_at": [_epoch_ms(moment) for moment in hours.changes],
        },
    }


def _epoch_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def _origins(values: list[str]) -> list[str]:
    if not values:
        raise InvalidInput("allowed_origins needs at least one origin")
    if len(values) > MAX_ORIGINS:
        raise InvalidInput(f"allowed_origins holds at most {MAX_ORIGINS} origins")
    rules: list[str] = []
    for value in values:
        try:
            rule = normalize_rule(value)
        except InvalidOrigin as error:
            raise InvalidInput(f"allowed_origins: {error}") from None
        if rule not in rules:
            rules.append(rule)
    return rules


def _business_hours(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """{"timezone": "Europe/Oslo", "days": {"mon": [["09:00", "17:00"]], ...}} or None.

    An end at or before the start runs past midnight (see business_hours.opening).
    """
    if value is None:
        return None
    timezone = value.get("timezone")
    if not isinstance(timezone, str) or not timezone:
        raise InvalidInput("business_hours.timezone is required, e.g. 'Europe/Oslo'")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        message = f"business_hours.timezone {timezone[:64]!r} is not a time zone"
        raise InvalidInput(message) from None
    days = value.get("days") or {}
    if not isinstance(days, dict):
        raise InvalidInput("business_hours.days must be an object keyed mon..sun")
    clean: dict[str, list[list[str]]] = {}
    for day, ranges in days.items():
        if day not in DAYS:
            raise InvalidInput(f"business_hours.days: {str(day)[:10]!r} is not one of mon..sun")
        if not isinstance(ranges, list) or len(ranges) > 4:
            raise InvalidInput(f"business_hours.days.{day} must be a list of up to 4 ranges")
        clean[day] = []
        for item in ranges:
            ok = isinstance(item, list | tuple) and len(item) == 2
            ok = ok and all(isinstance(t, str) and _TIME.match(t) for t in item)
            if not ok:
                raise InvalidInput(f'business_hours.days.{day}: each range is ["HH:MM", "HH:MM"]')
            clean[day].append([item[0], item[1]])
    return {"timezone": timezone, "days": {d: clean[d] for d in DAYS if d in clean}}


async def update_settings(*, shop: Shop, changes: dict[str, Any]) -> Shop:
    """Apply the given fields (absent ones stay as they are)."""
    fields: list[str] = []
    if "name" in changes:
        name = str(changes["name"]).strip()
        if not name:
            raise InvalidInput("name must not be empty")
        shop.name = name
        fields.append("name")
    for text_field in ("greeting", "offline_message"):
        if text_field in changes:
            setattr(shop, text_field, str(changes[text_field]).strip())
            fields.append(text_field)
    if "allowed_origins" in changes:
        shop.allowed_origins = _origins(list(changes["allowed_origins"]))
        fields.append("allowed_origins")
    if "brand_color" in changes:
        color = str(changes["brand_color"])
        if not _COLOR.match(color):
            raise InvalidInput(f"brand_color must look like #1a2b3c, got {color[:20]!r}")
        shop.brand_color = color.lower()
        fields.append("brand_color")
    if "widget_position" in changes:
        if changes["widget_position"] not in ("left", "right"):
            raise InvalidInput("widget_position must be 'left' or 'right'")
        shop.widget_position = changes["widget_position"]
        fields.append("widget_position")
    if "business_hours" in changes:
        shop.business_hours = _business_hours(changes["business_hours"])
        fields.append("business_hours")
    if "language" in changes:
        if changes["language"] not in {language.value for language in Language}:
            raise InvalidInput("language must be 'en' or 'zh-CN'")
        shop.language = Language(changes["language"])
        fields.append("language")
    if fields:
        await shop.save(update_fields=fields)
        forget_cached_shop(shop.key)
    return shop
