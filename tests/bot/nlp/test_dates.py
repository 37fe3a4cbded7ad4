from __future__ import annotations

import datetime as dt

import pytest

from bot.ingest.readers import _build
from bot.nlp.annotate import annotate
from bot.nlp.dates import parse_explicit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on May 6, 2023 in London", (dt.date(2023, 5, 6), "day")),
        ("on 6 May 2023 in London", (dt.date(2023, 5, 6), "day")),
        ("dated 2023-05-06.", (dt.date(2023, 5, 6), "day")),
        ("published in March 2023", (dt.date(2023, 3, 1), "month")),
        ("since Sept. 2022", (dt.date(2022, 9, 1), "month")),
        ("back in 2018", (dt.date(2018, 1, 1), "year")),
        ("in the 1930s", (dt.date(1930, 1, 1), "decade")),
    ],
)
def test_explicit_dates_parse_at_their_precision(text, expected):
    found = parse_explicit(text)
    assert [(value, precision) for _, _, value, precision in found] == [expected]


def test_month_and_day_without_a_year_is_not_a_date():
    assert parse_explicit("talks on Aug. 30 in Beijing") == []


def test_impossible_date_is_skipped():
    assert parse_explicit("on February 30, 2023") == []


def test_numbers_are_not_years(nlp):
    source = _build("k", "p", "About 2000 people marched, and in 2019 more came.", {}, None)
    events = annotate(nlp(source.text), source).events
    assert [(e.expression, e.precision) for e in events] == [("2019", "year")]
