"""Reading thread replies as a person means them, with the thread's topic carried over."""

from __future__ import annotations

import pytest

from bot.brief.followup import current_topic, interpret
from bot.records import FollowUp, Thread

THREAD = Thread("C1", "1700000000.000100", "human rights")


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("who said that?", FollowUp("quotes", "human rights")),
        ("what did Kearns say?", FollowUp("quotes", "human rights", "Kearns")),
        ("What did Mr Cleverly say about Taiwan?", FollowUp("quotes", "Taiwan", "Cleverly")),
        ("quotes from Han Zheng", FollowUp("quotes", "human rights", "Han Zheng")),
        ("what about Taiwan?", FollowUp("brief", "Taiwan")),
        ("when was that?", FollowUp("timeline", "human rights")),
        ("when did the visit happen?", FollowUp("timeline", "visit")),
        ("more on the sanctions", FollowUp("brief", "sanctions")),
        ("tell me more", FollowUp("brief", "human rights")),
        ("<@UBOT> who said that?", FollowUp("quotes", "human rights")),
        ("Cleverly Beijing visit", FollowUp("brief", "Cleverly Beijing visit")),
    ],
)
def test_reply_reads_as_intent_with_topic_carried_over(reply: str, expected: FollowUp) -> None:
    assert interpret(reply, THREAD) == expected


def test_a_new_topic_becomes_the_thread_topic_for_the_next_reply() -> None:
    thread = Thread("C1", "1", "human rights", (FollowUp("brief", "Taiwan"),))
    assert current_topic(thread) == "Taiwan"
    assert interpret("who said that?", thread) == FollowUp("quotes", "Taiwan")


def test_pronoun_speaker_resolves_to_the_last_person_asked_about() -> None:
    thread = Thread("C1", "1", "human rights", (FollowUp("quotes", "human rights", "Kearns"),))
    assert interpret("what else did she say?", thread) == FollowUp(
        "quotes", "human rights", "Kearns"
    )


def test_pronoun_with_nobody_asked_about_asks_who_said_it() -> None:
    assert interpret("what did she say?", THREAD) == FollowUp("quotes", "human rights")


def test_an_empty_reply_repeats_the_topic() -> None:
    assert interpret("  ", THREAD) == FollowUp("brief", "human rights")
