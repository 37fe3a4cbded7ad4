"""An http(s) URL → its article, or every item's article when it is a feed."""

from __future__ import annotations

from collections.abc import Iterator

from bot.ingest.feeds import is_feed, item_articles, parse_feed
from bot.ingest.fetch import FetchError, fetch
from bot.ingest.web import page_from
from bot.records import Rejected, SourceText


def read_url(url: str) -> Iterator[SourceText | Rejected]:
    """The article at a web address, or each item's page of a feed; what fails is a Rejected
    naming its URL and why."""
    try:
        page = fetch(url)
    except FetchError as exc:
        yield Rejected(url, str(exc))
        return
    try:
        if not is_feed(page):
            yield page_from(url, page)
            return
        title, items = parse_feed(page.body, page.url)
    except ValueError as exc:
        yield Rejected(url, str(exc))
        return
    yield from item_articles(items, title)
