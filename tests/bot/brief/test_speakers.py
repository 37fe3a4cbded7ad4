"""A speaker name that matches several people is flagged, not silently merged."""

from __future__ import annotations

from bot.brief.speakers import several_speakers
from bot.records import ArticleRef, QuoteItem

ARTICLE = ArticleRef(1, "Cleverly in Beijing", "UPI", None, "a.txt", None)


def _quote(speaker: str | None, text: str = "We will talk.") -> QuoteItem:
    return QuoteItem(text, speaker, speaker, "said", False, ARTICLE)


def test_a_surname_shared_by_three_people_names_each_and_how_to_ask_for_one():
    items = [_quote("Wang Yi"), _quote("Wang Yiwei"), _quote("Wang Yiwei"), _quote("Wang Wenbin")]
    note = several_speakers("Wang", items)
    assert note is not None
    assert note.startswith("'Wang' matches 3 people: Wang Yi, Wang Yiwei and Wang Wenbin.")
    assert "such as 'Wang Yi'" in note


def test_one_person_under_several_quotes_needs_no_note():
    items = [_quote("James Cleverly"), _quote("James Cleverly", "We met.")]
    assert several_speakers("Cleverly", items) is None


def test_asking_for_one_full_name_needs_no_note_even_if_others_share_an_alias():
    assert several_speakers("wang  yi", [_quote("Wang Yi"), _quote("Wang Yiwei")]) is None


def test_unattributed_quotes_do_not_count_as_people():
    assert several_speakers("Wang", [_quote("Wang Yi"), _quote(None)]) is None


def test_a_surname_alone_counts_as_the_full_name_it_belongs_to():
    items = [_quote("James Cleverly"), _quote("Cleverly", "We met.")]
    assert several_speakers("Foreign Secretary James Cleverly", items) is None


def test_one_name_in_two_cases_is_one_person():
    assert several_speakers("Wang", [_quote("Wang Yi"), _quote("WANG YI", "Talks.")]) is None
