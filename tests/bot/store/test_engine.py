from __future__ import annotations

import os
import sqlite3
import stat

import pytest
from sqlalchemy import inspect

from bot.errors import ConfigError
from bot.store.engine import open_engine, session_factory, snapshot
from bot.store.removals import removal_count


def test_a_database_from_an_older_release_gains_the_new_event_columns(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, article_id INTEGER, sentence INTEGER,"
            " date DATE, precision VARCHAR(16), expression VARCHAR(256), text TEXT,"
            ' start INTEGER, "end" INTEGER)'
        )
        old.execute("INSERT INTO events VALUES (1, 1, 0, '2018-01-01', 'year', '2018', 't', 0, 4)")
    engine = open_engine(f"sqlite:///{path}")
    columns = {c["name"] for c in inspect(engine).get_columns("events")}
    assert {"inferred", "evidence", "people", "organisations"} <= columns
    with engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT inferred, people FROM events").one()
    assert tuple(row) == (0, "")
    engine.dispose()


def test_a_new_sqlite_file_and_the_folders_made_for_it_are_the_owners_only(tmp_path):
    previous = os.umask(0o022)  # the usual login umask, which left them world-readable
    try:
        engine = open_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'brief.sqlite3'}")
        engine.dispose()
    finally:
        os.umask(previous)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.rglob("*")}
    assert modes.pop("a") == modes.pop("b") == 0o700
    assert set(modes.values()) == {0o600}  # the database, and its -wal and -shm if present
    assert "brief.sqlite3" in modes


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("user:secret@host/db", "no '://'"),
        ("postgresql+psycopg://u:secret@host:abc/db", "port that is not a number"),
        ("postgresql+nosuch://u:secret@host/db", "No database driver"),
        ("mysql://u:secret@127.0.0.1/db", "not installed (MySQLdb)"),
        ("postgresql+psycopg://u:secret@127.0.0.1:1/db", "Cannot open the database"),
    ],
)
def test_a_bad_database_url_is_one_line_naming_the_fault_never_the_password(url, says):
    with pytest.raises(ConfigError) as raised:
        open_engine(url)
    message = str(raised.value)
    assert says in message and "secret" not in message and "\n" not in message


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n" * 100)
    with pytest.raises(ConfigError, match="file is not a database"):
        open_engine(f"sqlite:///{path}")


def test_a_snapshot_sees_the_store_as_at_its_first_read_until_it_ends(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'snap.sqlite3'}")
    sessions = session_factory(engine)
    with snapshot(sessions) as session:
        assert removal_count(session) == 0
        with engine.begin() as other:  # another writer commits meanwhile
            other.exec_driver_sql("INSERT INTO corpus_removals (id, removals) VALUES (1, 3)")
        assert removal_count(session) == 0
    with sessions() as session:
        assert removal_count(session) == 3
    engine.dispose()
