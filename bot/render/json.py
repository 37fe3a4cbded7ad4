"""Brief and lists → JSON-ready dicts (the documented contract in README.md)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from bot.records import ArticleRef, Brief, QuoteItem, StoredArticle, SummaryItem, TimelineItem


def article_dict(article: ArticleRef) -> dict[str, Any]:
    """The citation object every item carries."""
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "path": article.path,
        "url": article.url,
    }


def summary_dict(item: SummaryItem) -> dict[str, Any]:
    return {
        "text": item.text,
        "article": article_dict(item.article),
        "also": [article_dict(a) for a in item.also],
        "score": round(item.score, 4),
        "bm25": None if item.bm25 is None else round(item.bm25, 4),
        "semantic": None if item.semantic is None else round(item.semantic, 4),
    }


def quote_dict(item: QuoteItem) -> dict[str, Any]:
    return {
        "text": item.text,
        "speaker": item.speaker,
        "speaker_mention": item.speaker_mention,
        "attribution": item.attribution,
        "cue": item.cue,
        "partial": item.partial,
        "article": article_dict(item.article),
    }


def timeline_dict(item: TimelineItem) -> dict[str, Any]:
    return {
        "date": item.date.isoformat(),
        "precision": item.precision,
        "expression": item.expression,
        "text": item.text,
        "article": article_dict(item.article),
        "sources": [article_dict(a) for a in item.sources],
        "inferred": item.inferred,
        "evidence": item.evidence,
        "people": list(item.people),
        "organisations": list(item.organisations),
        "status": item.status,
    }


def brief_dict(brief: Brief) -> dict[str, Any]:
    """The `ask --json` document."""
    return {
        "query": brief.query,
        "summary": [summary_dict(i) for i in brief.summary],
        "quotes": [quote_dict(i) for i in brief.quotes],
        "timeline": [timeline_dict(i) for i in brief.timeline],
    }


def stored_article_dict(article: StoredArticle) -> dict[str, Any]:
    """An article as `china-brief article --json` gives it: the citation, byline and text."""
    return article_dict(article.ref) | {"byline": article.byline, "text": article.text}


def dumps(document: dict[str, Any]) -> str:
    """Pretty, UTF-8 friendly JSON text."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def listing(name: str, items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """`{name: [...]}`, the shape of `quotes`, `timeline` and `articles` with --json."""
    return {name: list(items)}
