"""Insert-if-absent that stays correct with several processes on one database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def insert_ignore(session: Session, model: type, values: dict[str, Any]) -> bool:
    """Insert a row unless a unique key already holds one; True when this call inserted it.

    The database decides (ON CONFLICT DO NOTHING), so two processes racing for the same key
    cannot both win, and the caller's transaction stays usable either way.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        stmt: Any = postgresql.insert(model).values(**values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        stmt = sqlite.insert(model).values(**values).on_conflict_do_nothing()
    else:  # other databases: a plain insert, the unique key still refuses a second row
        try:
            with session.begin_nested():
                session.execute(insert(model).values(**values))
        except IntegrityError:
            return False
        return True
    return bool(session.execute(stmt).rowcount == 1)  # type: ignore[attr-defined]


def utc(moment: dt.datetime) -> dt.datetime:
    """An aware UTC datetime (SQLite hands back naive ones for timezone-aware columns)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
