"""From a matched time expression to the date and precision it names (or None).

Each handler takes the rule's match, the article's publication date (the anchor) and the
tense of the verb nearest the expression, and says what the expression means; the rules
that match them are in bot/nlp/timex.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from bot.nlp.calendar import (
    Tense,
    Unit,
    month_near,
    quarter_near,
    shift,
    weekday_near,
)
from bot.nlp.timewords import (
    MONTHS,
    NUMBERS,
    ORDINALS,
    TENS,
    UNITS,
    UNITS_SPOKEN,
    WEEKDAYS,
)
from bot.records import Precision

Value = tuple[dt.date, Precision]
Handler = Callable[[re.Match[str], dt.date | None, Tense | None], Value | None]


def _month(match: re.Match[str]) -> int:
    return MONTHS[match["month"].rstrip(".").lower()]


def full_date(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else _month(m)
    return dt.date(int(m["year"]), month, int(groups.get("d") or m["day"])), "day"


def month_year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return dt.date(int(m["year"]), _month(m), 1), "month"


def quarter_year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return dt.date(int(m["year"]), ORDINALS[m["ordinal"].lower()] * 3 - 2, 1), "quarter"


def year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return dt.date(int(m["year"]), 1, 1), "year"


def fiscal_year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    # "2003-4", "2004-05", "2007-2008": a fiscal year, placed at the year it starts in. A
    # longer span ("the 2001-2003 period") is a period with no one date.
    start, to = m["year"], m["to"]
    end = int(start[: len(start) - len(to)] + to)
    if end < int(start):
        end += 10 ** len(to)  # "1999-00"
    return (dt.date(int(start), 1, 1), "year") if end == int(start) + 1 else None


def spoken_year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    words = m["spoken"].lower().replace("-", " ").split()
    if words[0] == "two":
        return dt.date(2000 + UNITS_SPOKEN.get(words[-1], 0), 1, 1), "year"
    rest = TENS[words[1]] + (UNITS_SPOKEN[words[2]] if len(words) > 2 else 0)
    return dt.date(1900 + rest, 1, 1), "year"


def year_quarter(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    # "the 1988 quarter" in an earnings report: the quarter being reported, a year apart.
    if anchor is None:
        return None
    latest = shift(anchor, "quarter", -1)
    return latest.replace(year=int(m["year"])), "quarter"


def short_decade(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    # "the '80s": the latest such decade before the anchor. Without one the century is
    # unknown ("the '20s" may be the 1920s or the 2020s): not placed, never guessed.
    if anchor is None:
        return None
    start = anchor.year // 100 * 100 + int(m["short"])
    if start > anchor.year:
        start -= 100
    return dt.date(start, 1, 1), "decade"


def decade(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return dt.date(int(m["decade"]), 1, 1), "decade"


def month_day(m: re.Match[str], anchor: dt.date | None, tense: Tense | None) -> Value | None:
    date = anchor and month_near(anchor, _month(m), int(m["day"]), _direction(m, tense))
    return (date, "day") if date else None


def month_only(m: re.Match[str], anchor: dt.date | None, tense: Tense | None) -> Value | None:
    if anchor is None:
        return None
    month, which = _month(m), (m.groupdict().get("which") or "").lower()
    if which == "this":
        return dt.date(anchor.year, month, 1), "month"
    if which == "last":
        return dt.date(anchor.year - (month >= anchor.month), month, 1), "month"
    if which == "next":
        return dt.date(anchor.year + (month <= anchor.month), month, 1), "month"
    date = month_near(anchor, month, None, tense)
    return (date, "month") if date else None


def weekday(m: re.Match[str], anchor: dt.date | None, tense: Tense | None) -> Value | None:
    if anchor is None:
        return None
    day, which = WEEKDAYS[m["weekday"].lower()], (m["which"] or "").lower()
    if which == "last":
        return weekday_near(anchor - dt.timedelta(days=1), day, "past"), "day"
    if which == "next" or "coming" in which:
        return weekday_near(anchor + dt.timedelta(days=1), day, "future"), "day"
    if m.group().endswith(("'s", "’s")):
        return weekday_near(anchor, day, "past"), "day"  # "Friday's closing price"
    # Only a future verb looks ahead: on TempEval-3 a present tense ("closing unchanged Friday")
    # reports the past more often than it announces a schedule.
    return weekday_near(anchor, day, "past" if tense == "present" else tense), "day"


def weekday_month_day(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    # "Monday, Oct. 26": the year in which that day falls on that weekday, nearest the anchor.
    if anchor is None:
        return None
    month, day, weekday = _month(m), int(m["day"]), WEEKDAYS[m["weekday"].lower()]
    fits = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        date = dt.date(year, month, day)
        if date.weekday() == weekday:
            fits.append(date)
    best = min(fits, key=lambda d: abs((d - anchor).days), default=None)
    return (best, "day") if best else None


def month_of_year(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    if anchor is None:
        return None
    step = {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    return dt.date(anchor.year + step, _month(m), 1), "month"


def year_ago(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    # Earnings reports compare with the same quarter a year before; elsewhere "a year ago" is
    # last year, and "a year earlier" is relative to some other event: not placed.
    if anchor is None:
        return None
    if m.groupdict().get("ordinal"):
        quarter = quarter_near(anchor, ORDINALS[m["ordinal"].lower()], None)
        return shift(quarter, "quarter", -4), "quarter"
    if re.search(r"(?i)quarter", m.string):
        return shift(anchor, "quarter", -5), "quarter"
    if re.search(r"(?i)\bago\b|last\s+year", m.group()):
        return shift(anchor, "year", -1), "year"
    return None


def _direction(m: re.Match[str], tense: Tense | None) -> Tense | None:
    # The sentence's tense decides; with none, news reports what already happened.
    return "future" if tense == "future" else "past" if tense == "past" else None


def day_offset(offset: int) -> Handler:
    def handler(_m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
        return (anchor + dt.timedelta(days=offset), "day") if anchor else None

    return handler


def this_unit(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    if anchor is None:
        return None
    unit = UNITS[m["unit"].lower()]
    which = (m.groupdict().get("which") or "").lower()
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    return shift(anchor, unit, step), _precision(unit)


def ago(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    if anchor is None:
        return None
    number = m["number"].lower()
    count = int(number) if number.isdigit() else NUMBERS[number]
    unit = UNITS[m["unit"].lower()]
    return shift(anchor, unit, -count), _precision(unit)


def quarter(m: re.Match[str], anchor: dt.date | None, tense: Tense | None) -> Value | None:
    if anchor is None:
        return None
    return quarter_near(anchor, ORDINALS[m["ordinal"].lower()], tense), "quarter"


def last_quarter(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    # "the latest quarter" in a company report is the last one completed.
    return (shift(anchor, "quarter", -1), "quarter") if anchor else None


def _precision(unit: Unit) -> Precision:
    return unit


def vague(_m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return None
