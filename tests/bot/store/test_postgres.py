"""The same pipeline on PostgreSQL, for teams running several bot processes.

Needs a server (CHINA_BRIEF_TEST_PG, default postgres@127.0.0.1:5432/test); skipped when
none answers, as on a laptop without one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import threading
import uuid
from collections.abc import Iterator

import numpy as np
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot import pipeline
from bot.index import build_index
from bot.records import AnnotatedArticle, Sentence, SourceText
from bot.services import Services, build_services
from bot.settings import Settings
from bot.store import open_engine, snapshot
from bot.store.articles import save_article
from bot.store.passages import iter_passages
from bot.store.removals import removal_count
from bot.store.schema import Base

from .old_databases import all_rows, as_before, build_release_0_1, open_all_at_once
from .test_migrations import HEAD

pytestmark = pytest.mark.postgres
SERVER = os.environ.get("CHINA_BRIEF_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextlib.contextmanager
def _throwaway_database() -> Iterator[str]:
    """A new, empty database on the server (its URL), dropped afterwards."""
    pytest.importorskip("psycopg")
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    name = f"china_brief_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {SERVER}: {exc.orig}")
    try:
        yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    """A throwaway database shared by this module's tests."""
    with _throwaway_database() as url:
        yield url


@pytest.fixture
def pg_services(pg_url: str, nlp, tmp_path) -> Iterator[Services]:
    built = build_services(Settings(pg_url, index_dir=tmp_path / "index"), nlp=nlp)
    yield built
    built.close()


def test_seeds_ingest_and_brief_on_postgres(pg_services, seeds_dir):
    first = pipeline.ingest([seeds_dir], pg_services, progress=False)
    again = pipeline.ingest([seeds_dir], pg_services, progress=False)
    assert len(first.added) == 5 and len(again.unchanged) == 5
    brief = pipeline.make_brief("Huawei 5G", pg_services)
    assert "Huawei" in brief.summary[0].text
    assert pipeline.find_quotes(None, "Kearns", pg_services)


def test_a_failed_article_rolls_back_on_postgres(pg_services, write):
    with pg_services.engine.begin() as conn:
        conn.execute(text(
            "CREATE OR REPLACE FUNCTION refuse() RETURNS trigger AS "
            "$$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql"
        ))  # fmt: skip
        conn.execute(text(
            "CREATE TRIGGER refuse_events BEFORE INSERT ON events "
            "FOR EACH ROW EXECUTE FUNCTION refuse()"
        ))  # fmt: skip
    try:
        path = write("dated.txt", "The treaty was signed on 6 May 2023 in London by both sides.")
        report = pipeline.ingest([path], pg_services, progress=False)
        assert report.rejected and not report.added
        with pg_services.sessions() as s:
            assert s.execute(text("SELECT count(*) FROM articles WHERE path = :p"),
                             {"p": str(path.resolve())}).scalar() == 0  # fmt: skip
    finally:
        with pg_services.engine.begin() as conn:
            conn.execute(text("DROP TRIGGER refuse_events ON events"))


