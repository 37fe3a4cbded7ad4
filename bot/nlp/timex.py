"""Time expressions in a sentence, resolved against the article's publication date."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.nlp.calendar import (
    Tense,
)
from bot.nlp.timewords import (
    DAY,
    MONTH,
    NUMBER,
    ORDINAL,
    PART_OF_DAY,
    SPOKEN_YEAR,
    WEEKDAY,
    YEAR,
    YEAR_ORDINAL,
)
from bot.nlp.timex_values import (
    Handler,
    Value,
    ago,
    day_offset,
    decade,
    fiscal_year,
    full_date,
    last_quarter,
    month_day,
    month_of_year,
    month_only,
    month_year,
    quarter,
    quarter_year,
    short_decade,
    spoken_year,
    this_unit,
    vague,
    weekday,
    weekday_month_day,
    year,
    year_ago,
    year_quarter,
)
from bot.records import Precision

__all__ = ["Kind", "Timex", "scan"]

Kind = Literal["explicit", "relative", "weekday", "month-name", "vague"]
TenseAt = Callable[[int, int], Tense | None]


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


Rule = tuple[re.Pattern[str], Kind, Handler, bool]


def _rule(pattern: str, kind: Kind, handler: Handler, entity: bool = False) -> Rule:
    return re.compile(pattern), kind, handler, entity


# Most specific first: a later match overlapping an earlier one is skipped.
RULES: tuple[Rule, ...] = (
    _rule(rf"\b{YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b", "explicit", full_date),
    _rule(rf"(?:{WEEKDAY},?\s+)?\b{MONTH}\s+{DAY},?\s+{YEAR}\b", "explicit", full_date),
    _rule(rf"(?:{WEEKDAY},?\s+)?\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b", "explicit", full_date),
    _rule(rf"\b(?i:the\s+)?{YEAR}\s+{ORDINAL}[- ](?i:quarter)\b", "explicit", quarter_year),
    _rule(rf"\b{YEAR_ORDINAL}[- ](?i:quarter)\s+(?:of\s+)?(?:fiscal\s+)?{YEAR}", "explicit",
          quarter_year),
    # "the last three months of 2004": a quarter, not the whole year
    _rule(rf"\b(?i:the\s+)(?P<ordinal>(?i:first|last|final))\s+(?i:three\s+months)\s+of\s+{YEAR}",
          "explicit", quarter_year),
    _rule(rf"\b{MONTH},?\s+(?:of\s+)?{YEAR}\b", "explicit", month_year),
    _rule(rf"\b(?i:the\s+){YEAR}\s+(?i:quarter|period)\b", "explicit", year_quarter),
    _rule(r"(?:\b(?i:the\s+)?(?i:early\s+|mid-?|late\s+)?)?['’](?P<short>[0-9]0)s\b", "explicit",
          short_decade),
    _rule(r"\b(?i:the\s+)?(?i:early\s+|mid-?|late\s+)?(?P<decade>1[5-9]\d0|20\d0)['’]?s\b",
          "explicit", decade),
    _rule(rf"\b(?i:fiscal)\s+{YEAR}\b", "explicit", year),
    _rule(r"\b(?i:(?:a\s+few|several|some|many|recent)\s+(?:days|weeks|months|years|decades)"
          r"(?:\s+ago)?|recently|lately|in\s+recent\s+(?:days|weeks|months|years|decades)"
          r"|(?:in\s+)?the\s+(?:past|future|near\s+future|distant\s+past|coming\s+(?:days|weeks"
          r"|months|years))\b|these\s+days|nowadays|now|currently|soon|once)\b", "vague", vague),
    _rule(rf"\b{WEEKDAY},?\s+{MONTH}\s+{DAY}\b(?!\d|\s*,?\s*\d{{4}})", "weekday",
          weekday_month_day),
    _rule(rf"\b{MONTH}\s+(?P<which>(?i:this|last|next))\s+(?i:year)\b", "month-name",
          month_of_year),
    _rule(rf"\b(?i:(?:the\s+)?(?:comparable\s+|same\s+|corresponding\s+)?(?:year[- ](?:earlier|ago)"
          rf"(?:\s+{ORDINAL})?(?:\s+(?:quarter|period))?|(?:quarter|period|month)\s+(?:a\s+year\s+"
          r"(?:ago|earlier)|(?:of\s+)?last\s+year)|a\s+year\s+(?:ago|earlier)))\b", "relative",
          year_ago),
    _rule(r"\b(?i:(?:(?:at|by|before|until|toward|towards)\s+)?the\s+(?:end|start|beginning"
          r"|middle)\s+of\s+(?:the\s+|(?P<which>this|last|next)\s+)(?P<unit>week|month|year))\b",
          "relative", this_unit),
    _rule(r"\b(?i:the\s+(?:full|entire|current|fiscal|current\s+fiscal)\s+(?P<unit>year|quarter))\b",
          "relative", this_unit),
    _rule(r"\b(?i:the\s+(?P<unit>year))\b(?!\s+(?:before|after|earlier|later|ago|to|in|of|two|nineteen))",
          "relative", this_unit, True),
    _rule(rf"(?<!Black )\b(?:(?P<which>(?i:last|next|this(?:\s+coming)?|on))\s+)?{WEEKDAY}"
          rf"(?:['’]s)?{PART_OF_DAY}\b", "weekday", weekday),
    _rule(rf"(?<![\d,.$£€-]){MONTH}\s+{DAY}\b(?!\d|\s*,?\s*\d{{4}})", "month-name", month_day),
    _rule(rf"(?<![\d,.$£€-]){DAY}\s+{MONTH}(?![\w.]|\s*,?\s*\d{{4}})", "month-name", month_day),
    _rule(rf"\b(?:(?P<which>(?i:last|next|this))\s+|(?i:(?:early|mid|late)[- ]?))?{MONTH}"
          r"(?!\s*\d)", "month-name", month_only, True),
    _rule(r"\b(?i:today|tonight|this\s+(?:morning|afternoon|evening))\b", "relative",
          day_offset(0)),
    _rule(rf"\b(?i:yesterday){PART_OF_DAY}\b", "relative", day_offset(-1)),
    _rule(r"\b(?i:the\s+day\s+before\s+yesterday)\b", "relative", day_offset(-2)),
    _rule(rf"\b(?i:tomorrow){PART_OF_DAY}\b", "relative", day_offset(1)),
    _rule(r"\b(?i:(?:earlier\s+|later\s+)?(?P<which>this|last|next|coming|previous)\s+"
          r"(?P<unit>week|month|quarter|year|decade))\b", "relative", this_unit),
    _rule(rf"\b(?i:{NUMBER}\s+(?P<unit>day|week|month|year|decade)s?\s+ago)\b", "relative",
          ago),
    _rule(rf"\b(?i:(?:the\s+)?{ORDINAL}[- ]quarter)\b", "relative", quarter),
    _rule(r"\b(?i:the\s+(?:(?:latest|last|recent|most\s+recent|previous|past)\s+)?quarter)\b",
          "relative", last_quarter),
    _rule(rf"(?<![\d,.$£€-]){YEAR}[-–](?P<to>\d{{1,4}})(?![\d-])", "explicit", fiscal_year, True),
    # "2004/05", "1998/9": the British fiscal year, which the model reads as a number.
    _rule(rf"(?<![\d,.$£€/-]){YEAR}/(?P<to>\d{{1,2}})(?![\d/-])", "explicit", fiscal_year),
    _rule(rf"(?:(?<=mid-)|(?<![\d,.$£€-])){YEAR}(?![\d-]|,\d|\s*(?:%|percent))", "explicit",
          year, True),
    _rule(rf"\b(?i:(?:the\s+year\s+)?{SPOKEN_YEAR})\b", "explicit", spoken_year),
)  # fmt: skip


def scan(text: str, anchor: dt.date | None, tense_at: TenseAt) -> list[Timex]:
    """Every time expression in a text, leftmost first, placed where the text allows."""
    found: list[Timex] = []
    # The spans taken so far, in order: they never overlap, so the one starting last before
    # a match's end is the only one that can overlap it (a scan of all made a text quadratic).
    starts: list[int] = []
    ends: list[int] = []
    for pattern, kind, handler, entity in RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            i = bisect_left(starts, end)
            if start == end or (i and ends[i - 1] > start):
                continue
            starts.insert(i, start)
            ends.insert(i, end)
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
