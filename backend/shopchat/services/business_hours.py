"""Is the shop open now, and when does that change? From its business hours and time zone.

The setting is `{"timezone": "Europe/Oslo", "days": {"mon": [["09:00", "17:00"]], ...}}`
(see shop_settings). A range whose end is at or before its start runs past midnight into the
next day ("22:00"-"06:00"; "00:00"-"00:00" is the whole day). A day that is missing or has no
range is a day off; no setting at all (None) means always open.

Every range is turned into an interval of real instants for the local dates around `now`, so
open-now and the next changes come from the same intervals and agree, across DST changes too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The widget gets the flips of the coming week; a page open longer gets new ones on reconnect.
HORIZON = timedelta(days=7)

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class Opening:
    open: bool
    changes: list[datetime] = field(default_factory=list)  # each one flips `open`, soonest first


def _instant(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    # fold=0: a wall time skipped by a DST change lands as much later, a repeated one is the
    # first of the two (what zoneinfo does for a naive local time)
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=zone).astimezone(UTC)


def _intervals(hours: dict[str, Any], zone: ZoneInfo, today: date) -> list[Interval]:
    """Open intervals in UTC for local dates from yesterday (overnight ranges) to today+8."""
    found: list[Interval] = []
    for offset in range(-1, 9):
        day = today + timedelta(days=offset)
        for start, end in hours.get("days", {}).get(DAYS[day.weekday()], []):
            end_day = day if end > start else day + timedelta(days=1)
            opens, closes = _instant(day, start, zone), _instant(end_day, end, zone)
            if opens < closes:  # "02:00"-"03:00" on a spring-forward night is no time at all
                found.append((opens, closes))
    return _merged(sorted(found))


def _merged(intervals: list[Interval]) -> list[Interval]:
    """Overlapping or touching intervals as one: "mon 22:00-00:00" + "tue 00:00-06:00" is one."""
    merged: list[Interval] = []
    for start, end in intervals:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def opening(hours: dict[str, Any] | None, now: datetime) -> Opening:
    """Open at `now` (an aware datetime), and the open/close flips of the next seven days."""
    if not hours:
        return Opening(open=True)
    zone = ZoneInfo(hours["timezone"])
    now = now.astimezone(UTC)
    intervals = _intervals(hours, zone, now.astimezone(zone).date())
    is_open = any(start <= now < end for start, end in intervals)
    flips = (moment for interval in intervals for moment in interval)
    changes = [moment for moment in flips if now < moment <= now + HORIZON]
    return Opening(open=is_open, changes=changes)


# Every shopper's welcome asks; working out a week of intervals costs ~100 µs. An answer
# stands until its first flip, and is reused for at most REUSE so the week ahead stays a week.
REUSE = timedelta(minutes=10)
_answers: dict[str, tuple[datetime, Opening]] = {}


def opening_now(hours: dict[str, Any] | None, now: datetime) -> Opening:
    """`opening(hours, now)`, from a recent answer for the same hours when one still holds."""
    if not hours:
        return Opening(open=True)
    key = json.dumps(hours, sort_keys=True)
    found = _answers.get(key)
    if found is not None:
        asked, answer = found
        if asked <= now < asked + REUSE and not (answer.changes and now >= answer.changes[0]):
            return answer
    answer = opening(hours, now)
    if len(_answers) > 10_000:  # bounded: forget everything rather than track age
        _answers.clear()
    _answers[key] = (now, answer)
    return answer