def test_digest_claims_and_event_ids_have_one_winner_across_processes_on_postgres(
    pg_url: str, nlp, tmp_path
) -> None:
    import datetime as dt
    import threading

    from bot.store import digests, threads

    now = dt.datetime.now(dt.UTC)
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(15)]
    wins: list[tuple[str, dt.date]] = []
    seen: list[str] = []
    start = threading.Barrier(2)

    opened = {
        name: build_services(Settings(pg_url, index_dir=tmp_path / name), nlp=nlp)
        for name in ("a", "b")
    }

    def process(name: str) -> None:
        services = opened[name]
        start.wait()
        for day in days:
            with services.sessions.begin() as session:
                if digests.claim(session, "C1", day, name, now):
                    wins.append((name, day))
            with services.sessions.begin() as session:
                if threads.first_sighting(session, f"Ev{day}", now):
                    seen.append(name)
        services.close()

    workers = [threading.Thread(target=process, args=(n,)) for n in ("a", "b")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert sorted(day for _, day in wins) == days
    assert len(seen) == len(days)


def test_a_dead_claim_is_taken_over_by_exactly_one_process_on_postgres(pg_services) -> None:
    import datetime as dt

    from bot.store import digests

    now, day = dt.datetime.now(dt.UTC), dt.date(2026, 2, 1)
    with pg_services.sessions.begin() as session:
        assert digests.claim(session, "C2", day, "dead", now - dt.timedelta(hours=1))
    with pg_services.sessions() as session:
        dead = digests.run(session, "C2", day)
    assert dead is not None
    with pg_services.sessions.begin() as session:
        assert digests.take_over(session, "C2", day, dead, "first", now)
    with pg_services.sessions.begin() as session:
        assert not digests.take_over(session, "C2", day, dead, "second", now)
    with pg_services.sessions.begin() as session:
        digests.subscribe(
            session, "C2", dt.time(8), "UTC", post_when_empty=True, user=None, now=now
        )
        digests.subscribe(
            session, "C2", dt.time(9), "UTC", post_when_empty=False, user=None, now=now
        )
    with pg_services.sessions.begin() as session:
        sub = digests.subscription(session, "C2")
        assert sub is not None and sub.at == dt.time(9) and not sub.post_when_empty
        assert digests.unsubscribe(session, "C2") and not digests.unsubscribe(session, "C2")


def test_a_changed_article_is_replaced_and_a_copy_is_a_duplicate_on_postgres(pg_services, write):
    path = write("a.txt", "date 2023-08-30\nJames Cleverly arrived in Beijing on Wednesday.")
    assert len(pipeline.ingest([path], pg_services, progress=False).added) == 1
    path.write_text("date 2023-08-30\nJames Cleverly left Beijing on Thursday.", encoding="utf-8")
    copy = write("copy.txt", path.read_text(encoding="utf-8"))
    report = pipeline.ingest([path, copy], pg_services, progress=False)
    assert report.replaced == [str(path)] and report.duplicates == [(str(copy), str(path))]


def test_removing_an_article_on_postgres_is_seen_by_another_process(pg_services, write, nlp):
    path = write("retracted.txt", "date 2023-08-30\nHuawei engineers briefed MPs on 5G kit.")
    kept = write("kept.txt", "date 2023-08-31\nJames Cleverly met Wang Yi in Beijing.")
    pipeline.ingest([path, kept], pg_services, progress=False)
    serving = build_services(pg_services.settings, nlp=nlp)
    try:
        cited = {item.article.path for item in pipeline.make_brief("Huawei kit", serving).summary}
        assert str(path.resolve()) in cited
        assert len(pipeline.remove([str(path)], pg_services).removed) == 1
        assert len(pipeline.remove([str(path)], pg_services).unknown) == 1  # already gone
        brief = pipeline.make_brief("Huawei kit Cleverly", serving)
        assert str(path.resolve()) not in {item.article.path for item in brief.summary}
    finally:
        serving.close()


def test_bot_processes_starting_together_on_an_empty_database_all_open_it():
    with _throwaway_database() as url:
        assert open_all_at_once(url) == []


def test_a_release_0_1_database_on_postgres_is_upgraded_in_place_and_answers(nlp, tmp_path, write):
    with _throwaway_database() as url:
        before = build_release_0_1(url)
        services = build_services(Settings(url, index_dir=tmp_path / "index"), nlp=nlp)
        try:
            after = all_rows(services.engine)
            assert as_before(before, after) == before
            assert {q["attribution"] for q in after["quotes"]} == {None}
            with services.engine.connect() as connection:
                context = MigrationContext.configure(connection)
                assert context.get_current_heads() == (HEAD,)
                assert compare_metadata(context, Base.metadata) == []
            path = write("new.txt", "date 2023-09-01\nLighthouse keepers in Wales met Cleverly.")
            assert len(pipeline.ingest([path], services, progress=False).added) == 1
            brief = pipeline.make_brief("lighthouse keepers", services)
            assert len({item.article.title for item in brief.summary}) == 2
            # The new article's ids follow the old rows': release 0.1's sequences carry on.
            assert [r["id"] for r in all_rows(services.engine)["articles"]] == [1, 2]
        finally:
            services.close()


def test_bot_processes_starting_together_on_a_release_0_1_database_all_open_it():
    with _throwaway_database() as url:
        before = build_release_0_1(url)
        assert open_all_at_once(url) == []
        engine = open_engine(url)
        assert as_before(before, all_rows(engine)) == before
        engine.dispose()


def test_a_restarted_process_on_postgres_maps_the_saved_index_instead_of_rebuilding(
    pg_services, write, nlp
):
    pipeline.ingest([write("a.txt", "James Cleverly met Wang Yi in Beijing.")], pg_services)
    built = pg_services.index.current(pg_services.sessions)
    folder = pg_services.index.folder
    assert folder is not None and folder.parent == pg_services.settings.index_dir
    saved = (folder / "manifest.json").read_text()
    restarted = build_services(pg_services.settings, nlp=nlp)
    try:
        assert restarted.index.current(restarted.sessions).size == built.size
        assert (folder / "manifest.json").read_text() == saved  # mapped, not built and saved
    finally:
        restarted.close()


def test_nul_lone_surrogates_and_over_long_fields_end_as_they_do_on_sqlite(
    pg_services, services, tmp_path
):
    records = [
        {"title": "Nul", "text": "Officials met\u0000 in Rome on Monday.", "source": "S" * 300},
        {"title": "Lone", "text": "Officials met in Paris on Friday.", "byline": "\udc80"},
        {"title": "Link", "text": "Officials met in Oslo.", "url": "https://x.org/" + "a" * 3000},
    ]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    outcomes = []
    for backend in (pg_services, services):
        report = pipeline.ingest([path], backend, progress=False)
        with backend.sessions() as s:
            rows = s.execute(
                text("SELECT title, source, byline, text FROM articles WHERE path = :p "
                     "ORDER BY title"),
                {"p": str(path.resolve())},
            )  # fmt: skip
            outcomes.append((report.added, report.rejected, rows.all()))
    assert outcomes[0] == outcomes[1]
    added, [rejected], rows = outcomes[0]
    assert len(added) == 2 and "url is 3,014 characters long" in rejected.reason
    assert rows[0] == ("Lone", None, "\ufffd", "Officials met in Paris on Friday.")
    assert rows[1][1] == "S" * 255 + "…" and rows[1][3] == "Officials met in Rome on Monday."


def test_an_ingest_in_another_process_while_this_one_searches_indexes_each_passage_once_on_postgres(
    nlp, tmp_path, news, ingest_while_serving
):
    with _throwaway_database() as url:  # its own: the shared one holds other tests' articles
        services = build_services(Settings(url, index_dir=tmp_path / "index"), nlp=nlp)
        restarted = build_services(services.settings, nlp=nlp)
        try:
            pipeline.ingest([news / "n00.txt"], services, progress=False)
            ingest_while_serving(services, news)
            with services.sessions() as session:
                clean = build_index(iter_passages(session))  # as one sequential build has it
            for index in (
                services.index.current(services.sessions),
                restarted.index.current(restarted.sessions),  # what was saved, mapped
            ):
                np.testing.assert_array_equal(index.ids, clean.ids)
                for query in (["beijing"], ["trade", "chip"], ["sanction", "visit", "london"]):
                    np.testing.assert_array_equal(index.scores(query), clean.scores(query))
        finally:
            restarted.close()
            services.close()


def test_a_snapshot_on_postgres_sees_the_store_as_at_its_first_read(pg_services):
    with snapshot(pg_services.sessions) as session:
        before = removal_count(session)
        with pg_services.engine.begin() as other:  # another writer commits meanwhile
            other.execute(text(
                "INSERT INTO corpus_removals (id, removals) VALUES (1, 2) ON CONFLICT (id) "
                "DO UPDATE SET removals = corpus_removals.removals + 2"
            ))  # fmt: skip
        assert removal_count(session) == before
    with pg_services.sessions() as session:
        assert removal_count(session) == before + 2


def _article(key: str) -> AnnotatedArticle:
    source = SourceText(key, key, "Trade talks.", key, uuid.uuid4().hex)
    sentence = Sentence(0, 0, 0, 12, "Trade talks.", ("trade", "talk"))
    return AnnotatedArticle(source, (), (sentence,), (), (), ())


def test_sentence_ids_on_postgres_rise_in_the_order_articles_commit(pg_services):
    now = dt.datetime.now(dt.UTC)
    sessions = pg_services.sessions
    first = sessions()
    first.begin()
    save_article(first, _article("first-to-start"), now)
    later = threading.Thread(target=lambda: _save_in_own_transaction(sessions, now))
    later.start()
    with sessions() as watcher:  # wait until the second article waits for the first's turn
        while not watcher.scalar(text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND "
            "database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )):  # fmt: skip
            assert later.is_alive(), "the second article did not wait for the first"
    first.commit()
    first.close()
    later.join()
    with sessions() as session:
        rows = session.execute(text(
            "SELECT a.key, max(s.id), min(s.id) FROM sentences s JOIN articles a "
            "ON a.id = s.article_id WHERE a.key LIKE '%-to-start' GROUP BY a.key"
        )).all()  # fmt: skip
    ids = {key: (low, high) for key, high, low in rows}
    assert ids["first-to-start"][1] < ids["second-to-start"][0]


def _save_in_own_transaction(sessions, now: dt.datetime) -> None:
    with sessions.begin() as session:
        save_article(session, _article("second-to-start"), now)


def test_check_on_postgres_finds_no_saved_index_and_repair_saves_one(pg_services, write):
    pipeline.ingest([write("a.txt", "James Cleverly met Wang Yi in Beijing.")], pg_services)
    shutil.rmtree(pg_services.settings.index_dir, ignore_errors=True)  # a new machine
    found = pipeline.check(pg_services)
    assert [p.part for p in found.problems] == ["index"]
    repaired = pipeline.check(pg_services, repair=True)
    assert repaired.problems == [] and repaired.indexed == repaired.sentences > 0
