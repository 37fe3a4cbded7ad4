"""Time expressions in a sentence, resolved against the article's publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.nlp.calendar import (
    Tense,
    Unit,
    month_near,
    quarter_near,
    shift,
    weekday_near,
)
from bot.nlp.timewords import (
    DAY,
    MONTH,
    MONTHS,
    NUMBER,
    NUMBERS,
    ORDINAL,
    ORDINALS,
    PART_OF_DAY,
    SPOKEN_YEAR,
    TENS,
    UNITS,
    UNITS_SPOKEN,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    YEAR_ORDINAL,
)
from bot.records import Precision

__all__ = ["Kind", "Timex", "scan"]

Kind = Literal["explicit", "relative", "weekday", "month-name", "vague"]
Value = tuple[dt.date, Precision]
TenseAt = Callable[[int, int], Tense | None]
Handler = Callable[[re.Match[str], dt.date | None, Tense | None], Value | None]


@dataclass(frozen=True)
class Timex:
    """A time expression in a text; date and precision are None when it cannot be placed."""

    start: int
    end: int
    kind: Kind
    expression: str
    date: dt.date | None
    precision: Precision | None
    needs_entity: bool = False  # a bare year or month counts only inside a spaCy DATE entity


def _month(match: re.Match[str]) -> int:
    return MONTHS[match["month"].rstrip(".").lower()]


def _full_date(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    groups = m.groupdict()
    month = int(groups["m"]) if groups.get("m") else _month(m)
    return dt.date(int(m["year"]), month, int(groups.get("d") or m["day"])), "day"


def _month_year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return dt.date(int(m["year"]), _month(m), 1), "month"


def _quarter_year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return dt.date(int(m["year"]), ORDINALS[m["ordinal"].lower()] * 3 - 2, 1), "quarter"


def _year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return dt.date(int(m["year"]), 1, 1), "year"


def _spoken_year(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    words = m["spoken"].lower().replace("-", " ").split()
    if words[0] == "two":
        return dt.date(2000 + UNITS_SPOKEN.get(words[-1], 0), 1, 1), "year"
    rest = TENS[words[1]] + (UNITS_SPOKEN[words[2]] if len(words) > 2 else 0)
    return dt.date(1900 + rest, 1, 1), "year"


def _year_quarter(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    # "the 1988 quarter" in an earnings report: the quarter being reported, a year apart.
    if anchor is None:
        return None
    latest = shift(anchor, "quarter", -1)
    return latest.replace(year=int(m["year"])), "quarter"


def _short_decade(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    # "the '80s": the latest such decade before the anchor. Without one the century is
    # unknown ("the '20s" may be the 1920s or the 2020s): not placed, never guessed.
    if anchor is None:
        return None
    start = anchor.year // 100 * 100 + int(m["short"])
    if start > anchor.year:
        start -= 100
    return dt.date(start, 1, 1), "decade"


def _decade(m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return dt.date(int(m["decade"]), 1, 1), "decade"


def _month_day(m: re.Match[str], anchor: dt.date | None, tense: Tense | None) -> Value | None:
    date = anchor and month_near(anchor, _month(m), int(m["day"]), _direction(m, tense))
    return (date, "day") if date else None


def _month_only(m: re.Match[str], anchor: dt.date | None, tense: Tense | None) -> Value | None:
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


def _weekday(m: re.Match[str], anchor: dt.date | None, tense: Tense | None) -> Value | None:
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


def _weekday_month_day(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
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


def _month_of_year(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    if anchor is None:
        return None
    step = {"last": -1, "next": 1}.get(m["which"].lower(), 0)
    return dt.date(anchor.year + step, _month(m), 1), "month"


def _year_ago(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
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


def _day_offset(offset: int) -> Handler:
    def handler(_m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
        return (anchor + dt.timedelta(days=offset), "day") if anchor else None

    return handler


def _this_unit(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    if anchor is None:
        return None
    unit = UNITS[m["unit"].lower()]
    which = (m.groupdict().get("which") or "").lower()
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(which, 0)
    return shift(anchor, unit, step), _precision(unit)


def _ago(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    if anchor is None:
        return None
    number = m["number"].lower()
    count = int(number) if number.isdigit() else NUMBERS[number]
    unit = UNITS[m["unit"].lower()]
    return shift(anchor, unit, -count), _precision(unit)


def _quarter(m: re.Match[str], anchor: dt.date | None, tense: Tense | None) -> Value | None:
    if anchor is None:
        return None
    return quarter_near(anchor, ORDINALS[m["ordinal"].lower()], tense), "quarter"


def _last_quarter(m: re.Match[str], anchor: dt.date | None, _t: Tense | None) -> Value | None:
    # "the latest quarter" in a company report is the last one completed.
    return (shift(anchor, "quarter", -1), "quarter") if anchor else None


def _precision(unit: Unit) -> Precision:
    return unit


def _vague(_m: re.Match[str], _a: dt.date | None, _t: Tense | None) -> Value | None:
    return None


Rule = tuple[re.Pattern[str], Kind, Handler, bool]


def _rule(pattern: str, kind: Kind, handler: Handler, entity: bool = False) -> Rule:
    return re.compile(pattern), kind, handler, entity


# Most specific first: a later match overlapping an earlier one is skipped.
RULES: tuple[Rule, ...] = (
    _rule(rf"\b{YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", "explicit", _full_date),
    _rule(rf"(?:{WEEKDAY},?\s+)?\b{MONTH}\s+{DAY},?\s+{YEAR}\b", "explicit", _full_date),
    _rule(rf"(?:{WEEKDAY},?\s+)?\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b", "explicit", _full_date),
    _rule(rf"\b(?i:the\s+)?{YEAR}\s+{ORDINAL}[- ](?i:quarter)\b", "explicit", _quarter_year),
    _rule(rf"\b{YEAR_ORDINAL}[- ](?i:quarter)\s+(?:of\s+)?(?:fiscal\s+)?{YEAR}", "explicit",
          _quarter_year),
    _rule(rf"\b{MONTH},?\s+(?:of\s+)?{YEAR}\b", "explicit", _month_year),
    _rule(rf"\b(?i:the\s+){YEAR}\s+(?i:quarter|period)\b", "explicit", _year_quarter),
    _rule(r"(?:\b(?i:the\s+)?(?i:early\s+|mid-?|late\s+)?)?['’](?P<short>[0-9]0)s\b", "explicit",
          _short_decade),
    _rule(r"\b(?i:the\s+)?(?i:early\s+|mid-?|late\s+)?(?P<decade>1[5-9]\d0|20\d0)['’]?s\b",
          "explicit", _decade),
    _rule(rf"\b(?i:fiscal)\s+{YEAR}\b", "explicit", _year),
    _rule(r"\b(?i:(?:a\s+few|several|some|many|recent)\s+(?:days|weeks|months|years|decades)"
          r"(?:\s+ago)?|recently|lately|in\s+recent\s+(?:days|weeks|months|years|decades)"
          r"|(?:in\s+)?the\s+(?:past|future|near\s+future|distant\s+past|coming\s+(?:days|weeks"
          r"|months|years))\b|these\s+days|nowadays|now|currently|soon|once)\b", "vague", _vague),
    _rule(rf"\b{WEEKDAY},?\s+{MONTH}\s+{DAY}\b(?!\d|\s*,?\s*\d{{4}})", "weekday",
          _weekday_month_day),
    _rule(rf"\b{MONTH}\s+(?P<which>(?i:this|last|next))\s+(?i:year)\b", "month-name",
          _month_of_year),
    _rule(rf"\b(?i:(?:the\s+)?(?:comparable\s+|same\s+|corresponding\s+)?(?:year[- ](?:earlier|ago)"
          rf"(?:\s+{ORDINAL})?(?:\s+(?:quarter|period))?|(?:quarter|period|month)\s+(?:a\s+year\s+"
          r"(?:ago|earlier)|(?:of\s+)?last\s+year)|a\s+year\s+(?:ago|earlier)))\b", "relative",
          _year_ago),
    _rule(r"\b(?i:(?:(?:at|by|before|until|toward|towards)\s+)?the\s+(?:end|start|beginning"
          r"|middle)\s+of\s+(?:the\s+|(?P<which>this|last|next)\s+)(?P<unit>week|month|year))\b",
          "relative", _this_unit),
    _rule(r"\b(?i:the\s+(?:full|entire|current|fiscal|current\s+fiscal)\s+(?P<unit>year|quarter))\b",
          "relative", _this_unit),
    _rule(r"\b(?i:the\s+(?P<unit>year))\b(?!\s+(?:before|after|earlier|later|ago|to|in|of|two|nineteen))",
          "relative", _this_unit, True),
    _rule(rf"(?<!Black )\b(?:(?P<which>(?i:last|next|this(?:\s+coming)?|on))\s+)?{WEEKDAY}"
          rf"(?:['’]s)?{PART_OF_DAY}\b", "weekday", _weekday),
    _rule(rf"(?<![\d,.$£€-]){MONTH}\s+{DAY}\b(?!\d|\s*,?\s*\d{{4}})", "month-name", _month_day),
    _rule(rf"(?<![\d,.$£€-]){DAY}\s+{MONTH}(?![\w.]|\s*,?\s*\d{{4}})", "month-name", _month_day),
    _rule(rf"\b(?:(?P<which>(?i:last|next|this))\s+|(?i:(?:early|mid|late)[- ]?))?{MONTH}"
          r"(?!\s*\d)", "month-name", _month_only, True),
    _rule(r"\b(?i:today|tonight|this\s+(?:morning|afternoon|evening))\b", "relative",
          _day_offset(0)),
    _rule(rf"\b(?i:yesterday){PART_OF_DAY}\b", "relative", _day_offset(-1)),
    _rule(r"\b(?i:the\s+day\s+before\s+yesterday)\b", "relative", _day_offset(-2)),
    _rule(rf"\b(?i:tomorrow){PART_OF_DAY}\b", "relative", _day_offset(1)),
    _rule(r"\b(?i:(?:earlier\s+|later\s+)?(?P<which>this|last|next|coming|previous)\s+"
          r"(?P<unit>week|month|quarter|year|decade))\b", "relative", _this_unit),
    _rule(rf"\b(?i:{NUMBER}\s+(?P<unit>day|week|month|year|decade)s?\s+ago)\b", "relative",
          _ago),
    _rule(rf"\b(?i:(?:the\s+)?{ORDINAL}[- ]quarter)\b", "relative", _quarter),
    _rule(r"\b(?i:the\s+(?:(?:latest|last|recent|most\s+recent|previous|past)\s+)?quarter)\b",
          "relative", _last_quarter),
    _rule(rf"(?:(?<=mid-)|(?<![\d,.$£€-])){YEAR}(?![\d-]|,\d|\s*(?:%|percent))", "explicit",
          _year, True),
    _rule(rf"\b(?i:(?:the\s+year\s+)?{SPOKEN_YEAR})\b", "explicit", _spoken_year),
)  # fmt: skip


def scan(text: str, anchor: dt.date | None, tense_at: TenseAt) -> list[Timex]:
    """Every time expression in a text, leftmost first, placed where the text allows."""
    found: list[Timex] = []
    for pattern, kind, handler, entity in RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            if start == end or any(t.start < end and start < t.end for t in found):
                continue
            value = _resolve(handler, match, anchor, tense_at)
            date, precision = value if value else (None, None)
            found.append(Timex(start, end, kind, match.group(), date, precision, entity))
    return sorted(found, key=lambda t: t.start)


def _resolve(
    handler: Handler, match: re.Match[str], anchor: dt.date | None, tense_at: TenseAt
) -> Value | None:
    try:
        return handler(match, anchor, tense_at(*match.span()))
    except (ValueError, KeyError):
        return None  # "February 30, 2023" is not a date, and claims its words all the same
