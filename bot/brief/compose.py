"""Query results → a Brief: summary, quotes and timeline. Pure: no database, no spaCy."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from bot.brief.similarity import (
    WORD,
    Fingerprint,
    content_words,
    fingerprint,
    near_duplicate,
    same_fact,
)
from bot.brief.timeline import match_timeline, merge_events, most_relevant
from bot.records import (
    ArticleRef,
    Brief,
    Event,
    Passage,
    Quote,
    QuoteItem,
    SummaryItem,
    UnplacedEvent,
)

__all__ = ["compose_brief", "match_quotes", "match_timeline", "merge_events", "summarise"]

MIN_SUMMARY, MAX_SUMMARY = 3, 5
MIN_SUMMARY_WORDS = 6
RELATIVE_CUTOFF = 0.4  # past the minimum, a sentence must score this share of the best

FRAGMENT_WINDOW = 100
# Maximal marginal relevance (Carbonell and Goldstein, 1998): each next summary sentence is
# the one most relevant to the question less its closeness in meaning to those chosen, so five
# wordings of one fact give way to the next point. 1.0 would be relevance alone.
MMR_LAMBDA = 0.7
# Sentences of one story sit near each other in meaning (cosines of 0.4-0.6) without repeating
# each other: only closeness past this counts as saying the same thing again.
REDUNDANT_FROM = 0.6
Similarity = Callable[[Sequence[int]], np.ndarray]  # passage ids -> their cosine matrix


@dataclass(frozen=True)
class Limits:
    summary: int = MAX_SUMMARY
    quotes: int = 5
    timeline: int = 8


def compose_brief(
    query: str,
    passages: Sequence[Passage],
    quotes: Iterable[tuple[ArticleRef, Quote]],
    events: Iterable[tuple[ArticleRef, Event]],
    speaker_terms: frozenset[str] = frozenset(),
    limits: Limits = Limits(),
    *,
    unplaced: Iterable[tuple[ArticleRef, UnplacedEvent]] = (),
    similar: Similarity | None = None,
) -> Brief:
    """Assemble the three sections from passages ranked by relevance; with `similar`, the
    summary's sentences are picked for relevance and for covering different points."""
    quotes = list(quotes)
    quoted = quoted_passages(passages, quotes)
    return Brief(
        query=query,
        summary=tuple(summarise(passages, limits.summary, similar, quoted=quoted)),
        quotes=tuple(match_quotes(passages, quotes, speaker_terms)[: limits.quotes]),
        timeline=tuple(most_relevant(match_timeline(passages, events, unplaced), limits.timeline)),
    )


