"""Open now, and the next open/close flips, from a shop's business hours (pure, no database)."""

from datetime import UTC, datetime, timedelta

import pytest

from shopchat.services.business_hours import opening, opening_now

WEEKDAYS = {d: [["09:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}
OSLO_WEEK = {"timezone": "Europe/Oslo", "days": {**WEEKDAYS, "sat": []}}  # sun missing: off
FRIDAY_NIGHTS = {"timezone": "Europe/Oslo", "days": {"fri": [["22:00", "06:00"]]}}
SUNDAY_NIGHTS = {"timezone": "UTC", "days": {"sun": [["22:00", "06:00"]]}}
WHOLE_MONDAY = {"timezone": "UTC", "days": {"mon": [["00:00", "00:00"]]}}
NEVER = {"timezone": "UTC", "days": {d: [] for d in ("mon", "tue", "sat")}}
NEW_YORK = {"timezone": "America/New_York", "days": {"mon": [["08:30", "12:00"]]}}
# Europe/Oslo moves from +01:00 to +02:00 at 2026-03-29 01:00 UTC (a Sunday).
SATURDAY_INTO_DST = {"timezone": "Europe/Oslo", "days": {"sat": [["22:00", "06:00"]]}}


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("case", "hours", "now", "expected"),
    [
        ("no hours set means always open", None, "2026-01-04 03:00", True),
        ("monday 10:00 in Oslo's winter", OSLO_WEEK, "2026-01-05 09:00", True),
        ("one minute before opening", OSLO_WEEK, "2026-01-05 07:59", False),
        ("the closing minute itself is closed", OSLO_WEEK, "2026-01-05 16:00", False),
        ("the opening minute itself is open", OSLO_WEEK, "2026-01-05 08:00", True),
        ("saturday is a day off (empty list)", OSLO_WEEK, "2026-01-10 11:00", False),
        ("sunday is a day off (missing)", OSLO_WEEK, "2026-01-11 11:00", False),
        ("09:30 summer time right after the DST change", OSLO_WEEK, "2026-03-30 07:30", True),
        ("the same UTC time a week earlier is 08:30", OSLO_WEEK, "2026-03-23 07:30", False),
        ("friday 23:00, an overnight range", FRIDAY_NIGHTS, "2026-01-09 22:00", True),
        ("saturday 03:00, still friday's range", FRIDAY_NIGHTS, "2026-01-10 02:00", True),
        ("saturday 06:00, friday's range is over", FRIDAY_NIGHTS, "2026-01-10 05:00", False),
        ("friday 21:59, not yet", FRIDAY_NIGHTS, "2026-01-09 20:59", False),
        ("monday 02:00 from sunday's overnight range", SUNDAY_NIGHTS, "2026-01-05 02:00", True),
        ("monday 07:00 after sunday's overnight range", SUNDAY_NIGHTS, "2026-01-05 07:00", False),
        ("00:00-00:00 is the whole day", WHOLE_MONDAY, "2026-01-05 23:59", True),
        ("...and not the next", WHOLE_MONDAY, "2026-01-06 00:00", False),
        ("hours with no open day are always closed", NEVER, "2026-01-05 12:00", False),
        ("monday 09:00 in New York (UTC-5)", NEW_YORK, "2026-01-05 14:00", True),
        ("monday 09:00 UTC is 04:00 in New York", NEW_YORK, "2026-01-05 09:00", False),
    ],
)
def test_open_now(case: str, hours: dict | None, now: str, expected: bool) -> None:
    assert opening(hours, utc(now)).open is expected, case


def test_no_changes_when_always_or_never_open_and_weekly_ones_for_one_day() -> None:
    assert opening(None, utc("2026-01-05 12:00")).changes == []
    assert opening(NEVER, utc("2026-01-05 12:00")).changes == []
    whole_monday = opening(WHOLE_MONDAY, utc("2026-01-05 12:00")).changes
    assert whole_monday == [utc("2026-01-06 00:00"), utc("2026-01-12 00:00")]


def test_next_opening_after_a_weekend_follows_the_dst_change() -> None:
    # Saturday before the change: Monday 09:00 is 07:00 UTC (summer time), not 08:00.
    changes = opening(OSLO_WEEK, utc("2026-03-28 12:00")).changes
    assert changes[:2] == [utc("2026-03-30 07:00"), utc("2026-03-30 15:00")]


def test_an_overnight_range_over_the_dst_change_is_seven_hours() -> None:
    changes = opening(SATURDAY_INTO_DST, utc("2026-03-28 12:00")).changes
    assert changes[:2] == [utc("2026-03-28 21:00"), utc("2026-03-29 04:00")]


def test_touching_ranges_are_one_opening_without_a_flip_at_midnight() -> None:
    hours = {"timezone": "UTC", "days": {"mon": [["22:00", "00:00"]], "tue": [["00:00", "06:00"]]}}
    state = opening(hours, utc("2026-01-05 23:00"))
    assert state.open
    assert state.changes[0] == utc("2026-01-06 06:00")


def test_changes_cover_one_week_ahead_in_order() -> None:
    changes = opening(OSLO_WEEK, utc("2026-01-04 12:00")).changes  # a Sunday
    assert len(changes) == 10  # five openings, five closings
    assert changes == sorted(changes)
    assert changes[0] == utc("2026-01-05 08:00")
    assert changes[-1] - utc("2026-01-04 12:00") <= timedelta(days=7)


@pytest.mark.parametrize(
    "hours", [OSLO_WEEK, FRIDAY_NIGHTS, SUNDAY_NIGHTS, SATURDAY_INTO_DST, NEW_YORK, WHOLE_MONDAY]
)
def test_each_change_flips_what_open_now_says(hours: dict) -> None:
    """What the widget does with the list (flip at each change) agrees with the server."""
    start = utc("2026-03-26 10:00")
    state = opening(hours, start)
    expected = state.open
    for moment in state.changes:
        assert opening(hours, moment - timedelta(seconds=1)).open is expected
        expected = not expected
        assert opening(hours, moment).open is expected


def test_a_reused_answer_is_the_same_as_a_fresh_one_until_its_first_flip() -> None:
    hours = {"timezone": "Europe/Oslo", "days": {"mon": [["09:00", "17:00"]]}}
    start = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)  # Monday 08:00 in Oslo: closed
    for minutes in (0, 30, 59, 60, 61, 90, 9 * 60):  # opens at 08:00 UTC, closes 16:00 UTC
        now = start + timedelta(minutes=minutes)
        reused, fresh = opening_now(hours, now), opening(hours, now)
        assert reused.open == fresh.open, minutes
        assert reused.changes[0] == fresh.changes[0], minutes
