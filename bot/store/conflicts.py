"""Insert-if-absent that stays correct with several processes on one database."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any, cast

from sqlalchemy import CursorResult, Table, insert
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session


def insert_ignore(session: Session, model: type, values: dict[str, Any]) -> bool:
    """Insert a row unless a unique key already holds one; True when this call inserted it.

    The database decides (ON CONFLICT DO NOTHING), so two processes racing for the same key
    cannot both win, and the caller's transaction stays usable either way.
    """
    table: Table = model.__table__  # type: ignore[attr-defined]
    key = next(iter(table.primary_key.columns))
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        # RETURNING, not rowcount: psycopg reports -1 for an INSERT … ON CONFLICT. Imported
        # here: loading PostgreSQL's dialect at start-up cost every `ask` 60 ms.
        postgresql = importlib.import_module("sqlalchemy.dialects.postgresql")
        stmt = postgresql.insert(table).values(**values).on_conflict_do_nothing().returning(key)
        return session.execute(stmt).first() is not None
    if dialect == "sqlite":
        # rowcount, not RETURNING, which SQLite only has from 3.35.
        stmt = sqlite.insert(table).values(**values).on_conflict_do_nothing()
        return cast(CursorResult, session.execute(stmt)).rowcount == 1
    try:  # other databases: a plain insert, the unique key still refuses a second row
        with session.begin_nested():
            session.execute(insert(table).values(**values))
    except IntegrityError:
        return False
    return True


def utc(moment: dt.datetime) -> dt.datetime:
    """An aware UTC datetime (SQLite hands back naive ones for timezone-aware columns)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
