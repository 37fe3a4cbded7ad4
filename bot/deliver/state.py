"""What the bot remembers between Slack events: its threads, events seen, subscriptions.

Each function owns its transaction, so handlers/ never sees a database session.
"""

from __future__ import annotations

import datetime as dt

from bot.records import FollowUp, Thread
from bot.services import Services
from bot.store import digests, threads
from bot.store.digests import Subscription


def start_thread(services: Services, channel: str, thread_ts: str, query: str) -> None:
    """Remember that a brief posted in a channel roots a thread about `query`."""
    with services.sessions.begin() as session:
        threads.start_thread(session, channel, thread_ts, query, _now())


def find_thread(services: Services, channel: str, thread_ts: str) -> Thread | None:
    """The thread the bot started at this message, with its follow-ups so far."""
    with services.sessions() as session:
        return threads.find_thread(session, channel, thread_ts)


def add_turn(services: Services, thread: Thread, text: str, followup: FollowUp) -> None:
    """Record a follow-up as understood, so the next reply can refer back to it."""
    with services.sessions.begin() as session:
        threads.add_turn(session, thread, text, followup, _now())


def first_sighting(services: Services, event_id: str) -> bool:
    """True for the first bot process to see a Slack event; a retry or a twin gets False."""
    with services.sessions.begin() as session:
        return threads.first_sighting(session, event_id, _now())


def subscribe(
    services: Services,
    channel: str,
    at: dt.time,
    timezone: str,
    *,
    post_when_empty: bool,
    user: str | None,
) -> None:
    """Subscribe a channel to its daily digest (or change its time, zone or quiet-day choice)."""
    with services.sessions.begin() as session:
        digests.subscribe(
            session, channel, at, timezone,
            post_when_empty=post_when_empty, user=user, now=_now(),
        )  # fmt: skip


def unsubscribe(services: Services, channel: str) -> bool:
    """Stop a channel's digest; False when it had none."""
    with services.sessions.begin() as session:
        return digests.unsubscribe(session, channel)


def subscription(services: Services, channel: str) -> Subscription | None:
    """A channel's digest subscription, if it has one."""
    with services.sessions() as session:
        return digests.subscription(session, channel)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
