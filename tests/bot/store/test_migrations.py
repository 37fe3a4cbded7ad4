"""Each start brings the database to this release's schema in place (bot.store.migrations)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

import bot
from bot import pipeline
from bot.errors import SchemaTooNew
from bot.services import build_services
from bot.settings import Settings
from bot.store.engine import open_engine
from bot.store.migrations import alembic_config
from bot.store.migrations.__main__ import main as migrations_command
from bot.store.schema import Base

from .old_databases import all_rows, as_before, build_release_0_1, open_all_at_once

HEAD, NEXT = "0004", "0005"
NEW_COLUMNS = {
    "articles": {"rules"},
    "quotes": {"attribution", "speaker_kind"},
    "events": {"status"},
}


def revision(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as connection:
        return tuple(MigrationContext.configure(connection).get_current_heads())


def differences_from_the_models(engine: Engine) -> list[object]:
    """What Alembic's autogenerate finds between the database and bot/store/schema.py."""
    with engine.connect() as connection:
        return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


def test_a_new_database_gets_the_newest_revision_and_exactly_the_models_schema(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert revision(engine) == (HEAD,)
    assert differences_from_the_models(engine) == []
    engine.dispose()


def test_a_release_0_1_database_is_upgraded_in_place_keeping_every_row(tmp_path):
    url = f"sqlite:///{tmp_path / 'release-0.1.sqlite3'}"
    before = build_release_0_1(url)
    engine = open_engine(url)
    after = all_rows(engine)
    assert as_before(before, after) == before
    for table, columns in NEW_COLUMNS.items():
        assert {row[c] for row in after[table] for c in columns} == {None}
    assert revision(engine) == (HEAD,)
    assert differences_from_the_models(engine) == []  # every column and index is there
    engine.dispose()


def test_after_the_upgrade_the_bot_ingests_and_answers_from_old_and_new_articles(
    tmp_path, nlp, write
):
    url = f"sqlite:///{tmp_path / 'release-0.1.sqlite3'}"
    build_release_0_1(url)
    services = build_services(Settings(url), nlp=nlp)
    try:
        path = write("new.txt", "date 2023-09-01\nLighthouse keepers in Wales met Cleverly too.")
        assert len(pipeline.ingest([path], services, progress=False).added) == 1
        brief = pipeline.make_brief("lighthouse keepers", services)
        cited = {item.article.title for item in brief.summary}
        assert "Lighthouse keepers meet the Foreign Secretary" in cited and len(cited) == 2
        [quote] = pipeline.find_quotes(None, "Mary Trelawny", services)
        assert quote.text == "We keep the light burning" and quote.attribution is None
    finally:
        services.close()


def test_a_database_a_development_build_gave_the_new_columns_is_stamped_as_it_is(
    tmp_path,
):
    path = tmp_path / "between-releases.sqlite3"
    build_release_0_1(f"sqlite:///{path}")
    with sqlite3.connect(path) as db:  # what the start-up code before migrations added
        db.execute("ALTER TABLE quotes ADD COLUMN attribution VARCHAR(64)")
        db.execute("ALTER TABLE quotes ADD COLUMN speaker_kind VARCHAR(16)")
        db.execute("ALTER TABLE articles ADD COLUMN rules VARCHAR(64)")
        db.execute("UPDATE articles SET rules = 'r1'")
    engine = open_engine(f"sqlite:///{path}")
    assert revision(engine) == (HEAD,) and differences_from_the_models(engine) == []
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT rules FROM articles").scalar() == "r1"
    engine.dispose()


def test_a_database_from_a_newer_release_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "newer.sqlite3"
    open_engine(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(SchemaTooNew) as refused:
        open_engine(f"sqlite:///{path}")
    message = str(refused.value)
    assert "upgraded by a newer china-brief (schema revision 0099" in message
    assert "Upgrade china-brief" in message and "\n" not in message
    with sqlite3.connect(path) as db:  # left as it was
        assert db.execute("SELECT version_num FROM alembic_version").fetchall() == [("0099",)]


def test_processes_starting_together_on_a_release_0_1_sqlite_file_all_open_it(
    tmp_path,
):
    url = f"sqlite:///{tmp_path / 'release-0.1.sqlite3'}"
    before = build_release_0_1(url)
    assert open_all_at_once(url) == []
    engine = open_engine(url)
    assert revision(engine) == (HEAD,) and as_before(before, all_rows(engine)) == before
    engine.dispose()


def test_the_newest_revision_downgrades_and_upgrades_again(tmp_path):
    url = f"sqlite:///{tmp_path / 'release-0.1.sqlite3'}"
    before = build_release_0_1(url)
    engine = open_engine(url)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    columns = {c["name"] for c in inspect(engine).get_columns("quotes")}
    assert revision(engine) == ("0001",) and not NEW_COLUMNS["quotes"] & columns
    engine.dispose()
    engine = open_engine(url)
    assert revision(engine) == (HEAD,) and as_before(before, all_rows(engine)) == before
    engine.dispose()


def test_the_developer_command_finds_nothing_in_the_models_the_revisions_do_not_make(
    capsys, monkeypatch
):
    monkeypatch.delenv("CHINA_BRIEF_DB", raising=False)
    migrations_command(["check"])  # Alembic fails it when autogenerate would write anything
    assert "No new upgrade operations detected" in capsys.readouterr().out


def test_a_new_revision_is_numbered_after_the_newest_and_becomes_the_head(tmp_path):
    shutil.copytree(
        Path(bot.__file__).parent, tmp_path / "bot", ignore=shutil.ignore_patterns("__pycache__")
    )
    env = {k: v for k, v in os.environ.items() if k != "CHINA_BRIEF_DB"}
    env["PYTHONPATH"] = str(tmp_path)

    def command_line(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "bot.store.migrations", *args],
            env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        return done.stdout

    command_line("revision", "-m", "keep the desk of each article")
    versions = tmp_path / "bot" / "store" / "migrations" / "versions"
    written = versions / f"{NEXT}_keep_the_desk_of_each_article.py"
    assert f'down_revision: str | None = "{HEAD}"' in written.read_text()
    assert command_line("heads").strip() == f"{NEXT} (head)"


def test_0004_adds_the_feed_tables_empty_and_downgrades_without_them(tmp_path):
    url = f"sqlite:///{tmp_path / 'release-0.1.sqlite3'}"
    before = build_release_0_1(url)
    engine = open_engine(url)
    tables = set(inspect(engine).get_table_names())
    assert {"feeds", "feed_items"} <= tables
    with engine.begin() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM feeds").scalar() == 0
        command.downgrade(alembic_config(connection), "0003")
    assert not {"feeds", "feed_items"} & set(inspect(engine).get_table_names())
    assert as_before(before, all_rows(engine)) == before
    engine.dispose()


def test_the_revisions_read_from_the_script_names_are_the_ones_alembic_reads():
    from alembic.script import ScriptDirectory

    from bot.store.migrations import alembic_config, newest_revision

    scripts = ScriptDirectory.from_config(alembic_config())
    assert newest_revision() == scripts.get_current_head()
    for script in scripts.walk_revisions():
        assert Path(str(script.path)).name.startswith(f"{script.revision}_")
