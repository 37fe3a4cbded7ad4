"""The `china-brief` command as a user runs it: text and the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

ARTICLE_KEYS = {"id", "title", "source", "published", "path", "url"}


def run(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def first_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[str, subprocess.CompletedProcess[str]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'fresh.sqlite3'}"
    return db, run("ask", "Huawei 5G", "--json", db=db)


def test_first_ask_on_an_empty_database_loads_the_seeds_and_answers(first_run):
    _, done = first_run
    assert done.returncode == 0, done.stderr
    assert "loading the bundled sample corpus" in done.stderr
    brief = json.loads(done.stdout)
    assert set(brief) >= {"query", "summary", "quotes", "timeline"}
    top = brief["summary"][0]
    assert "Huawei" in top["text"]
    assert set(top["article"]) >= ARTICLE_KEYS
    assert top["article"]["published"] == "2023-11-14"
    assert top["article"]["path"].endswith("002_0c90a191f0abd8d8.txt")


def test_text_brief_has_the_three_sections(first_run):
    db, _ = first_run
    done = run("ask", "sanctions", "on", "British", "MPs", db=db)
    assert done.returncode == 0, done.stderr
    for heading in ("SUMMARY", "QUOTES", "TIMELINE"):
        assert heading in done.stdout
    assert "loading the bundled" not in done.stderr  # only the first run seeds


def test_quotes_timeline_and_articles_print_lists_under_their_names(first_run, capsys):
    db, _ = first_run
    for command, name in (("quotes", "quotes"), ("timeline", "timeline"), ("articles", "articles")):
        assert main(["--db", db, command, "--json"]) == 0
        document = json.loads(capsys.readouterr().out)
        assert list(document) == [name] and document[name]
        for item in document[name]:
            article = item if name == "articles" else item["article"]
            assert set(article) >= ARTICLE_KEYS
    assert main(["--db", db, "quotes", "--speaker", "Cleverly", "--json"]) == 0
    speakers = {q["speaker"] for q in json.loads(capsys.readouterr().out)["quotes"]}
    assert "James Cleverly" in speakers and all("Cleverly" in s for s in speakers)
    assert main(["--db", db, "timeline", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["timeline"]
    assert all({"date", "precision", "text"} <= set(e) for e in entries)


def test_info_names_the_database_and_counts(first_run, capsys):
    db, _ = first_run
    assert main(["--db", db, "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["database"] == db and info["articles"] == 5


def test_no_match_exits_1_with_a_suggestion(first_run, capsys):
    db, _ = first_run
    assert main(["--db", db, "ask", "Taiwn"]) == 1
    assert "Did you mean 'Taiwan'?" in capsys.readouterr().err


def test_ingest_reports_skipped_files_by_name(tmp_path: Path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Officials met in Beijing on Monday to discuss trade.", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert main(["--db", db, "ingest", "--quiet", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert f"skipped {bad.resolve()}: is not valid JSON" in captured.err
    assert captured.out.startswith("1 added")


def test_a_malformed_database_url_is_explained(capsys):
    assert main(["--db", "not-a-url", "info"]) == 1
    assert "SQLAlchemy URL" in capsys.readouterr().err


def test_speakers_lists_each_person_once_with_roles_and_quote_counts(first_run, capsys):
    db, _ = first_run
    assert main(["--db", db, "speakers", "--json"]) == 0
    speakers = {s["name"]: s for s in json.loads(capsys.readouterr().out)["speakers"]}
    cleverly = speakers["James Cleverly"]
    assert "Cleverly" in cleverly["aliases"] and "foreign secretary" in cleverly["roles"]
    assert cleverly["quotes"] == 14 and cleverly["articles"] == 4
    assert "Cleverly" not in speakers
    assert main(["--db", db, "speakers"]) == 0
    assert "James Cleverly (foreign secretary) — 14 quotes in 4 articles" in capsys.readouterr().out
