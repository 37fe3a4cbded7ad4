from __future__ import annotations

import sqlite3

from sqlalchemy import inspect

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
