from __future__ import annotations

import datetime as dt

from bot.deliver import state
from bot.records import FollowUp


def test_an_event_is_first_seen_once(services):
    assert state.first_sighting(services, "Ev1") is True
    assert state.first_sighting(services, "Ev1") is False


def test_a_thread_remembers_its_query_and_follow_ups(services):
    assert state.find_thread(services, "C1", "1.0") is None
    state.start_thread(services, "C1", "1.0", "human rights")
    thread = state.find_thread(services, "C1", "1.0")
    assert thread is not None and thread.query == "human rights"
    state.add_turn(
        services, thread, "what did Kearns say?", FollowUp("quotes", "human rights", "Kearns")
    )
    again = state.find_thread(services, "C1", "1.0")
    assert again is not None and [t.speaker for t in again.turns] == ["Kearns"]


def test_a_subscription_can_be_changed_and_stopped(services):
    state.subscribe(services, "C1", dt.time(8), "Europe/London", post_when_empty=True, user="U1")
    state.subscribe(services, "C1", dt.time(7, 30), "UTC", post_when_empty=False, user="U1")
    sub = state.subscription(services, "C1")
    assert sub is not None and (sub.at, sub.timezone, sub.post_when_empty) == (
        dt.time(7, 30),
        "UTC",
        False,
    )
    assert state.unsubscribe(services, "C1") is True
    assert state.unsubscribe(services, "C1") is False
