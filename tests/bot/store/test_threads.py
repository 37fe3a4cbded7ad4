"""Thread context and seen events live in the database, shared by every bot process."""

from __future__ import annotations

import datetime as dt

from spacy.language import Language

from bot.records import FollowUp
from bot.services import Services, build_services
from bot.store import threads

NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)


def test_thread_context_survives_a_restart(services: Services, nlp: Language) -> None:
    with services.sessions.begin() as session:
        threads.start_thread(session, "C1", "1.1", "human rights", NOW)
    with services.sessions() as session:
        thread = threads.find_thread(session, "C1", "1.1")
    assert thread is not None
    with services.sessions.begin() as session:
        threads.add_turn(
            session,
            thread,
            "what did Kearns say?",
            FollowUp("quotes", "human rights", "Kearns"),
            NOW,
        )
        threads.add_turn(session, thread, "what about Taiwan?", FollowUp("brief", "Taiwan"), NOW)
    restarted = build_services(services.settings, nlp=nlp)
    with restarted.sessions() as session:
        again = threads.find_thread(session, "C1", "1.1")
    restarted.close()
    assert again is not None and again.query == "human rights"
    assert again.turns == (
        FollowUp("quotes", "human rights", "Kearns"),
        FollowUp("brief", "Taiwan"),
    )


def test_threads_the_bot_did_not_start_are_unknown(services: Services) -> None:
    with services.sessions() as session:
        assert threads.find_thread(session, "C1", "9.9") is None


def test_an_event_id_is_taken_once_and_forgotten_after_a_day(services: Services) -> None:
    with services.sessions.begin() as session:
        assert threads.first_sighting(session, "Ev1", NOW)
    with services.sessions.begin() as session:
        assert not threads.first_sighting(session, "Ev1", NOW)
        assert threads.forget_events_before(session, NOW + dt.timedelta(days=1)) == 1
    with services.sessions.begin() as session:
        assert threads.first_sighting(session, "Ev1", NOW)
