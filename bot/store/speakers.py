"""Quoted speakers as entities across articles. Takes a Session; never commits.

Within an article the NLP already resolves "Mr Cleverly", "he" and "the foreign secretary" to
"James Cleverly". Across articles one article may only ever say "Cleverly": a one-word name
folds into the one fuller name in the corpus that contains it, and never when several do
("Wang" stays "Wang" beside Wang Yi and Wang Yiwei).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.records import Quote, Speaker, SpeakerRole
from bot.store.schema import QuoteRow, SpeakerRoleRow

R = TypeVar("R")
QUERY_NOISE = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "the", "a", "an"}


def save_speaker_roles(session: Session, article_id: int, roles: Iterable[SpeakerRole]) -> None:
    """Store the roles an article gives its quoted people."""
    session.add_all(SpeakerRoleRow(article_id=article_id, name=r.name, role=r.role) for r in roles)


def list_speakers(session: Session) -> list[Speaker]:
    """Every quoted speaker as one entity, most quoted first."""
    counts = session.execute(
        select(QuoteRow.speaker, QuoteRow.article_id, func.count(QuoteRow.id))
        .where(QuoteRow.speaker.is_not(None))
        .group_by(QuoteRow.speaker, QuoteRow.article_id)
    ).all()
    roles = session.execute(select(SpeakerRoleRow.name, SpeakerRoleRow.role)).all()
    people = session.execute(
        select(QuoteRow.speaker).where(QuoteRow.speaker_kind == "person").distinct()
    ).scalars()
    return fold_speakers(
        [(str(s), a, int(n)) for s, a, n in counts],
        [(n, r) for n, r in roles],
        [str(p) for p in people],
    )


def fold_speakers(
    counts: Iterable[tuple[str, int, int]],
    roles: Iterable[tuple[str, str]],
    people: Iterable[str] | None = None,
) -> list[Speaker]:
    """Group (speaker, article id, quote count) rows into entities with their roles."""
    counts = list(counts)
    persons = None if people is None else set(people)
    entity_of = corpus_names((s for s, _, _ in counts), persons)
    quotes: Counter[str] = Counter()
    articles: dict[str, set[int]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for speaker, article_id, n in counts:
        entity = entity_of[speaker]
        quotes[entity] += n
        articles[entity].add(article_id)
        aliases[entity].add(speaker)
    role_counts: dict[str, Counter[str]] = defaultdict(Counter)
    for name, role in roles:
        if name in entity_of:
            role_counts[entity_of[name]][role] += 1
    return sorted(
        (
            Speaker(
                name=entity,
                aliases=tuple(sorted(aliases[entity])),
                roles=tuple(r for r, _ in role_counts[entity].most_common()),
                quotes=quotes[entity],
                articles=len(articles[entity]),
                kind=None if persons is None else _kind(aliases[entity], persons),
            )
            for entity in quotes
        ),
        key=lambda s: (-s.quotes, s.name),
    )


def quotes_by_speaker(session: Session, query: str) -> list[tuple[int, Quote]]:
    """Quotes by every speaker entity the query names ("Cleverly", "Mr Cleverly", a role)."""
    wanted = _words(query) - QUERY_NOISE
    if not wanted:
        return []
    names = {
        alias
        for speaker in list_speakers(session)
        if wanted <= _words(" ".join((speaker.name, *speaker.aliases, *speaker.roles)))
        for alias in speaker.aliases
    }
    if not names:
        return []
    rows = session.execute(
        select(QuoteRow).where(QuoteRow.speaker.in_(names)).order_by(QuoteRow.id)
    ).scalars()
    return [(r.article_id, _quote(r)) for r in rows]


def _kind(aliases: set[str], persons: set[str]) -> str:
    return "person" if aliases & persons else "organisation"


def corpus_names(
    speakers: Iterable[str | None], people: Iterable[str] | None = None
) -> dict[str, str]:
    """Each speaker name → the one fuller name in the corpus that holds all its words.

    "Cleverly" → "James Cleverly" and "Han" → "Han Zheng" when exactly one quoted person
    carries the short form; "Wang" stays "Wang" beside Wang Yi and Wang Yiwei. Only people's
    names are fuller forms (`people`, when given): "China" is not short for "China Daily".
    """
    names = {s for s in speakers if s}
    persons = names if people is None else set(people)
    full = [
        (s, set(s.lower().split()))
        for s in names & persons
        if len(s.split()) > 1 and s[:1].isupper()
    ]
    entity = {}
    for name in names:
        words = set(name.lower().split())
        holders = [f for f, held in full if words < held]
        short = name in persons and name[:1].isupper() and len(words) < 3
        entity[name] = holders[0] if short and len(holders) == 1 else name
    return entity


def served_names(quotes: Iterable[Quote]) -> dict[str, str]:
    """corpus_names over a set of quotes, people's names only as fuller forms: as the store
    serves them (evaluations and tests that annotate a corpus without storing it use this)."""
    quotes = list(quotes)
    people = [q.speaker for q in quotes if q.speaker and q.speaker_kind == "person"]
    return corpus_names((q.speaker for q in quotes), people)


def with_corpus_name(quote: Quote, names: dict[str, str]) -> Quote:
    """The quote under the corpus's full name for its speaker, the rule saying so."""
    full = names.get(quote.speaker or "")
    if quote.speaker is None or full is None or full == quote.speaker:
        return quote
    return replace(quote, speaker=full, attribution=f"{quote.attribution or 'name'}+corpus-name")


def named_across_corpus(
    session: Session, quotes: Sequence[tuple[R, Quote]]
) -> list[tuple[R, Quote]]:
    """Quotes with short speaker names replaced by the one fuller name the corpus knows."""
    short = {
        q.speaker
        for _, q in quotes
        if q.speaker and q.speaker_kind == "person" and len(q.speaker.split()) < 3
    }
    if not short:
        return list(quotes)
    # Only names holding a short form as a word can be its full name: the index on speaker
    # answers this without reading every quote.
    found = session.execute(
        select(QuoteRow.speaker)
        .where(
            or_(
                *(QuoteRow.speaker.contains(f"{s} ", autoescape=True) for s in short),
                *(QuoteRow.speaker.contains(f" {s}", autoescape=True) for s in short),
            ),
            QuoteRow.speaker_kind == "person",
        )
        .distinct()
    ).scalars()
    holders = [str(h) for h in found]
    names = corpus_names([*short, *holders], people=[*short, *holders])
    return [(ref, with_corpus_name(q, names)) for ref, q in quotes]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _quote(row: QuoteRow) -> Quote:
    return Quote(
        text=row.text,
        speaker=row.speaker,
        speaker_mention=row.speaker_mention,
        cue=row.cue,
        partial=row.partial,
        paragraph=row.paragraph,
        start=row.start,
        end=row.end,
        attribution=row.attribution,
        speaker_kind=row.speaker_kind,
    )
