"""Calendar arithmetic for resolving time expressions: periods, shifts, nearest occurrences."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from bot.records import Precision

Tense = Literal["past", "present", "future"]
Unit = Literal["day", "week", "month", "quarter", "year", "decade"]
SOON_DAYS = 92


def period_start(date: dt.date, unit: Unit) -> dt.date:
    """The first day of the day, week (Monday), month, quarter, year or decade holding date."""
    if unit == "day":
        return date
    if unit == "week":
        return date - dt.timedelta(days=date.weekday())
    if unit == "month":
        return date.replace(day=1)
    if unit == "quarter":
        return dt.date(date.year, (date.month - 1) // 3 * 3 + 1, 1)
    if unit == "year":
        return dt.date(date.year, 1, 1)
    return dt.date(date.year - date.year % 10, 1, 1)


def shift(date: dt.date, unit: Unit, count: int) -> dt.date:
    """The start of the period `count` units after (or before, when negative) date's period."""
    start = period_start(date, unit)
    if unit == "day":
        return start + dt.timedelta(days=count)
    if unit == "week":
        return start + dt.timedelta(weeks=count)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit] * count
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def weekday_near(anchor: dt.date, weekday: int, direction: Tense | None) -> dt.date:
    """The day with this weekday: the most recent for past reports, the next for future ones."""
    back = (anchor.weekday() - weekday) % 7
    if direction == "future":
        return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - dt.timedelta(days=back)


def month_near(
    anchor: dt.date, month: int, day: int | None, direction: Tense | None
) -> dt.date | None:
    """The occurrence of a month (or month and day) nearest the anchor consistent with tense."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day or 1))
        except ValueError:
            continue  # 29 February outside a leap year
    if not candidates:
        return None
    here = anchor if day else anchor.replace(day=1)
    if direction == "past":
        # A past-tense sentence about a date a few weeks ahead is a deadline or a schedule
        # ("declared a dividend, payable Dec. 15"), not a date nearly a year back.
        soon = [c for c in candidates if here < c <= here + dt.timedelta(days=SOON_DAYS)]
        earlier = [c for c in candidates if c <= here]
        if soon and here not in earlier:
            return soon[0]
        return earlier[-1] if earlier else None
    if direction == "future":
        later = [c for c in candidates if c >= here]
        return later[0] if later else None
    # No tense to go by: the nearest, and a tie goes to the past (news reports what happened).
    return min(candidates, key=lambda c: (abs((c - here).days), c > here))


def quarter_near(anchor: dt.date, quarter: int, direction: Tense | None) -> dt.date:
    """The named quarter (1-4) nearest the anchor: this year's unless tense says otherwise."""
    # Companies report a quarter after it ends, so "will report third-quarter results" in
    # October is this year's; only a quarter later in the year than now can lie ahead.
    current = (anchor.month - 1) // 3 + 1
    year = anchor.year - (quarter > current and direction != "future")
    return dt.date(year, quarter * 3 - 2, 1)


def timeml_value(date: dt.date, precision: Precision) -> str:
    """The TimeML/ISO value of a period: 2023-05-04, 2023-W18, 2023-05, 2023-Q2, 2023, 202."""
    if precision == "day":
        return date.isoformat()
    if precision == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month":
        return f"{date.year}-{date.month:02d}"
    if precision == "quarter":
        return f"{date.year}-Q{(date.month - 1) // 3 + 1}"
    if precision == "year":
        return str(date.year)
    return str(date.year)[:3]
