"""Quote extraction and attribution on short articles written for each pattern."""

from __future__ import annotations

import pytest

from bot.ingest.readers import _build
from bot.nlp.annotate import annotate
from bot.records import Quote


@pytest.fixture
def quotes(nlp):
    def _quotes(text: str) -> list[Quote]:
        source = _build("k", "p", text, {}, None)
        return list(annotate(nlp(source.text), source).quotes)

    return _quotes


def speakers(found: list[Quote]) -> list[str | None]:
    return [q.speaker for q in found]


def test_quote_then_said_and_surname(quotes):
    found = quotes(
        "Foreign Secretary James Cleverly met officials in Beijing.\n\n"
        "“We will keep raising human rights with China,” Cleverly said."
    )
    assert speakers(found) == ["James Cleverly"]
    assert found[0].speaker_mention == "Cleverly" and found[0].cue == "said"
    assert found[0].text == "We will keep raising human rights with China"


def test_said_before_the_name(quotes):
    found = quotes(
        "Alicia Kearns chairs the committee.\n\n"
        '"The strategy is buried deep in Whitehall and hidden from ministers," said Kearns.'
    )
    assert speakers(found) == ["Alicia Kearns"]


def test_pronoun_after_quote_resolves_to_last_named_speaker(quotes):
    found = quotes(
        "Wang Yiwei, a professor at Renmin University, said Britain wanted to do business.\n\n"
        "“It occurs against the backdrop of the conflict in Ukraine,” he said."
    )
    assert speakers(found) == ["Wang Yiwei"]
    assert found[0].speaker_mention == "he"


def test_surname_picks_the_nearest_person_of_that_name(quotes):
    found = quotes(
        "Wang Yi met the British delegation on Wednesday.\n\n"
        "Chinese Foreign Ministry spokesperson Wang Wenbin accused the lawmakers of meddling.\n\n"
        "“China urges the British parliament to adhere to the principle,” said Wang."
    )
    assert speakers(found) == ["Wang Wenbin"]


def test_honorific_and_surname_resolve_to_the_full_name(quotes):
    found = quotes(
        "Vice President Han Zheng met the foreign secretary.\n\n"
        "After meeting Mr Zheng, the minister spoke.\n\n"
        "“China views Britain as a strategic partner,” Mr Zheng said."
    )
    assert speakers(found) == ["Han Zheng"]


def test_role_resolves_to_the_person_introduced_with_it(quotes):
    found = quotes(
        "Foreign Secretary James Cleverly is in Beijing.\n\n"
        "“China is an important country, a large and influential country,” "
        "added the foreign secretary."
    )
    assert speakers(found) == ["James Cleverly"]


def test_quote_paragraph_without_cue_continues_the_previous_speaker(quotes):
    found = quotes(
        "Alicia Kearns, chair of the committee, spoke on Wednesday.\n\n"
        "“We are seeing increased espionage on British shores,” she said.\n\n"
        "“It is absolutely important that Britain has a role in the Pacific.”"
    )
    assert speakers(found) == ["Alicia Kearns", "Alicia Kearns"]


def test_multi_paragraph_quote_is_one_quote(quotes):
    found = quotes(
        "Kearns said the committee would publish its report.\n\n"
        "“We all know we are seeing increased espionage on British shores.\n\n"
        "“It is absolutely important that Britain stands up for the rule of law.”"
    )
    assert len(found) == 1
    assert found[0].text.startswith("We all know") and found[0].text.endswith("rule of law.")


def test_one_or_two_quoted_words_are_scare_quotes(quotes):
    found = quotes("Officials said relations were “positive” and “very important” this week.")
    assert found == []


def test_partial_quote_in_reported_speech_keeps_its_speaker(quotes):
    found = quotes(
        "James Cleverly gave a speech on Tuesday.\n\n"
        "Cleverly said it would be a “betrayal of the national interest” to isolate China."
    )
    assert len(found) == 1 and found[0].partial and found[0].speaker == "James Cleverly"


def test_a_name_never_expanded_stays_as_written(quotes):
    found = quotes("“Progress on the sanctions issue will depend on negotiations,” Ding said.")
    assert speakers(found) == ["Ding"]


def test_document_speaker_is_kept_as_such(quotes):
    found = quotes("“Taiwan possesses all the qualifications for statehood,” the report states.")
    assert speakers(found) == ["the report"]


def test_straight_and_curly_quotes_are_both_found(quotes):
    found = quotes(
        '"We will talk again soon about trade," Smith said.\n\n'
        "“We hope for progress on climate,” Jones said."
    )
    assert speakers(found) == ["Smith", "Jones"]


def test_a_person_named_after_the_pronoun_cannot_be_its_antecedent(quotes):
    found = quotes(
        "Alicia Kearns chairs the foreign affairs committee.\n\n"
        "She said Prime Minister Rishi Sunak should meet Xi Jinping “if the opportunity "
        "arises at the summit”.\n\n"
        "“We all know we are seeing increased espionage on British shores.”"
    )
    assert speakers(found) == ["Alicia Kearns", "Alicia Kearns"]
