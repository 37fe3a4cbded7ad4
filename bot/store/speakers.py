"""Quoted speakers as entities across articles. Takes a Session; never commits.

Within an article the NLP already resolves "Mr Cleverly", "he" and "the foreign secretary" to
"James Cleverly". Across articles one article may only ever say "Cleverly": a one-word name
folds into the one fuller name in the corpus that contains it, and never when several do
("Wang" stays "Wang" beside Wang Yi and Wang Yiwei).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.records import Quote, Speaker, SpeakerRole
from bot.store.schema import QuoteRow, SpeakerRoleRow

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
    return fold_speakers([(str(s), a, int(n)) for s, a, n in counts], [(n, r) for n, r in roles])


def fold_speakers(
    counts: Iterable[tuple[str, int, int]], roles: Iterable[tuple[str, str]]
) -> list[Speaker]:
    """Group (speaker, article id, quote count) rows into entities with their roles."""
    counts = list(counts)
    entity_of = _entity_names({s for s, _, _ in counts})
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


def _entity_names(speakers: set[str]) -> dict[str, str]:
    # A one-word person name joins the single fuller name holding it as a word.
    full = [s for s in speakers if len(s.split()) > 1 and s[:1].isupper()]
    entity = {}
    for speaker in speakers:
        holders = [f for f in full if speaker.lower() in f.lower().split()]
        single = len(speaker.split()) == 1 and speaker[:1].isupper()
        entity[speaker] = holders[0] if single and len(holders) == 1 else speaker
    return entity


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
    )
