"""Articles taken out of the corpus (retractions, takedowns), and what is remembered of them.

Takes a Session; never commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields
from typing import TypeVar

from sqlalchemy import Select, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from bot.iterables import IN_BATCH, batched
from bot.records import ArticleRef
from bot.store.conflicts import insert_ignore
from bot.store.schema import ArticleRow, CorpusRemovalsRow, RemovedArticleRow

T = TypeVar("T")


def removal_count_query() -> Select[tuple[int]]:
    """The query for removal_count, to fold into a caller's own select."""
    return select(CorpusRemovalsRow.removals).where(CorpusRemovalsRow.id == 1)


def removal_count(session: Session) -> int:
    """How many articles were ever removed: it rises with each removal, for serving processes."""
    return int(session.scalar(removal_count_query()) or 0)


def never_used(session: Session) -> bool:
    """True for a fresh database: no article in it, and none ever removed from it."""
    return session.scalar(select(ArticleRow.id).limit(1)) is None and not removal_count(session)


def find_articles(
    session: Session, target: str, file: str | None = None, *, folder: bool = False
) -> list[ArticleRef]:
    """The articles a person means by `target`: an id, a key or URL, or a file path; `file`
    is that path resolved, and with `folder` also every article ingested from under it."""
    where = [ArticleRow.key == target, ArticleRow.url == target, ArticleRow.path == target]
    if target.isdigit():
        where.append(ArticleRow.id == int(target))
    if file:
        where += [ArticleRow.key == file, ArticleRow.path == file]
    if file and folder:
        where.append(ArticleRow.path.startswith(file.rstrip("/") + "/", autoescape=True))
    columns = [getattr(ArticleRow, f.name) for f in fields(ArticleRef)]
    rows = session.execute(select(*columns).where(or_(*where)).order_by(ArticleRow.id))
    return [ArticleRef(*row) for row in rows]


def remove_articles(session: Session, ids: Iterable[int], now: dt.datetime) -> set[int]:
    """Delete these articles with everything found in them; the ids actually deleted.

    Their content hashes are kept, so that ingesting the same text again (a nightly run over
    the archive folder) does not quietly bring a retracted story back.
    """
    deleted: list[tuple[int, str, str]] = []
    for chunk in batched(sorted(set(ids)), IN_BATCH):
        # Locked (on PostgreSQL) between reading and deleting, so what is reported and
        # remembered is what was deleted; no RETURNING, which SQLite before 3.35 lacks.
        found = select(ArticleRow.id, ArticleRow.key, ArticleRow.content_hash)
        deleted += [tuple(row) for row in session.execute(
            found.where(ArticleRow.id.in_(chunk)).with_for_update()
        )]  # fmt: skip
        session.execute(delete(ArticleRow).where(ArticleRow.id.in_(chunk)))
    if not deleted:
        return set()
    session.execute(
        insert(RemovedArticleRow),
        [{"key": key, "content_hash": digest, "removed_at": now} for _, key, digest in deleted],
    )
    insert_ignore(session, CorpusRemovalsRow, {"id": 1, "removals": 0})
    session.execute(
        update(CorpusRemovalsRow)
        .where(CorpusRemovalsRow.id == 1)
        .values(removals=CorpusRemovalsRow.removals + len(deleted))
    )
    return {article_id for article_id, _, _ in deleted}


def removed_hashes(session: Session, hashes: Iterable[str]) -> dict[str, dt.datetime]:
    """For each of these content hashes that was removed from the corpus, when."""
    found: dict[str, dt.datetime] = {}
    for chunk in batched(set(hashes), IN_BATCH):
        stmt = select(RemovedArticleRow.content_hash, RemovedArticleRow.removed_at).where(
            RemovedArticleRow.content_hash.in_(chunk)
        )
        for digest, removed_at in session.execute(stmt):
            found[digest] = max(removed_at, found.get(digest, removed_at))
    return found


def forget_removed(session: Session, hashes: Iterable[str]) -> None:
    """Let these contents back in (an editor restoring a story removed by mistake)."""
    for chunk in batched(set(hashes), IN_BATCH):
        session.execute(delete(RemovedArticleRow).where(RemovedArticleRow.content_hash.in_(chunk)))
