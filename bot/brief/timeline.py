"""Dated events → timeline entries: one entry per event, however many outlets report it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from bot.brief.similarity import content_words, near_duplicate
from bot.records import ArticleRef, Event, Passage, TimelineItem, UnplacedEvent

WEEKDAYS = {d: n for n, d in enumerate("monday tuesday wednesday thursday friday".split())}
WEEKDAYS.update({"saturday": 5, "sunday": 6})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "dame", "lady"})
SAME_STORY = 0.2  # content-word overlap that, with a shared actor, makes two reports one event
SHARED_ACTORS = 2  # an undated report joins a dated event naming its weekday and two of its actors


def match_timeline(
    passages: Sequence[Passage],
    events: Iterable[tuple[ArticleRef, Event]],
    unplaced: Iterable[tuple[ArticleRef, UnplacedEvent]] = (),
) -> list[TimelineItem]:
    """Dated events from the matching sentences, in date order, one entry per event."""
    spans_by_article: dict[int, list[tuple[int, int, float]]] = {}
    for p in passages:
        spans_by_article.setdefault(p.article.id, []).append((p.start, p.end, p.score))

    def matching(article: ArticleRef, start: int) -> bool:
        return any(s <= start < e for s, e, _ in spans_by_article.get(article.id, []))

    def relevance(article: ArticleRef, event: Event) -> float:
        spans = spans_by_article.get(article.id, [])
        return max((v for s, e, v in spans if s <= event.start < e), default=0.0)

    return merge_events(
        [(a, e) for a, e in events if matching(a, e.start)],
        [(a, u) for a, u in unplaced if matching(a, u.start)],
        relevance,
    )


def most_relevant(items: Sequence[TimelineItem], limit: int) -> list[TimelineItem]:
    """The `limit` entries most relevant to the query, shown in date order.

    Cutting a date-ordered list would keep the oldest entries: "When did Cleverly visit
    Beijing?" would lose the August meetings that answer it.
    """
    chosen = sorted(range(len(items)), key=lambda i: (-items[i].score, i))[:limit]
    return [items[i] for i in sorted(chosen)]


def merge_events(
    events: Iterable[tuple[ArticleRef, Event]],
    unplaced: Iterable[tuple[ArticleRef, UnplacedEvent]] = (),
    relevance: Callable[[ArticleRef, Event], float] | None = None,
) -> list[TimelineItem]:
    """One entry per event: the same date and precision, and the same story from each outlet.

    Two reports are the same story when their sentences are near-identical, or when they come
    from different articles, name a common person or organisation and share a fifth of their
    content words. The earliest published source leads; every source is listed.
    """
    merged: list[tuple[frozenset[str], frozenset[str], TimelineItem]] = []
    ordered = sorted(
        events, key=lambda ae: (ae[1].date, ae[1].precision, _published(ae[0]), ae[0].id)
    )
    for article, event in ordered:
        words, actors = content_words(event.text), _actors(event)
        twin = next(
            (
                i
                for i, (w, a, item) in enumerate(merged)
                if (item.date, item.precision) == (event.date, event.precision)
                and _same_story(words, actors, article, w, a, item)
            ),
            None,
        )
        score = relevance(article, event) if relevance is not None else 0.0
        if twin is None:
            merged.append((words, actors, replace(_item(article, event), score=score)))
            continue
        w, a, item = merged[twin]
        item = replace(item, score=max(item.score, score))
        if all(s.id != article.id for s in item.sources):
            item = replace(
                item,
                sources=item.sources + (article,),
                people=tuple(dict.fromkeys(item.people + event.people)),
                organisations=tuple(dict.fromkeys(item.organisations + event.organisations)),
            )
        merged[twin] = (w, a | actors, item)
    items = [item for _, _, item in merged]
    for article, report in unplaced:
        items = _attach(items, article, report)
    return items


def _attach(
    items: list[TimelineItem], article: ArticleRef, report: UnplacedEvent
) -> list[TimelineItem]:
    # An undated article reporting the same weekday meeting of the same people as a dated
    # entry is another source for it; with two candidates it stays out rather than guess.
    day = _weekday(report.expression)
    actors = _actors(report)
    fits = [
        i
        for i, item in enumerate(items)
        if item.precision == "day"
        and day is not None
        and item.date.weekday() == day
        and _weekday(item.expression) == day
        and all(s.id != article.id for s in item.sources)
        and len(actors & _actors(item)) >= SHARED_ACTORS
    ]
    if len(fits) != 1:
        return items
    item = items[fits[0]]
    names = ", ".join(sorted(actors & _actors(item)))
    note = (
        f"undated “{article.title}” joined as a source: it names {report.expression!r} and {names}"
    )
    evidence = f"{item.evidence}; {note}" if item.evidence else note
    joined = replace(item, sources=item.sources + (article,), evidence=evidence)
    return [joined if i == fits[0] else other for i, other in enumerate(items)]


def _weekday(expression: str) -> int | None:
    words = expression.lower().replace("’", "'").replace("'s", "").split()
    return next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)


def _same_story(
    words: frozenset[str],
    actors: frozenset[str],
    article: ArticleRef,
    item_words: frozenset[str],
    item_actors: frozenset[str],
    item: TimelineItem,
) -> bool:
    if near_duplicate(words, item_words, 0.5):
        return True
    if any(s.id == article.id for s in item.sources) or not actors & item_actors:
        return False
    return len(words & item_words) / max(len(words | item_words), 1) >= SAME_STORY


def _actors(event: Event | UnplacedEvent | TimelineItem) -> frozenset[str]:
    # "Mr Cleverly", "James Cleverly" and "Cleverly" are one person: compare surnames.
    names = set()
    for name in (*event.people, *event.organisations):
        words = [w for w in name.lower().replace(".", "").split() if w not in HONORIFICS]
        if words:
            names.add(words[-1])
    return frozenset(names)


def _item(article: ArticleRef, event: Event) -> TimelineItem:
    return TimelineItem(
        date=event.date,
        precision=event.precision,
        expression=event.expression,
        text=event.text,
        article=article,
        sources=(article,),
        inferred=event.inferred,
        evidence=event.evidence,
        people=event.people,
        organisations=event.organisations,
        status=event.status,
    )


def _published(article: ArticleRef) -> str:
    return article.published.isoformat() if article.published else "9999"
