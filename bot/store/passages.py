"""Sentences as search passages: read out for the index, and a search's hits read back in.

Takes a Session; never commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.records import ArticleRef, Passage
from bot.store.articles import article_refs
from bot.store.schema import SentenceRow


@dataclass(frozen=True)
class StoredSentence:
    id: int
    article_id: int
    position: int
    paragraph: int
    start: int
    end: int
    text: str
    terms: str


COLUMNS = tuple(
    getattr(SentenceRow, name)
    for name in ("id", "article_id", "position", "paragraph", "start", "end", "text", "terms")
)


def iter_passages(
    session: Session, batch: int = 20_000, after: int = 0
) -> Iterator[tuple[int, list[str]]]:
    """(sentence id, index terms) for every sentence with an id above `after`, in id order."""
    for sentence_id, terms in iter_passage_terms(session, batch, after):
        yield sentence_id, terms.split()


def iter_passage_terms(
    session: Session, batch: int = 20_000, after: int = 0
) -> Iterator[tuple[int, str]]:
    """(sentence id, index terms joined by spaces) above `after`, in id order: the fast path."""
    stmt = select(SentenceRow.id, SentenceRow.terms).where(SentenceRow.id > int(after))
    sql = str(
        stmt.order_by(SentenceRow.id).compile(
            dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}
        )
    )
    # The driver's own tuples, not SQLAlchemy rows: building the index reads every sentence,
    # and wrapping a million rows cost more than fetching them. The only literal is an int.
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield from rows
    finally:
        cursor.close()


def sentences_by_id(session: Session, ids: Iterable[int]) -> dict[int, StoredSentence]:
    """The stored sentences with these ids."""
    ids = list(ids)
    if not ids:
        return {}
    rows = session.execute(select(*COLUMNS).where(SentenceRow.id.in_(ids)))
    return {r.id: StoredSentence(*r) for r in rows}  # plain rows: no ORM identity bookkeeping


def paragraph_of(session: Session, sentence_id: int) -> list[StoredSentence]:
    """Every sentence of the paragraph that holds this sentence, in order."""
    anchor = session.get(SentenceRow, sentence_id)
    if anchor is None:
        return []
    rows = session.execute(
        select(*COLUMNS)
        .where(
            SentenceRow.article_id == anchor.article_id,
            SentenceRow.paragraph == anchor.paragraph,
        )
        .order_by(SentenceRow.position)
    )
    return [StoredSentence(*r) for r in rows]


def cited_passages(session: Session, scored: Sequence[tuple[int, float]]) -> list[Passage]:
    """(sentence id, score) pairs, best first, as passages citing their articles."""
    sentences = sentences_by_id(session, [sentence_id for sentence_id, _ in scored])
    refs = article_refs(session, {s.article_id for s in sentences.values()})
    return [
        _passage(s, refs[s.article_id], score)
        for sentence_id, score in scored
        if (s := sentences.get(sentence_id)) is not None
    ]


def paragraph_context(session: Session, passages: Sequence[Passage]) -> list[Passage]:
    """The rest of the best passage's paragraph, scored 0 so it ranks below every real hit."""
    best = passages[0]
    taken = {p.id for p in passages}
    around = paragraph_of(session, best.id)
    return [_passage(s, best.article, 0.0) for s in around if s.id not in taken]


def _passage(s: StoredSentence, article: ArticleRef, score: float) -> Passage:
    return Passage(s.id, article, s.position, s.start, s.end, s.text, score, tuple(s.terms.split()))
