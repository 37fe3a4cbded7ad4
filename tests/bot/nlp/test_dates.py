from __future__ import annotations

import datetime as dt

from bot.nlp.annotate import annotate
from bot.nlp.dates import dated_events
from bot.records import SourceText


def _events(nlp, text, published=None, dateline=None):
    source = SourceText("k", "p", text, "title", "hash", published, dateline=dateline)
    return annotate(nlp(source.text), source).events


def test_numbers_are_not_years(nlp):
    events = _events(nlp, "About 2000 people marched, and in 2019 more came.")
    assert [(e.expression, e.precision) for e in events] == [("2019", "year")]


def test_weekday_in_a_past_report_is_the_most_recent_such_day(nlp):
    text = "At a dinner in London on Thursday, James Cleverly issued a goodwill message."
    events = _events(nlp, text, dt.date(2023, 5, 6))
    assert [(e.date, e.precision, e.inferred) for e in events] == [
        (dt.date(2023, 5, 4), "day", False)
    ]
    assert events[0].people == ("James Cleverly",)


def test_weekday_in_a_future_plan_is_the_next_such_day(nlp):
    events = _events(nlp, "The two ministers will meet on Friday in Paris.", dt.date(2023, 5, 6))
    assert [e.date for e in events] == [dt.date(2023, 5, 12)]


def test_month_in_a_past_tense_sentence_is_the_latest_such_month(nlp):
    text = "Wang Qishan attended Queen Elizabeth's funeral in September."
    assert [e.date for e in _events(nlp, text, dt.date(2023, 5, 6))] == [dt.date(2022, 9, 1)]


def test_undated_article_places_explicit_dates_only(nlp):
    text = "Cleverly met Han Zheng on Wednesday. Hunt visited Beijing in 2018."
    events = _events(nlp, text)
    assert [(e.expression, e.inferred) for e in events] == [("2018", False)]


def test_dateline_and_lead_weekday_give_an_inferred_date_with_its_evidence(nlp):
    text = (
        "James Cleverly held meetings in Beijing on Wednesday.\n\n"
        "The U.N. published a report on Xinjiang in 2022."
    )
    events = _events(nlp, text, dateline="Aug. 30")
    wednesday = next(e for e in events if e.expression == "on Wednesday")
    assert (wednesday.date, wednesday.inferred) == (dt.date(2023, 8, 30), True)
    assert "Aug. 30" in (wednesday.evidence or "")
    report = next(e for e in events if e.expression == "2022")
    assert (report.inferred, report.evidence) == (False, None)


def test_dateline_without_a_lead_weekday_infers_nothing(nlp):
    text = (
        "James Cleverly held meetings in Beijing.\n\n"
        "Last week he recalled that talks were held in 2022."
    )
    events = _events(nlp, text, dateline="Aug. 30")
    assert [e.expression for e in events] == ["2022"]


def test_relative_date_inside_a_direct_quote_is_not_placed(nlp):
    text = '"Today I met Han Zheng," James Cleverly said. He flew home on Thursday.'
    events = _events(nlp, text, dt.date(2023, 5, 6))
    assert [e.expression for e in events] == ["on Thursday"]


def _walks(nlp, counting, sentences: int) -> int:
    text = " ".join(
        f"On May {n % 28 + 1}, 2023, James Cleverly met Wang Yi in London, and they will "
        f"meet again on Friday, the Foreign Office said."
        for n in range(sentences)
    )
    source = SourceText("k", "p", text, "title", "hash", dt.date(2023, 6, 1))
    parsed = nlp(text)
    sents = annotate(parsed, source).sentences
    doc, walks = counting(parsed)
    events = list(dated_events(doc, sents, source))
    assert len(events) >= 2 * sentences  # a date and a weekday each: the tense path is taken
    return walks()


def test_dated_events_walk_the_document_a_fixed_number_of_times_however_long_it_is(nlp, counting):
    assert _walks(nlp, counting, 5) == _walks(nlp, counting, 40) <= 2
