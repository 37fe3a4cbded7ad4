"""RSS and Atom feeds → their items, and each item's page → an article.

feedparser reads every dialect (RSS 0.9x to 2.0, RSS 1.0, Atom) and recovers what it can
from a feed that is not well-formed XML; a feed it can read no linked item from is refused.
"""

from __future__ import annotations

import datetime as dt
import time
import xml.sax
from collections.abc import Iterable, Iterator
from typing import Any

from bot.ingest.clean import printable
from bot.ingest.fetch import Fetched, FetchError, fetch, is_web_url
from bot.ingest.web import page_from
from bot.records import FeedItem, Rejected, SourceText

FEED_TYPES = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml", "application/feed+xml",
}  # fmt: skip
FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:RDF")
MAX_URL, MAX_GUID, MAX_STAMP = 2048, 1024, 64  # what the store keeps of each


def is_feed(page: Fetched) -> bool:
    """Whether a fetched resource is a feed: by its type, or by its root element when a
    server sends a feed as text/html or text/plain."""
    if page.content_type in FEED_TYPES:
        return True
    head = page.body[:2048].lstrip()
    return any(root in head for root in FEED_ROOTS) and not head.lower().startswith(b"<!doctype")


def parse_feed(body: bytes, url: str) -> tuple[str | None, list[FeedItem]]:
    """The feed's title and its items with an http(s) link; ValueError when it is not a feed
    or no item could be read from it."""
    import feedparser  # here: a question never reads a feed (40 ms a start)

    # Bytes, never a URL string: given one, feedparser would fetch it itself, unbounded.
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    items = [item for entry in parsed.entries if (item := _item(entry)) is not None]
    broken = parsed.get("bozo_exception")
    if not items and isinstance(broken, xml.sax.SAXException):
        raise ValueError(f"is not well-formed XML ({broken.getMessage()}); no item could be read")
    if not items and not parsed.get("version"):
        raise ValueError("is not an RSS or Atom feed")
    title = parsed.feed.get("title")
    return (printable(title) if isinstance(title, str) and title.strip() else None), items


def item_articles(
    items: Iterable[FeedItem], feed_title: str | None
) -> Iterator[SourceText | Rejected]:
    """Each item's page as an article, the item's title, link and date filling what the page
    does not say; a page that fails is a Rejected naming its URL."""
    for item in items:
        fields: dict[str, Any] = {"title": item.title, "url": item.url, "source": feed_title}
        fields = {name: value for name, value in fields.items() if value}
        if item.published:
            fields["published"] = item.published
        try:
            yield page_from(item.url, fetch(item.url), fields)
        except (FetchError, ValueError) as exc:
            yield Rejected(item.url, str(exc))


def _item(entry: Any) -> FeedItem | None:
    link = entry.get("link")
    if not isinstance(link, str) or not is_web_url(link.strip()):
        return None
    link = link.strip()
    if len(link) > MAX_URL:  # longer than the store keeps: the article would be refused too
        return None
    guid = entry.get("id") if isinstance(entry.get("id"), str) and entry.get("id") else link
    title = entry.get("title")
    # dict.get: feedparser maps a missing `updated` to `published` (with a warning) otherwise.
    stamp = dict.get(entry, "updated") or dict.get(entry, "published")
    return FeedItem(
        guid=guid[:MAX_GUID],
        url=link,
        title=printable(title).strip() if isinstance(title, str) and title.strip() else None,
        published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        updated=stamp[:MAX_STAMP] if isinstance(stamp, str) else None,
    )


def _date(parsed: time.struct_time | None) -> dt.date | None:
    # feedparser gives the item's date in UTC, as a struct_time.
    return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
