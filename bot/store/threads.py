"""Slack threads the bot started, their follow-ups, and the events already answered.

Kept in the database, not in memory, so a thread's context survives a restart and is shared
by every bot process. Takes a Session; never commits.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.records import FollowUp, Thread
from bot.store.conflicts import insert_ignore
from bot.store.schema import SeenEventRow, ThreadRow, ThreadTurnRow


def start_thread(
    session: Session, channel: str, thread_ts: str, query: str, now: dt.datetime
) -> None:
    """Remember that this message (a brief in a channel) roots a thread about `query`."""
    insert_ignore(
        session,
        ThreadRow,
        {"channel": channel, "thread_ts": thread_ts, "query": query, "created_at": now},
    )


def find_thread(session: Session, channel: str, thread_ts: str) -> Thread | None:
    """The thread rooted at this message with its follow-ups; None if the bot did not start it."""
    row = session.scalar(
        select(ThreadRow).where(ThreadRow.channel == channel, ThreadRow.thread_ts == thread_ts)
    )
    if row is None:
        return None
    turns = tuple(
        FollowUp(t.intent, t.query, t.speaker)  # type: ignore[arg-type]
        for t in row.turns
    )
    return Thread(row.channel, row.thread_ts, row.query, turns)


def add_turn(
    session: Session, thread: Thread, text: str, followup: FollowUp, now: dt.datetime
) -> None:
    """Record a follow-up as understood, so the next reply can refer back to it."""
    thread_id = session.scalar(
        select(ThreadRow.id).where(
            ThreadRow.channel == thread.channel, ThreadRow.thread_ts == thread.thread_ts
        )
    )
    if thread_id is None:
        return
    session.add(
        ThreadTurnRow(
            thread_id=thread_id,
            text=text,
            intent=followup.intent,
            query=followup.query,
            speaker=followup.speaker,
            created_at=now,
        )
    )


def first_sighting(session: Session, event_id: str, now: dt.datetime) -> bool:
    """True for the first process to see this Slack event id; False for every retry."""
    return insert_ignore(session, SeenEventRow, {"event_id": event_id, "seen_at": now})


def forget_events_before(session: Session, cutoff: dt.datetime) -> int:
    """Drop old event ids (Slack retries within minutes); returns how many went."""
    result = session.execute(delete(SeenEventRow).where(SeenEventRow.seen_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
