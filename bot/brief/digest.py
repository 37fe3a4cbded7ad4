"""What is new in the corpus → a Digest (pure: no database, no Slack)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from bot.brief.compose import merge_events, quote_item
from bot.brief.similarity import content_words, near_duplicate
from bot.records import ArticleRef, Digest, DigestArticle, Event, Quote, QuoteItem

MAX_QUOTES, MAX_TIMELINE, MAX_ARTICLES = 5, 8, 20
MIN_QUOTE_WORDS = 6


def compose_digest(
    day: dt.date,
    since: dt.datetime | None,
    until: dt.datetime,
    articles: Sequence[tuple[ArticleRef, str | None]],
    quotes: Iterable[tuple[ArticleRef, Quote]],
    events: Iterable[tuple[ArticleRef, Event]],
) -> Digest:
    """The new articles with their ledes, their notable quotes and their dated events."""
    return Digest(
        day=day,
        since=since,
        until=until,
        articles=tuple(DigestArticle(ref, lede) for ref, lede in articles[:MAX_ARTICLES]),
        quotes=tuple(notable_quotes(quotes)[:MAX_QUOTES]),
        timeline=tuple(merge_events(events)[-MAX_TIMELINE:]),
    )


def notable_quotes(quotes: Iterable[tuple[ArticleRef, Quote]]) -> list[QuoteItem]:
    """Full quotes with a named speaker, longest first, one per near-identical quotation."""
    candidates = [
        (article, q)
        for article, q in quotes
        if q.speaker and not q.partial and len(q.text.split()) >= MIN_QUOTE_WORDS
    ]
    candidates.sort(key=lambda aq: (-len(aq[1].text), aq[0].id, aq[1].start))
    chosen: list[QuoteItem] = []
    seen: list[frozenset[str]] = []
    speakers: dict[str, int] = {}
    for article, quote in candidates:
        words = content_words(quote.text)
        if any(near_duplicate(words, other, 0.8) for other in seen):
            continue
        if speakers.get(quote.speaker or "", 0) >= 2:
            continue  # a digest shows several voices, not one person's every line
        seen.append(words)
        speakers[quote.speaker or ""] = speakers.get(quote.speaker or "", 0) + 1
        chosen.append(quote_item(article, quote))
    return chosen
