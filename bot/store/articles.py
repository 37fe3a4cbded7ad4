"""Reading and writing articles and what NLP found in them. Takes a Session; never commits."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields, replace
from functools import cache
from typing import TypeVar, cast

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.orm import Session

from bot.iterables import IN_BATCH, batched
from bot.records import (
    AnnotatedArticle,
    ArticleRef,
    CorpusStats,
    Event,
    Mention,
    Quote,
    StoredArticle,
    UnplacedEvent,
)
from bot.store.removals import removal_count, removal_count_query
from bot.store.schema import (
    ArticleRow,
    EventRow,
    MentionRow,
    QuoteRow,
    SentenceRow,
    UnplacedEventRow,
)
from bot.store.values import storable

R = TypeVar("R")
# Held by each article's transaction on PostgreSQL from before its ids are drawn until commit.
SENTENCE_ORDER_LOCK = 0x6368696E61737271  # "chinasrq"


def stored_hashes(session: Session, keys: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """For each of these input keys already stored: its content hash and rules version."""
    found: dict[str, tuple[str, str | None]] = {}
    for chunk in batched(keys, IN_BATCH):
        stmt = select(ArticleRow.key, ArticleRow.content_hash, ArticleRow.rules).where(
            ArticleRow.key.in_(chunk)
        )
        found.update((key, (digest, rules)) for key, digest, rules in session.execute(stmt))
    return found


def keys_with_hashes(session: Session, hashes: Iterable[str]) -> dict[str, str]:
    """For each of these content hashes already stored, the key of an article holding it."""
    found: dict[str, str] = {}
    for chunk in batched(hashes, IN_BATCH):
        stmt = select(ArticleRow.content_hash, ArticleRow.key).where(
            ArticleRow.content_hash.in_(chunk)
        )
        for content_hash, key in session.execute(stmt):
            found.setdefault(content_hash, key)
    return found


def save_article(
    session: Session, annotated: AnnotatedArticle, now: dt.datetime
) -> tuple[int, bool]:
    """Insert an article with its sentences, entities, quotes and events, replacing any old one.

    Returns the article's id, and whether an older version was replaced. Writes with table
    statements, past the ORM: the session must not hold ArticleRow objects it will read.
    Text is stored as both databases can hold it (bot.store.values); BadArticle when the
    article's key or URL is longer than the database keeps.
    """
    src = annotated.source
    # Table-level statements on the session's connection: the ORM's unit of work and bulk
    # machinery cost more CPU per row than storing it, and ingest shares the cores with spaCy.
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # Sequences hand out ids in the order transactions ask, not the order they commit: two
        # ingests could commit ids 10-19 after 20-29 was seen, and an index reading "ids above
        # the last one seen" would miss them. Drawn under this lock, ids grow in commit order,
        # as they do on SQLite, whose writers take turns.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SENTENCE_ORDER_LOCK})
    articles = _table(ArticleRow)
    row = asdict(src) | {"ingested_at": now, "rules": annotated.rules}
    values = storable(articles, row, name=src.key)
    gone = connection.execute(delete(articles).where(articles.c.key == values["key"]))
    replaced = gone.rowcount > 0
    # inserted_primary_key, not RETURNING: SQLite only has RETURNING from 3.35, and Python
    # 3.11 on some Linux releases still links an older one.
    inserted = connection.execute(insert(articles).values(**values)).inserted_primary_key
    assert inserted is not None  # a one-row insert always has one
    article_id = int(inserted[0])
    owner = {"article_id": article_id}
    sentences = [
        {"article_id": article_id, "position": s.position, "paragraph": s.paragraph,
         "start": s.start, "end": s.end, "text": s.text, "terms": " ".join(s.tokens)}
        for s in annotated.sentences
    ]  # fmt: skip
    for table, rows in (
        (SentenceRow, sentences),
        (MentionRow, [_columns(m, article_id) for m in annotated.mentions]),
        (QuoteRow, [_columns(q, article_id) for q in annotated.quotes]),
        (EventRow, [owner | _names_joined(e) for e in annotated.events]),
        (UnplacedEventRow, [owner | _names_joined(e) for e in annotated.unplaced]),
    ):
        if rows:
            target = _table(table)
            connection.execute(insert(target), [storable(target, r, name=src.key) for r in rows])
    return article_id, replaced


def _table(model: type) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


def _columns(record: Mention | Quote, article_id: int) -> dict[str, object]:
    # Record and row share their field names, so the copy is derived, not written out.
    return {"article_id": article_id} | {
        n: getattr(record, n) for n in _field_names(cast(type, type(record)))
    }


def corpus_version(session: Session) -> tuple[int, int, int]:
    """Changes whenever an article is added, replaced or removed: (sentence count, highest
    sentence id, articles removed so far)."""
    count, highest = session.execute(
        select(func.count(SentenceRow.id), func.max(SentenceRow.id))
    ).one()
    return int(count or 0), int(highest or 0), removal_count(session)


def corpus_stamp(session: Session) -> tuple[int, int, int]:
    """A cheap check, run before every search: (highest sentence id, highest article id,
    articles removed so far).

    All three are index look-ups. Sentence ids are never reused, so adding or replacing an
    article raises the first, and removing one raises the last; counting a million sentences
    instead cost each query tens of ms.
    """
    highest, article, removed = session.execute(
        select(
            select(func.max(SentenceRow.id)).scalar_subquery(),
            func.max(ArticleRow.id),
            removal_count_query().scalar_subquery(),
        )
    ).one()
    return int(highest or 0), int(article or 0), int(removed or 0)


def corpus_identity(session: Session) -> str:
    """Names this database's corpus: its first article and when it was stored.

    An index saved beside a database file that was deleted and made anew (even with the same
    counts, even reusing the file's inode) must not be taken for this corpus's.
    """
    first = session.execute(
        select(ArticleRow.id, ArticleRow.key, ArticleRow.ingested_at)
        .order_by(ArticleRow.id)
        .limit(1)  # without it the driver fetches every article before first() takes one
    ).first()
    return "" if first is None else f"{first.id}:{first.key}:{first.ingested_at.isoformat()}"


def sentence_ids_grow(session: Session) -> bool:
    """Whether a sentence id is never reused, so ids above the last one seen are all new.

    True on PostgreSQL (sequences) and on SQLite files created with AUTOINCREMENT; a SQLite
    file from before that may reuse the ids of a replaced last article.
    """
    if session.get_bind().dialect.name != "sqlite":
        return True
    sql = session.scalar(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'sentences'")
    )
    return sql is not None and "AUTOINCREMENT" in sql.upper()


def article_refs(session: Session, ids: Iterable[int]) -> dict[int, ArticleRef]:
    """Citations for the given article ids."""
    ids = set(ids)
    if not ids:
        return {}
    # Only the cited columns: loading each article's full text made a brief slow at scale.
    columns = [getattr(ArticleRow, f.name) for f in fields(ArticleRef)]
    rows = session.execute(select(*columns).where(ArticleRow.id.in_(ids)))
    return {r.id: ArticleRef(*r) for r in rows}


def stored_articles(session: Session, ids: Iterable[int]) -> dict[int, StoredArticle]:
    """The stored articles among these ids, with their bylines and texts."""
    rows = session.execute(select(ArticleRow).where(ArticleRow.id.in_(set(ids)))).scalars()
    return {r.id: StoredArticle(_ref(r), r.byline, r.text) for r in rows}


def list_articles(session: Session) -> list[ArticleRef]:
    """Every article, newest first, undated last."""
    rows = session.execute(
        select(ArticleRow).order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
    ).scalars()
    return [_ref(r) for r in rows]


def quotes_in_articles(session: Session, article_ids: Iterable[int]) -> list[tuple[int, Quote]]:
    """(article id, quote) for every quote in these articles, in reading order."""
    ids = list(set(article_ids))
    if not ids:
        return []
    stmt = select(QuoteRow).where(QuoteRow.article_id.in_(ids))
    return [(r.article_id, _quote(r)) for r in session.execute(stmt).scalars()]


def quotes_by_speaker(session: Session, name: str) -> list[tuple[int, Quote]]:
    """Quotes whose speaker or mention holds every word of `name` as a whole word.

    "Li" must not find Alicia Kearns: the database narrows by substring (wildcards in the
    name escaped), then whole words decide.
    """
    wanted = set(re.findall(r"\w+", name.lower()))
    if not wanted:
        return []
    longest = max(wanted, key=len)
    stmt = select(QuoteRow).where(
        func.lower(QuoteRow.speaker).contains(longest, autoescape=True)
        | func.lower(QuoteRow.speaker_mention).contains(longest, autoescape=True)
    )
    return [
        (r.article_id, _quote(r))
        for r in session.execute(stmt.order_by(QuoteRow.id)).scalars()
        if wanted <= set(re.findall(r"\w+", f"{r.speaker or ''} {r.speaker_mention or ''}".lower()))
    ]


def all_quotes(session: Session) -> list[tuple[int, Quote]]:
    """Every quote in the corpus, in article and reading order."""
    stmt = select(QuoteRow).order_by(QuoteRow.article_id, QuoteRow.start)
    return [(r.article_id, _quote(r)) for r in session.execute(stmt).scalars()]


def events_in_articles(
    session: Session, article_ids: Iterable[int] | None = None
) -> list[tuple[int, Event]]:
    """(article id, event) for these articles' dated events (all articles when None)."""
    stmt = select(EventRow)
    if article_ids is not None:
        ids = list(set(article_ids))
        if not ids:
            return []
        stmt = stmt.where(EventRow.article_id.in_(ids))
    rows = session.execute(stmt.order_by(EventRow.date, EventRow.id)).scalars()
    return [(r.article_id, _event(r)) for r in rows]


def unplaced_in_articles(
    session: Session, article_ids: Iterable[int] | None = None
) -> list[tuple[int, UnplacedEvent]]:
    """(article id, report) for weekday reports that undated articles could not place."""
    stmt = select(UnplacedEventRow)
    if article_ids is not None:
        stmt = stmt.where(UnplacedEventRow.article_id.in_(list(set(article_ids))))
    rows = session.execute(stmt.order_by(UnplacedEventRow.id)).scalars()
    return [(r.article_id, _with_names(_record(UnplacedEvent, r), r)) for r in rows]


def frequent_mentions(session: Session, labels: Sequence[str], limit: int = 5) -> list[str]:
    """The most often named entities of these kinds, for suggestions."""
    stmt = (
        select(MentionRow.text, func.count(MentionRow.id).label("n"))
        .where(MentionRow.label.in_(labels))
        .group_by(MentionRow.text)
        .order_by(func.count(MentionRow.id).desc(), MentionRow.text)
        .limit(limit)
    )
    return [text for text, _ in session.execute(stmt)]


def corpus_stats(session: Session) -> CorpusStats:
    """What the corpus holds: counts, date range and outlets."""
    articles, first, last = session.execute(
        select(
            func.count(ArticleRow.id),
            func.min(ArticleRow.published),
            func.max(ArticleRow.published),
        )
    ).one()
    undated = session.scalar(
        select(func.count(ArticleRow.id)).where(ArticleRow.published.is_(None))
    )
    sentences = session.scalar(select(func.count(SentenceRow.id)))
    sources = session.execute(
        select(ArticleRow.source, func.count(ArticleRow.id))
        .where(ArticleRow.source.is_not(None))
        .group_by(ArticleRow.source)
        .order_by(func.count(ArticleRow.id).desc())
    ).all()
    return CorpusStats(
        articles=int(articles or 0),
        sentences=int(sentences or 0),
        first=first,
        last=last,
        undated=int(undated or 0),
        sources=tuple((str(s), int(n)) for s, n in sources),
    )


def _ref(row: ArticleRow) -> ArticleRef:
    return _record(ArticleRef, row)


def _names_joined(event: Event | UnplacedEvent) -> dict[str, object]:
    # Names are stored one a line: a name never holds a newline.
    return asdict(event) | {
        "people": "\n".join(event.people),
        "organisations": "\n".join(event.organisations),
    }


def _event(row: EventRow) -> Event:
    return _with_names(_record(Event, row), row)


def _with_names(record: R, row: EventRow | UnplacedEventRow) -> R:
    return replace(  # type: ignore[type-var]
        record,
        people=tuple(filter(None, row.people.split("\n"))),
        organisations=tuple(filter(None, row.organisations.split("\n"))),
    )


def _quote(row: QuoteRow) -> Quote:
    return _record(Quote, row)


def _record(kind: type[R], row: object) -> R:
    """A frozen record from the row columns of the same names."""
    return kind(**{name: getattr(row, name) for name in _field_names(kind)})  # type: ignore[arg-type]


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    # dataclasses.fields() rebuilds its tuple on every call: a brief makes over a thousand.
    return tuple(f.name for f in fields(kind))
