"""Followed feeds: fetch each (conditional GET), ingest new items' pages, back off on failure."""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from bot.ingest.fetch import TIMEOUT as FEED_TIMEOUT
from bot.ingest.fetch import FetchError, fetch
from bot.pipeline.clock import now as _now
from bot.pipeline.ingesting import _ingest_read
from bot.records import (
    Feed,
    FeedItem,
    FeedPoll,
)
from bot.services import Services
from bot.store import feeds as followed

logger = logging.getLogger(__name__)


def poll_feeds(
    services: Services, *, timeout: float = FEED_TIMEOUT, every: dt.timedelta | None = None
) -> list[FeedPoll]:
    """One pass over the followed feeds (what cron runs): each feed is fetched with a
    conditional GET, and each item whose page is not stored yet, or whose feed entry changed,
    has its page ingested. A failing feed is recorded and backs off; it never stops the others.

    With `every` (the serving process's schedule), only feeds polled at least that long ago.
    Each feed is claimed in the database first, so processes polling together poll it once.
    """
    token = uuid.uuid4().hex
    with services.sessions() as session:
        due = followed.due_feeds(session, _now(), every)
    polls = []
    for feed in due:
        now = _now()
        with services.sessions.begin() as session:
            if not followed.claim_feed(session, feed.id, token, now, every):
                continue  # another process is polling it, or just has
        try:
            polls.append(_poll(feed, services, now, timeout))
        finally:
            with services.sessions.begin() as session:
                followed.release_feed(session, feed.id, token)
    return polls


def _poll(feed: Feed, services: Services, now: dt.datetime, timeout: float) -> FeedPoll:
    from bot.ingest.feeds import item_articles, parse_feed
    from bot.ingest.readers import within

    poll = FeedPoll(feed.url)
    try:
        page = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, timeout=timeout)
        title, items = (None, []) if page.not_modified else parse_feed(page.body, page.url)
    except (FetchError, ValueError) as exc:
        poll.error = str(exc)
        with services.sessions.begin() as session:
            poll.retry_at = followed.record_failure(session, feed.id, now, poll.error)
        return poll
    with services.sessions() as session:
        states = followed.item_states(session, feed.id)
        stored = followed.stored_urls(session, [i.url for i in items if i.guid not in states])
    # Stored (by GUID with the same entry, or under its URL) or given up on: not fetched.
    fresh = [item for item in items if _to_fetch(item, states, stored)]
    poll.not_modified, poll.items = page.not_modified, len(items)
    poll.known = len(items) - len(fresh)
    articles = within(item_articles(fresh, title or feed.title), services.nlp.max_length)
    poll.report = report = _ingest_read(articles, services)
    keys = {*report.added, *report.replaced, *report.unchanged, *(k for k, _ in report.duplicates)}
    keys.update(report.withheld)  # taken out on purpose: never fetched again
    with services.sessions.begin() as session:
        by_url = [i for i in items if i.guid not in states and i.url in stored]
        done = by_url + [i for i in fresh if i.url in keys]
        followed.mark_stored(session, feed.id, done, now)
        failed = [i for i in fresh if i.url not in keys]
        poll.given_up = [i.url for i in followed.mark_failed(session, feed.id, failed, now)]
        # An item still to retry leaves the validators unsaved: the next poll reads it whole.
        whole = len(poll.given_up) == len(failed)
        followed.record_success(
            session, feed.id, now, title=title,
            etag=page.etag if whole else None, last_modified=page.last_modified if whole else None,
        )  # fmt: skip
    return poll


def _to_fetch(item: FeedItem, states: dict[str, tuple[str | None, int]], stored: set[str]) -> bool:
    if item.guid not in states:
        return item.url not in stored
    updated, failures = states[item.guid]
    return updated != item.updated or 0 < failures < followed.ITEM_TRIES
