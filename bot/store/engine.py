"""Open the database named by a SQLAlchemy URL and bring its schema to this release's."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from bot.errors import ConfigError
from bot.store.migrations import schema_is_current, upgrade_schema

SCHEMA_LOCK = 0x6368696E61627266  # "chinabrf": the advisory lock taken to migrate the schema


def open_engine(url: str) -> Engine:
    """An engine on a database at this release's schema; SQLite gets its folder and foreign keys.

    A SQLite file and the folders made for it are the owner's only (they hold Slack thread
    text). Every failure is a ConfigError of one line that never shows the URL's password.
    """
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        _private_file(Path(parsed.database).expanduser())
    shown = parsed.render_as_string(hide_password=True)
    try:
        engine = create_engine(parsed)
    except NoSuchModuleError:
        raise ConfigError(
            f"No database driver for {parsed.drivername!r}: use sqlite:///PATH or "
            "postgresql+psycopg://USER@HOST/DB"
        ) from None
    except ImportError as exc:  # the dialect is known, its driver module is not installed
        raise ConfigError(
            f"The database driver for {parsed.drivername!r} is not installed ({exc.name}). "
            "For PostgreSQL: pip install 'china-brief[postgres]' and write "
            "postgresql+psycopg://USER@HOST/DB"
        ) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        _migrate_schema(engine)
    except DBAPIError as exc:
        said = " ".join(str(exc.orig).split())  # the driver's message, on one line
        said += "" if said.endswith((".", "?", "!")) else "."
        raise ConfigError(
            f"Cannot open the database {shown}: {said} Check CHINA_BRIEF_DB."
        ) from None
    return engine


def parse_url(url: str) -> URL:
    """A database URL parsed, or a ConfigError that does not repeat it (it may hold a password)."""
    example = "use e.g. sqlite:////path/to/brief.sqlite3 or postgresql+psycopg://user@host/db"
    if "://" not in url:
        raise ConfigError(f"CHINA_BRIEF_DB is not an SQLAlchemy URL (no '://' in it); {example}")
    try:
        return make_url(url)
    except ArgumentError:
        raise ConfigError(f"CHINA_BRIEF_DB is not a valid SQLAlchemy URL; {example}") from None
    except ValueError:  # make_url converts the port with int()
        raise ConfigError("CHINA_BRIEF_DB has a port that is not a number") from None


def _private_file(path: Path) -> None:
    # Made before SQLite makes it, so that it is the owner's only (SQLite gives its -wal and
    # -shm files the database file's permissions); folders made for it likewise.
    try:
        missing = [p for p in (path.parent, *path.parent.parents) if not p.exists()]
        for folder in reversed(missing):
            folder.mkdir(mode=0o700, exist_ok=True)
        if not path.exists():
            # O_CREAT without O_EXCL: another process making it at the same time is fine.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    except OSError as exc:
        raise ConfigError(
            f"Cannot create the database file {path} ({exc.strerror or exc}). Check CHINA_BRIEF_DB."
        ) from None


def _migrate_schema(engine: Engine) -> None:
    # Most starts find the schema current: checked without taking a lock, so that they
    # never wait on a writer (an ingest) or on each other.
    with engine.connect() as connection:
        if schema_is_current(connection):
            return
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # Several bot processes starting on an empty or older database at once: without
            # this lock two of them run the same migration and one fails. DDL is
            # transactional here, so the others wait, then find the schema current.
            # A process stuck holding it must not hang every other one: give up after a minute.
            connection.execute(text("SET LOCAL lock_timeout = '60s'"))
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        else:
            # SQLite's write lock, taken now: the migration and its stamp commit as one, and
            # another process starting meanwhile waits (busy_timeout), then finds them done.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        upgrade_schema(connection)


def session_factory(engine: Engine) -> sessionmaker:
    """Sessions for one engine; callers own the transaction with `with sessions.begin():`."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def snapshot(sessions: sessionmaker) -> Iterator[Session]:
    """A read-only session whose every statement sees the store as of one moment.

    The index reads the corpus version and then the passages: read in two moments, an
    article committed between them is indexed without being counted, and indexed again later.
    """
    with sessions() as session:
        if session.get_bind().dialect.name == "sqlite":
            # pysqlite opens a transaction only before a write; each SELECT would see its own
            # moment. In WAL mode an open read transaction keeps the first read's snapshot.
            session.connection().exec_driver_sql("BEGIN")
        else:
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        try:
            yield session
        finally:
            session.rollback()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Cascading deletes need foreign keys on; WAL lets the bot read while an ingest writes.
    cursor = dbapi_connection.cursor()
    # The wait first, before any pragma that may need a lock (switching an older file to
    # WAL does): processes opening one release-0.1 file together once failed with "database
    # is locked" under load.
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL cannot corrupt the file; it skips an fsync per commit, which made
    # committing each article on its own cost ingest 17 ms an article.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
