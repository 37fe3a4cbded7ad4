from __future__ import annotations

import sqlite3

from bot.store import integrity


def test_a_healthy_store_has_no_faults_and_no_rows_without_their_article(corpus):
    with corpus.sessions() as session:
        assert integrity.database_faults(session) == []
        assert integrity.orphans(session) == {}


def test_rows_of_an_article_deleted_without_its_cascade_are_counted_then_deleted(corpus):
    with sqlite3.connect(corpus.engine.url.database) as raw:  # foreign keys off: no cascade
        raw.execute("DELETE FROM articles WHERE id = 2")
        left = raw.execute("SELECT count(*) FROM sentences WHERE article_id = 2").fetchone()[0]
    with corpus.sessions.begin() as session:
        found = integrity.orphans(session)
        assert found["sentences"] == left > 0 and {"quotes", "mentions"} <= set(found)
        assert integrity.remove_orphans(session) == sum(found.values())
    with corpus.sessions() as session:
        assert integrity.orphans(session) == {}
        assert integrity.database_faults(session) == []
