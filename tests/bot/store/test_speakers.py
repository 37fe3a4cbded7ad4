"""Speakers as entities across articles: one person under every name, role and honorific."""

from __future__ import annotations

import pytest

from bot.store.speakers import (
    fold_speakers,
    list_speakers,
    named_across_corpus,
    quotes_by_speaker,
)


def test_a_surname_folds_into_the_one_full_name_that_holds_it():
    found = fold_speakers(
        [("James Cleverly", 1, 3), ("Cleverly", 2, 2), ("Han", 2, 1), ("Han Zheng", 3, 1)],
        [("James Cleverly", "foreign secretary"), ("Han Zheng", "vice president")],
    )
    by_name = {s.name: s for s in found}
    assert set(by_name) == {"James Cleverly", "Han Zheng"}
    assert by_name["James Cleverly"].aliases == ("Cleverly", "James Cleverly")
    assert (by_name["James Cleverly"].quotes, by_name["James Cleverly"].articles) == (5, 2)
    assert by_name["Han Zheng"].roles == ("vice president",)


def test_a_surname_shared_by_several_people_is_never_folded():
    found = fold_speakers([("Wang Yi", 1, 1), ("Wang Yiwei", 1, 2), ("Wang", 2, 1)], [])
    assert sorted(s.name for s in found) == ["Wang", "Wang Yi", "Wang Yiwei"]


def test_documents_and_organisations_stay_as_written():
    found = fold_speakers([("the report", 1, 2), ("the committee’s report", 2, 1)], [])
    assert sorted(s.name for s in found) == ["the committee’s report", "the report"]


@pytest.mark.parametrize(
    "query", ["Cleverly", "James Cleverly", "Mr Cleverly", "Foreign Secretary James Cleverly"]
)
def test_every_way_of_naming_cleverly_finds_all_his_quotes(seeded, query):
    with seeded.sessions() as session:
        found = quotes_by_speaker(session, query)
    assert len(found) == 14
    assert {q.speaker for _, q in found} == {"James Cleverly", "Cleverly"}


def test_a_name_nobody_carries_finds_nothing(seeded):
    with seeded.sessions() as session:
        assert quotes_by_speaker(session, "Mr Nobody") == []
        assert quotes_by_speaker(session, "Mr") == []


def test_seeded_speakers_come_most_quoted_first(seeded):
    with seeded.sessions() as session:
        speakers = list_speakers(session)
    assert speakers[0].name == "James Cleverly"
    assert [s.quotes for s in speakers] == sorted((s.quotes for s in speakers), reverse=True)


def test_a_hyphenated_role_reads_as_written(seeded):
    with seeded.sessions() as session:
        han = next(s for s in list_speakers(session) if s.name == "Han Zheng")
    assert "vice-president" in han.roles


def test_an_organisation_is_never_taken_for_a_short_form_of_a_person():
    found = fold_speakers([("China", 1, 2), ("China Daily", 2, 1)], [], people=["China Daily"])
    assert sorted(s.name for s in found) == ["China", "China Daily"]


def test_a_quote_under_a_short_name_is_served_under_the_corpus_full_name(seeded):
    with seeded.sessions() as session:
        quotes = quotes_by_speaker(session, "Han")
        served = named_across_corpus(session, [(a, q) for a, q in quotes])
    assert quotes and {q.speaker for _, q in served} == {"Han Zheng"}
    short = [q for _, q in served if q.speaker_mention == "Han"]
    assert short and all(q.attribution.endswith("+corpus-name") for q in short)
