"""Web pages (a saved .html file or a fetched URL) → cleaned SourceText records.

trafilatura finds the story's text among the navigation, asides and footers, and its
metadata: title, byline, site name (the source) and canonical URL. The date comes from
htmldate, as trafilatura calls it, but only from what the page states in its markup (meta
tags, JSON-LD, a `<time>` element or an element marked as the date, the URL), or a short
line of the page saying when it was published ("Published: 6 May 2023"). htmldate's
extensive search would also take a footer's `© 2024` as 1 January 2024: a date is never
invented here.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.ingest.article import build_source
from bot.ingest.clean import printable
from bot.ingest.fetch import Fetched
from bot.ingest.metadata import parse_iso_date, published_line
from bot.records import SourceText

HTML_SUFFIXES = {".html", ".htm"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
# Fewer words than this is a page's furniture (a menu, a paywall notice), not a story.
MIN_PAGE_WORDS = 20
# htmldate without its extensive search of the page's text; with `original_date`, the
# publication date rather than the latest update.
# Where a page writes "Published: 6 May 2023" in words: a short line of its own.
LINE_START = re.compile(r"\s*(?:first\s+)?(?:published|posted)\b", re.IGNORECASE)
MAX_LINE = 120
DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def page_article(
    key: str,
    path: str,
    html: bytes | str,
    url: str | None = None,
    given: dict[str, Any] | None = None,
) -> SourceText:
    """The article in a web page, with what the page says of it; `given` fields (from a feed
    item) fill what the page does not say. ValueError when the page holds no article text."""
    # Imported here: trafilatura and lxml take a tenth of a second to load, which every
    # command would pay, though only ingesting a web page needs them.
    import trafilatura
    from trafilatura.settings import Document

    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=dict(DATE_PARAMS),
    )
    document = extracted.as_dict() if isinstance(extracted, Document) else extracted or {}
    text = document.get("text")
    if not isinstance(text, str) or len(text.split()) < MIN_PAGE_WORDS:
        raise ValueError("has no article text that could be told from the page around it")
    given = given or {}
    fields = {name: value for name, value in given.items() if name != "published"}
    fields |= _fields(document, url)
    published = _published(document.get("date")) or _published_line(html) or given.get("published")
    body = "\n\n".join(line for line in printable(text).split("\n") if line.strip())
    return build_source(key, path, body, fields, published)


def page_from(url: str, page: Fetched, fields: dict[str, Any] | None = None) -> SourceText:
    """The article in a fetched page, keyed by the URL asked for; `fields` (from a feed item)
    fill what the page does not say. ValueError when it is not a page with an article."""
    if page.content_type not in HTML_TYPES:
        raise ValueError(f"is not a web page (the server sent {page.content_type or 'no type'})")
    return page_article(url, url, page.body, page.url, fields)


def _fields(document: dict[str, Any], url: str | None) -> dict[str, Any]:
    found = {
        "title": document.get("title"),
        "byline": document.get("author"),
        "source": document.get("sitename"),
        "url": document.get("url") or url,
    }
    return {name: printable(value) for name, value in found.items() if isinstance(value, str)}


def _published_line(html: bytes | str) -> dt.date | None:
    # A visible "Published: 6 May 2023" that no markup marks as the date. Only text that
    # starts with the word is read with its element, so the walk stays linear in the page.
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        return None
    for text in tree.xpath("//body//text()"):
        if not LINE_START.match(text):
            continue
        line = text.getparent().text_content() if text.is_text else str(text)
        if len(line) <= MAX_LINE and (found := published_line(line)):
            return found
    return None


def _published(date: str | None) -> dt.date | None:
    try:
        return parse_iso_date(date) if date else None
    except ValueError:
        return None
