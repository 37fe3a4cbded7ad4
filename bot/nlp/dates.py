"""Dated events from explicit time expressions: full dates, month and year, years, decades."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from bot.records import Event, Precision, Sentence

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Longest forms first; a shorter match inside a longer one is skipped.
PATTERNS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(rf"\b{YEAR}-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), "day"),
    (re.compile(rf"\b{MONTH}\s+{DAY},?\s+{YEAR}\b", re.I), "day"),
    (re.compile(rf"\b{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b", re.I), "day"),
    (re.compile(rf"\b{MONTH},?\s+(?:of\s+)?{YEAR}\b", re.I), "month"),
    (re.compile(r"\b(?:the\s+)?(?P<decade>1[5-9]\d0|20\d0)['’]?s\b", re.I), "decade"),
    (re.compile(rf"(?<![\d,.$£€-]){YEAR}(?![\d-]|,\d)"), "year"),
)


def parse_explicit(text: str) -> list[tuple[int, int, dt.date, Precision]]:
    """(start, end, date, precision) for each explicit date in the text, leftmost first."""
    found: list[tuple[int, int, dt.date | None, Precision]] = []
    for pattern, precision in PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e, _, _ in found):
                continue
            value = _value(match, precision)
            # An impossible date ("February 30, 2023") still claims its words: no bare year
            # is read out of it.
            found.append((match.start(), match.end(), value, precision))
    return sorted(((s, e, v, p) for s, e, v, p in found if v is not None), key=lambda f: f[0])


def _value(match: re.Match[str], precision: Precision) -> dt.date | None:
    groups = match.groupdict()
    try:
        if precision == "decade":
            return dt.date(int(groups["decade"]), 1, 1)
        year = int(groups["year"])
        if precision == "year":
            return dt.date(year, 1, 1)
        month = int(groups["m"]) if groups.get("m") else MONTHS[groups["month"].lower()]
        if precision == "month":
            return dt.date(year, month, 1)
        day = int(groups["d"]) if groups.get("d") else int(groups["day"])
        return dt.date(year, month, day)
    except (ValueError, KeyError):
        return None  # "February 30, 2023" is not a date


def explicit_events(doc: Doc, sentences: Sequence[Sentence]) -> Iterator[Event]:
    """An event for each explicit date in a sentence; a bare year must be a DATE entity."""
    date_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]
    for sentence in sentences:
        for start, end, value, precision in parse_explicit(sentence.text):
            a, b = sentence.start + start, sentence.start + end
            in_entity = any(s <= a and b <= e for s, e in date_spans)
            if precision in {"year", "decade"} and not in_entity:
                continue  # "2000 people" is a number, not a year
            yield Event(
                date=value,
                precision=precision,
                expression=sentence.text[start:end],
                text=sentence.text,
                sentence=sentence.position,
                start=a,
                end=b,
            )