def quoted_passages(
    passages: Sequence[Passage], quotes: Iterable[tuple[ArticleRef, Quote]]
) -> frozenset[int]:
    """The passages that are mostly someone's quoted words (any sentence of a quotation)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for article, quote in quotes:
        spans.setdefault(article.id, []).append((quote.start, quote.end))
    quoted = set()
    for p in passages:
        inside = sum(
            max(0, min(p.end, end) - max(p.start, start))
            for start, end in spans.get(p.article.id, ())
        )
        if inside * 2 >= p.end - p.start > 0:
            quoted.add(p.id)
    return frozenset(quoted)


def summarise(
    passages: Sequence[Passage],
    limit: int = MAX_SUMMARY,
    similar: Similarity | None = None,
    *,
    quoted: frozenset[int] = frozenset(),
) -> list[SummaryItem]:
    """The most relevant sentences, verbatim, with near-duplicates folded into one item;
    in order of maximal marginal relevance when `similar` is given. `quoted` passages (a
    speaker's words) only fill the summary when too little else matches."""
    ranked = sorted(passages, key=lambda p: (-p.score, p.article.id, p.position))
    if similar is not None:
        ranked = _diverse(ranked, similar, limit)
    if not ranked:
        return []
    best = ranked[0].score
    chosen: list[tuple[Fingerprint, SummaryItem]] = []
    # Reporters' sentences first; a sentence that is a quotation belongs to the quotes section
    # and only fills the summary when too little else matches.
    worthy = [p for p in ranked if _summary_worthy(p.text)]
    # "And I think the Chinese government understands ...": a quotation's second sentence
    # opens with no mark, yet read as narrative it has no speaker.
    own = [p for p in worthy if not _opens_with_quote(p.text) and p.id not in quoted]
    if len(own) < MIN_SUMMARY:
        taken = {p.id for p in own}
        own += [p for p in worthy if p.id not in taken][: MIN_SUMMARY - len(own)]
    for passage in own:
        words = fingerprint(passage.text, passage.terms)
        twin = next((i for i, (w, _) in enumerate(chosen) if same_fact(words, w)), None)
        if twin is not None:
            chosen[twin] = (chosen[twin][0], _fold(chosen[twin][1], passage.article))
            continue
        if len(chosen) >= limit:
            continue  # keep scanning: a lower hit may still be another outlet's copy
        if len(chosen) >= MIN_SUMMARY and passage.score < RELATIVE_CUTOFF * best:
            continue
        item = SummaryItem(
            passage.text, passage.article, passage.score,
            bm25=passage.bm25, semantic=passage.semantic,
        )  # fmt: skip
        chosen.append((words, item))
    return [item for _, item in chosen]


def _diverse(ranked: list[Passage], similar: Similarity, limit: int) -> list[Passage]:
    """The first `limit` passages in MMR order, then the rest as ranked (later ones are only
    read to fold another outlet's copy into a chosen sentence)."""
    pool = [p for p in ranked if _summary_worthy(p.text)][: limit * 6]
    if len(pool) < 2 or ranked[0].score <= 0:
        return ranked
    relevance = np.array([p.score for p in pool]) / ranked[0].score
    closeness = np.clip(
        (similar([p.id for p in pool]) - REDUNDANT_FROM) / (1 - REDUNDANT_FROM), 0, 1
    )
    chosen: list[int] = []
    nearest = np.zeros(len(pool))  # each one's highest cosine with a chosen sentence
    while len(chosen) < min(limit, len(pool)):
        gain = MMR_LAMBDA * relevance - (1 - MMR_LAMBDA) * nearest
        gain[chosen] = -np.inf
        pick = int(np.argmax(gain))
        chosen.append(pick)
        nearest = np.maximum(nearest, closeness[pick])
    first = [pool[i] for i in chosen]
    return first + [p for p in ranked if p not in first]


def _fold(item: SummaryItem, article: ArticleRef) -> SummaryItem:
    if article.id == item.article.id or any(a.id == article.id for a in item.also):
        return item
    return dataclasses.replace(item, also=item.also + (article,))


def _opens_with_quote(text: str) -> bool:
    return text.lstrip()[:1] in {"“", '"', "‘"}


def _summary_worthy(text: str) -> bool:
    # Fragments (a lone quote tail, a caption stub) read badly out of context.
    stripped = text.strip()
    return (
        len(stripped.split()) >= MIN_SUMMARY_WORDS
        and not stripped[:1].islower()
        and stripped[-1:] in {".", "!", "?", "”", '"', "’", "'", ")"}
    )


def match_quotes(
    passages: Sequence[Passage],
    quotes: Iterable[tuple[ArticleRef, Quote]],
    speaker_terms: frozenset[str] = frozenset(),
) -> list[QuoteItem]:
    """Quotes inside the matching sentences, or by a speaker the query names, best first."""
    by_article: dict[int, list[Passage]] = {}
    for p in passages:
        by_article.setdefault(p.article.id, []).append(p)
    scored: list[tuple[float, int, QuoteItem]] = []
    seen: list[frozenset[str]] = []
    for order, (article, quote) in enumerate(quotes):
        overlap = [
            p.score
            for p in by_article.get(article.id, [])
            if p.start < quote.end and quote.start < p.end
        ]
        score = max(overlap, default=0.0)
        if speaker_terms and _names_speaker(quote, speaker_terms):
            score += 1.0 + (max((p.score for p in passages), default=0.0))
        if score <= 0:
            continue
        words = content_words(quote.text)
        if any(near_duplicate(words, other, 0.8) for other in seen):
            continue  # the same quotation carried by another outlet
        seen.append(words)
        scored.append((score, order, quote_item(article, quote, score)))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return _without_fragments([item for _, _, item in scored])


def _without_fragments(items: list[QuoteItem]) -> list[QuoteItem]:
    # A quoted phrase repeated inside a longer quotation ("with a margin to spare" in the
    # lead, the whole sentence further down) is one quotation: the longer one carries it.
    # Only the best few can be shown, so only they are compared: pairs grow as the square.
    head, rest = items[:FRAGMENT_WINDOW], items[FRAGMENT_WINDOW:]
    flat = [" " + " ".join(WORD.findall(i.text.lower())) + " " for i in head]
    kept = [
        item
        for n, item in enumerate(head)
        if not any(
            m != n and flat[n] in flat[m] and (len(flat[n]) < len(flat[m]) or m < n)
            for m in range(len(head))
        )
    ]
    return kept + rest


def quote_item(article: ArticleRef, quote: Quote, score: float = 0.0) -> QuoteItem:
    """A stored quote as the brief cites it."""
    return QuoteItem(
        text=quote.text,
        speaker=quote.speaker,
        speaker_mention=quote.speaker_mention,
        cue=quote.cue,
        partial=quote.partial,
        article=article,
        score=score,
        attribution=quote.attribution,
    )


def _names_speaker(quote: Quote, terms: frozenset[str]) -> bool:
    names = f"{quote.speaker or ''} {quote.speaker_mention or ''}".lower().split()
    return any(term in names for term in terms)
