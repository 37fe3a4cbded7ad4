"""Followed feeds: the list, each one's state between polls, and the items already stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlalchemy.orm import Session

from bot.records import Feed, FeedItem
from bot.store.conflicts import utc
from bot.store.schema import ArticleRow, FeedItemRow, FeedRow
from bot.store.values import UNSTORABLE

RETRY_FIRST = dt.timedelta(minutes=10)  # shorter than a 15-minute poll: retried at the next
RETRY_MOST = dt.timedelta(hours=6)
# A claim on a feed outlives any poll (a feed of 100 items, each page up to 80 s, is rare);
# a process that died holding one lets it go after this.
LEASE = dt.timedelta(minutes=30)
ITEM_TRIES = 3  # polls in a row an item's page may fail before it is given up on


def add_feed(session: Session, url: str, now: dt.datetime) -> bool:
    """Follow a feed; False when it is followed already."""
    if session.scalar(select(FeedRow.id).where(FeedRow.url == url)) is not None:
        return False
    session.add(FeedRow(url=url, added_at=now, failures=0))
    return True


def remove_feed(session: Session, url: str) -> bool:
    """Stop following a feed (its stored articles stay); False when it was not followed."""
    result = session.execute(delete(FeedRow).where(FeedRow.url == url))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def list_feeds(session: Session) -> list[Feed]:
    """Every followed feed, in the order they were added."""
    return [_feed(row) for row in session.scalars(select(FeedRow).order_by(FeedRow.id))]


def due_feeds(session: Session, now: dt.datetime, every: dt.timedelta | None = None) -> list[Feed]:
    """The feeds to fetch now: all but those backing off after a failure and, with `every`,
    those polled less than that long ago."""
    rows = session.scalars(select(FeedRow).where(*_due(now, every)).order_by(FeedRow.id))
    return [_feed(row) for row in rows]


def claim_feed(
    session: Session,
    feed_id: int,
    token: str,
    now: dt.datetime,
    every: dt.timedelta | None = None,
    lease: dt.timedelta = LEASE,
) -> bool:
    """Take the feed's next poll for the process holding `token`; False when it is not due
    any more or another process holds a lease on it that has not run out. The caller commits
    the claim before polling, so other processes see it."""
    result = session.execute(
        update(FeedRow)
        .where(
            FeedRow.id == feed_id,
            or_(FeedRow.claimed_until.is_(None), FeedRow.claimed_until < now),
            *_due(now, every),
        )
        .values(claimed_by=token, claimed_until=now + lease)
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


def release_feed(session: Session, feed_id: int, token: str) -> None:
    """Give up the claim on a feed once its poll is recorded."""
    session.execute(
        update(FeedRow)
        .where(FeedRow.id == feed_id, FeedRow.claimed_by == token)
        .values(claimed_by=None, claimed_until=None)
    )


def _due(now: dt.datetime, every: dt.timedelta | None) -> list[ColumnElement[bool]]:
    due = [or_(FeedRow.retry_at.is_(None), FeedRow.retry_at <= now)]
    if every is not None:
        due.append(or_(FeedRow.polled_at.is_(None), FeedRow.polled_at <= now - every))
    return due


def record_success(
    session: Session,
    feed_id: int,
    now: dt.datetime,
    *,
    title: str | None,
    etag: str | None,
    last_modified: str | None,
) -> None:
    """A poll that read the feed (or was told it had not changed): the back-off ends."""
    row = session.get(FeedRow, feed_id)
    if row is None:  # removed while it was being polled
        return
    row.polled_at, row.failures, row.last_error, row.retry_at = now, 0, None, None
    row.etag, row.last_modified = _short(etag, 512), _short(last_modified, 128)
    if title:
        row.title = _fit(title, 512)


def record_failure(session: Session, feed_id: int, now: dt.datetime, reason: str) -> dt.datetime:
    """A poll that failed: the feed backs off, doubling each time; returns when it is next due."""
    row = session.get(FeedRow, feed_id)
    if row is None:
        return now
    row.failures = (row.failures or 0) + 1
    wait = min(RETRY_FIRST * 2 ** (row.failures - 1), RETRY_MOST)
    row.polled_at, row.last_error, row.retry_at = now, _fit(reason, 512), now + wait
    return now + wait


def item_states(session: Session, feed_id: int) -> dict[str, tuple[str | None, int]]:
    """GUID → (the feed's update stamp, failed polls in a row) of every item of this feed
    whose page is stored (0 failures) or has failed."""
    rows = session.execute(
        select(FeedItemRow.guid, FeedItemRow.updated, FeedItemRow.failures).where(
            FeedItemRow.feed_id == feed_id
        )
    )
    return {guid: (updated, failures or 0) for guid, updated, failures in rows}


def stored_urls(session: Session, urls: Iterable[str]) -> set[str]:
    """Those of these URLs that an article is stored under (as its key or its URL)."""
    urls = set(urls)
    if not urls:
        return set()
    found = session.execute(
        select(ArticleRow.key, ArticleRow.url).where(
            or_(ArticleRow.key.in_(urls), ArticleRow.url.in_(urls))
        )
    )
    return {value for row in found for value in row if value in urls}


def mark_stored(
    session: Session, feed_id: int, items: Iterable[FeedItem], now: dt.datetime
) -> None:
    """Remember that these items' pages are stored, with the feed's update stamp for each."""
    for item in items:
        row = _item_row(session, feed_id, item, now)
        row.url, row.updated, row.stored_at, row.failures = item.url, item.updated, now, 0


def mark_failed(
    session: Session, feed_id: int, items: Iterable[FeedItem], now: dt.datetime
) -> list[FeedItem]:
    """Count a failed fetch of each item's page; returns those now given up on (failed
    ITEM_TRIES polls in a row with the same entry), which are not fetched again."""
    given_up = []
    for item in items:
        row = _item_row(session, feed_id, item, now)
        row.failures = (row.failures or 0) + 1 if row.updated == item.updated else 1
        row.url, row.updated = item.url, item.updated
        if row.failures >= ITEM_TRIES:
            given_up.append(item)
    return given_up


def _item_row(session: Session, feed_id: int, item: FeedItem, now: dt.datetime) -> FeedItemRow:
    row = session.scalar(
        select(FeedItemRow).where(FeedItemRow.feed_id == feed_id, FeedItemRow.guid == item.guid)
    )
    if row is None:
        row = FeedItemRow(
            feed_id=feed_id, guid=item.guid, url=item.url, updated=item.updated,
            stored_at=now, failures=0,
        )  # fmt: skip
        session.add(row)
    return row


def _feed(row: FeedRow) -> Feed:
    values = {f.name: getattr(row, f.name) for f in fields(Feed)}
    # SQLite gives back times without their zone; they were written in UTC.
    times = {name: utc(values[name]) for name in ("polled_at", "retry_at") if values[name]}
    return Feed(**values | times)


def _short(value: str | None, limit: int) -> str | None:
    # A validator longer than its column is useless cut short: send none rather than a wrong one.
    return value if value is not None and len(value) <= limit else None


def _fit(value: str, limit: int) -> str:
    value = UNSTORABLE.sub("\ufffd", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"
