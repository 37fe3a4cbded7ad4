"""What `china-brief check` asks of the store itself. Takes a Session; never commits."""

from __future__ import annotations

from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from bot.store.schema import (
    ArticleRow,
    EventRow,
    MentionRow,
    QuoteRow,
    SentenceRow,
    SpeakerRoleRow,
    UnplacedEventRow,
)

# Rows found in an article: each belongs to one, and goes when it goes.
OWNED = (SentenceRow, MentionRow, QuoteRow, EventRow, UnplacedEventRow, SpeakerRoleRow)


def database_faults(session: Session) -> list[str]:
    """What the database engine itself finds wrong with the file (SQLite's quick_check)."""
    if session.get_bind().dialect.name != "sqlite":
        return []  # a server checks its own pages
    try:
        found = [str(row[0]) for row in session.execute(text("PRAGMA quick_check"))]
    except DatabaseError as exc:  # damaged past what quick_check can list
        return [str(exc.orig)]
    return [] if found == ["ok"] else found


def orphans(session: Session) -> dict[str, int]:
    """Rows whose article is gone, by table: citable by nothing, yet searched if sentences."""
    counts = {}
    for model in OWNED:
        table = model.__tablename__
        n = session.scalar(select(func.count()).select_from(model).where(_orphaned(model)))
        if n:
            counts[table] = int(n)
    return counts


def remove_orphans(session: Session) -> int:
    """Delete every row whose article is gone; how many went."""
    connection = session.connection()  # a table statement: its result counts the rows
    return sum(
        connection.execute(delete(model).where(_orphaned(model))).rowcount for model in OWNED
    )


def _orphaned(model: type[SentenceRow] | type[MentionRow] | type[QuoteRow] | type[EventRow]
              | type[UnplacedEventRow] | type[SpeakerRoleRow]):  # fmt: skip
    return model.article_id.not_in(select(ArticleRow.id))
