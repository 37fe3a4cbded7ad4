from __future__ import annotations

import datetime as dt

import pytest

from bot.nlp.timex import scan

PUBLISHED = dt.date(2023, 5, 6)  # a Saturday


def _placed(text, anchor=None, tense=None):
    return [(t.date, t.precision) for t in scan(text, anchor, lambda a, b: tense) if t.date]


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
        ("profit in the 1988 third quarter", (dt.date(1988, 7, 1), "quarter")),
    ],
)
def test_explicit_dates_parse_at_their_precision_without_a_publication_date(text, expected):
    assert _placed(text) == [expected]


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("today", None, (dt.date(2023, 5, 6), "day")),
        ("this morning", None, (dt.date(2023, 5, 6), "day")),
        ("yesterday", None, (dt.date(2023, 5, 5), "day")),
        ("on Thursday", "past", (dt.date(2023, 5, 4), "day")),
        ("on Friday", "future", (dt.date(2023, 5, 12), "day")),
        ("last Friday", None, (dt.date(2023, 5, 5), "day")),
        ("last week", None, (dt.date(2023, 4, 24), "week")),
        ("earlier this week", None, (dt.date(2023, 5, 1), "week")),
        ("next year", None, (dt.date(2024, 1, 1), "year")),
        ("in March", "past", (dt.date(2023, 3, 1), "month")),
        ("in September", "past", (dt.date(2022, 9, 1), "month")),
        ("in November", "future", (dt.date(2023, 11, 1), "month")),
        ("on Aug. 30", "future", (dt.date(2023, 8, 30), "day")),
        ("at the end of the year", None, (dt.date(2023, 1, 1), "year")),
        ("five years ago", None, (dt.date(2018, 1, 1), "year")),
        ("in the third quarter", "past", (dt.date(2022, 7, 1), "quarter")),
    ],
)
def test_relative_expressions_resolve_against_the_publication_date(text, tense, expected):
    assert _placed(text, PUBLISHED, tense) == [expected]


@pytest.mark.parametrize(
    "text", ["a few years ago", "recently", "in recent months", "in the near future", "now"]
)
def test_vague_expressions_are_found_but_not_placed(text):
    found = scan(text, PUBLISHED, lambda a, b: "past")
    assert [(t.kind, t.date) for t in found] == [("vague", None)]


@pytest.mark.parametrize(
    "text", ["on Wednesday", "last week", "in March", "Aug. 30", "today", "in the '20s"]
)
def test_relative_expressions_stay_unplaced_without_a_publication_date(text):
    assert _placed(text, None, "past") == []


def test_impossible_date_is_skipped_and_no_year_is_read_out_of_it():
    assert _placed("on February 30, 2023") == []


def test_may_the_verb_is_not_a_month():
    assert _placed("officials may meet again", PUBLISHED, "future") == []


def test_a_short_decade_takes_the_century_of_the_publication_date():
    assert _placed("in the '20s", dt.date(2023, 5, 6), "past") == [(dt.date(2020, 1, 1), "decade")]
    assert _placed("in the '80s", dt.date(2023, 5, 6), "past") == [(dt.date(1980, 1, 1), "decade")]


def test_overlapping_rules_keep_the_first_match_in_a_text_of_thousands_of_dates():
    # 20,000 expressions in one text: each is checked against the spans taken so far by
    # bisection (a scan of all of them took 9 s here).
    found = scan("May 6 " * 20_000, dt.date(2023, 5, 6), lambda a, b: None)
    assert len(found) == 20_000 and {t.expression for t in found} == {"May 6"}


@pytest.mark.parametrize(
    "text",
    ["received £4m in 2003-4", "saving £12bn by 2003-04", "in 2003-2004", "in 2003–04"],
)
def test_a_fiscal_year_written_as_two_years_is_placed_at_the_year_it_starts(text):
    assert _placed(text) == [(dt.date(2003, 1, 1), "year")]


@pytest.mark.parametrize("text", ["a boost to the budget in 2003/04", "spending since 2003/4"])
def test_a_fiscal_year_written_with_a_slash_is_placed_without_the_models_date_entity(text):
    found = [t for t in scan(text, None, lambda a, b: None) if t.date]
    assert [(t.date, t.precision, t.needs_entity) for t in found] == [
        (dt.date(2003, 1, 1), "year", False)
    ]


def test_a_slash_between_a_year_and_a_number_that_is_not_the_next_year_is_no_date():
    assert _placed("a ratio of 2004/12") == []


def test_a_span_of_several_years_is_not_one_date():
    assert _placed("a claim for the 2001-2003 period") == []
    assert _placed("in 1999-00") == [(dt.date(1999, 1, 1), "year")]
