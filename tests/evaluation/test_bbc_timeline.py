"""The held-out timeline scorer pairs an entry with the annotated expression it is."""

from __future__ import annotations

import datetime as dt

from bot.records import Event
from evaluation.bbc_timeline import Tally, _matches, _score_article, _value_agrees


def entry(expression: str, text: str, date: dt.date, precision: str = "year") -> Event:
    return Event(date, precision, expression, text, 0, 0, 5, status="reported")  # type: ignore[arg-type]


def gold(expression: str, start: str, value: str, event: bool = True) -> dict[str, object]:
    status = "reported" if event else None
    return {"expression": expression, "sentence_start": start, "value": value, "event": event,
            "status": status, "is_date": True}  # fmt: skip


def test_an_entry_matches_its_expression_in_the_same_sentence_only():
    placed = entry("2003", "The firm cut 2,000 jobs in 2003.", dt.date(2003, 1, 1))
    assert _matches(placed, gold("in 2003", "The firm cut 2,000 jobs", "2003"))
    assert not _matches(placed, gold("in 2003", "Sales rose sharply", "2003"))


def test_a_value_agrees_at_the_entrys_own_precision():
    march = entry("March 2005", "It opens in March 2005.", dt.date(2005, 3, 1), "month")
    assert _value_agrees(march, "2005-03") and not _value_agrees(march, "2005-04")


def test_a_placed_qualifier_counts_against_precision_and_a_missed_event_against_recall():
    tally = Tally()
    placed = [entry("2012", "The 2012 bid was launched on Monday.", dt.date(2012, 1, 1))]
    wanted = [
        gold("2012", "The 2012 bid was launched", "2012", event=False),
        gold("in 1999", "Tesco was founded in 1999", "1999"),
    ]
    _score_article(tally, "a.txt", placed, wanted)
    assert (tally.entries, tally.right, tally.events, tally.found) == (1, 0, 1, 0)
