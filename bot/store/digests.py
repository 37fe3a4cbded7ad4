"""Digest subscriptions, the per-day claim that makes each digest exactly once, and what is new.

Takes a Session; never commits. The caller commits a claim before posting, so a second process
(or a restarted one) sees it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.records import ArticleRef
from bot.store.articles import article_refs
from bot.store.conflicts import insert_ignore, utc
from bot.store.schema import ArticleRow, DigestRunRow, DigestSubscriptionRow, SentenceRow


@dataclass(frozen=True)
class Subscription:
    channel: str
    at: dt.time
    timezone: str
    post_when_empty: bool
    created_at: dt.datetime
    last_digest_at: dt.datetime | None


@dataclass(frozen=True)
class Run:
    status: str  # claimed, posted, skipped, failed (Slack refused it for good)
    token: str
    claimed_at: dt.datetime


def subscribe(
    session: Session,
    channel: str,
    at: dt.time,
    timezone: str,
    *,
    post_when_empty: bool,
    user: str | None,
    now: dt.datetime,
) -> None:
    """Subscribe a channel (or change its time, zone or quiet-day choice) and enable it."""
    values = {"at": at.strftime("%H:%M"), "timezone": timezone, "post_when_empty": post_when_empty}
    if not insert_ignore(
        session,
        DigestSubscriptionRow,
        {"channel": channel, "enabled": True, "created_at": now, "created_by": user, **values},
    ):
        session.execute(
            update(DigestSubscriptionRow)
            .where(DigestSubscriptionRow.channel == channel)
            .values(enabled=True, **values)
        )


def unsubscribe(session: Session, channel: str) -> bool:
    """Remove a channel's subscription; False when it had none."""
    result = session.execute(
        delete(DigestSubscriptionRow).where(DigestSubscriptionRow.channel == channel)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def disable(session: Session, channel: str) -> None:
    """Stop posting to a channel Slack will not let the bot post in (kept for re-enabling)."""
    session.execute(
        update(DigestSubscriptionRow)
        .where(DigestSubscriptionRow.channel == channel)
        .values(enabled=False)
    )


def subscription(session: Session, channel: str) -> Subscription | None:
    """The channel's enabled subscription, if any."""
    row = session.scalar(
        select(DigestSubscriptionRow).where(
            DigestSubscriptionRow.channel == channel, DigestSubscriptionRow.enabled.is_(True)
        )
    )
    return _subscription(row) if row is not None else None


def subscriptions(session: Session) -> list[Subscription]:
    """Every enabled subscription."""
    rows = session.scalars(
        select(DigestSubscriptionRow)
        .where(DigestSubscriptionRow.enabled.is_(True))
        .order_by(DigestSubscriptionRow.channel)
    )
    return [_subscription(r) for r in rows]


def claim(session: Session, channel: str, day: dt.date, token: str, now: dt.datetime) -> bool:
    """Take the channel's digest for `day`; False when another claim already holds it."""
    return insert_ignore(
        session,
        DigestRunRow,
        {"channel": channel, "day": day, "status": "claimed", "token": token, "claimed_at": now},
    )


def run(session: Session, channel: str, day: dt.date) -> Run | None:
    """The claim on a channel's day, if any."""
    row = session.scalar(
        select(DigestRunRow).where(DigestRunRow.channel == channel, DigestRunRow.day == day)
    )
    return Run(row.status, row.token, utc(row.claimed_at)) if row is not None else None


def take_over(
    session: Session, channel: str, day: dt.date, old: Run, token: str, now: dt.datetime
) -> bool:
    """Take a claim left unfinished (its process died); only one taker can win it."""
    result = session.execute(
        update(DigestRunRow)
        .where(
            DigestRunRow.channel == channel,
            DigestRunRow.day == day,
            DigestRunRow.status == "claimed",
            DigestRunRow.token == old.token,
        )
        .values(token=token, claimed_at=now)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def finish(
    session: Session,
    channel: str,
    day: dt.date,
    token: str,
    *,
    status: str,
    message_ts: str | None,
    until: dt.datetime,
) -> None:
    """Mark the day's digest done and move the channel's "new since" mark to `until`."""
    session.execute(
        update(DigestRunRow)
        .where(DigestRunRow.channel == channel, DigestRunRow.day == day)
        .where(DigestRunRow.token == token)
        .values(status=status, message_ts=message_ts, posted_at=until)
    )
    session.execute(
        update(DigestSubscriptionRow)
        .where(DigestSubscriptionRow.channel == channel)
        .values(last_digest_at=until)
    )


def release(session: Session, channel: str, day: dt.date, token: str) -> None:
    """Give a claim back (the post failed for now), so the next attempt can take it."""
    session.execute(
        delete(DigestRunRow).where(
            DigestRunRow.channel == channel,
            DigestRunRow.day == day,
            DigestRunRow.token == token,
            DigestRunRow.status == "claimed",
        )
    )


def new_articles(
    session: Session, since: dt.datetime | None, until: dt.datetime
) -> list[tuple[ArticleRef, str | None]]:
    """Articles stored in (since, until], newest first, each with its first sentence."""
    stmt = select(ArticleRow.id).where(ArticleRow.ingested_at <= until)
    if since is not None:
        stmt = stmt.where(ArticleRow.ingested_at > since)
    ids = list(session.scalars(stmt.order_by(ArticleRow.ingested_at.desc(), ArticleRow.id)))
    refs = article_refs(session, ids)
    first = (
        select(SentenceRow.article_id, func.min(SentenceRow.position).label("p"))
        .where(SentenceRow.article_id.in_(ids))
        .group_by(SentenceRow.article_id)
        .subquery()
    )
    rows = session.execute(
        select(SentenceRow.article_id, SentenceRow.text).join(
            first,
            (SentenceRow.article_id == first.c.article_id) & (SentenceRow.position == first.c.p),
        )
    )
    ledes = {article_id: text for article_id, text in rows}
    return [(refs[i], ledes.get(i)) for i in ids if i in refs]


def _subscription(row: DigestSubscriptionRow) -> Subscription:
    hour, minute = (int(p) for p in row.at.split(":"))
    return Subscription(
        channel=row.channel,
        at=dt.time(hour, minute),
        timezone=row.timezone,
        post_when_empty=row.post_when_empty,
        created_at=utc(row.created_at),
        last_digest_at=utc(row.last_digest_at) if row.last_digest_at else None,
    )
