"""The date relative expressions are read against: the article's own, or a stated inference."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from bot.nlp.timewords import MONTHS, WEEKDAYS
from bot.nlp.timex import scan
from bot.records import Sentence, SourceText

DATELINE_DATE = re.compile(r"^(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>\d{1,2})$")
WEEKDAY_CYCLE = 12  # a month and day fall on every weekday within 12 years


def publication_anchor(
    source: SourceText, sentences: Sequence[Sentence], is_date: Callable[[int, int], bool]
) -> tuple[dt.date | None, str | None]:
    """(anchor, evidence): the publication date with no evidence, or an inferred date with it.

    A wire dateline gives month and day without a year ("Aug. 30 (UPI) --"). When the lead
    sentence names the weekday it reports on, the year is the first one, from the latest year
    the article names, in which that month and day fall on that weekday. `is_date(start,
    end)` says whether spaCy reads a date at those characters ("2000 people" is a number).
    """
    if source.published is not None:
        return source.published, None
    month_day = _dateline(source.dateline)
    if month_day is None or not sentences:
        return None, None
    lead = [t for t in scan(sentences[0].text, None, _no_tense) if t.kind == "weekday"]
    named = [
        t.date.year
        for s in sentences
        for t in scan(s.text, None, _no_tense)
        if t.kind == "explicit"
        and t.date is not None
        and (not t.needs_entity or is_date(s.start + t.start, s.start + t.end))
    ]
    if len(lead) != 1 or not named:
        return None, None
    weekday_name = lead[0].expression.split()[-1].rstrip("’'s")
    weekday = WEEKDAYS.get(weekday_name.lower())
    month, day = month_day
    for year in range(max(named), max(named) + WEEKDAY_CYCLE):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            evidence = (
                f"dateline “{source.dateline}” with “{lead[0].expression}” in the lead: "
                f"{candidate:%-d %b} falls on a {weekday_name} in {year}, the first such year "
                f"from {max(named)}, the latest year the article names"
            )
            return candidate, evidence
    return None, None


def _dateline(dateline: str | None) -> tuple[int, int] | None:
    match = DATELINE_DATE.match((dateline or "").strip())
    if match is None:
        return None
    name = match["month"].lower()
    month = MONTHS.get(name) or MONTHS.get(name[:3])
    return (month, int(match["day"])) if month else None


def _no_tense(_start: int, _end: int) -> None:
    return None
