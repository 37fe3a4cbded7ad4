"""The `china-brief` command as a user runs it: text and the JSON contract."""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bot.cli import _parser, main

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
    assert top["semantic"] is not None  # the seed load embedded the seeds: a hybrid answer


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
    extended = {"inferred", "evidence", "people", "organisations", "sources", "article", "status"}
    assert all(extended <= set(e) for e in entries)
    assert {e["status"] for e in entries} <= {"reported", "expected"}
    inferred = [e for e in entries if e["inferred"]]
    assert inferred and all(e["evidence"] and e["article"]["published"] is None for e in inferred)


def test_info_names_the_database_and_counts(first_run, capsys):
    db, _ = first_run
    assert main(["--db", db, "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["database"] == db and info["articles"] == 5


def test_no_match_exits_1_with_a_suggestion(first_run, capsys):
    db, _ = first_run
    assert main(["--db", db, "ask", "Taiwn"]) == 1
    assert "Did you mean 'Taiwan'?" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["empty rows", "short lengths"])
def test_ask_answers_over_a_damaged_index_file_with_one_log_line(first_run, damage):
    db, _ = first_run
    folder = Path(db.removeprefix("sqlite:///") + ".index")
    for segment in folder.glob("seg-*"):
        if damage == "empty rows":
            (segment / "rows.npy").write_bytes(b"")
        else:
            lengths = np.load(segment / "lengths.npy")
            np.save(segment / "lengths.npy", lengths[: len(lengths) // 2])
    done = run("ask", "Huawei 5G", "--json", db=db)
    assert done.returncode == 0, done.stderr
    assert "Huawei" in json.loads(done.stdout)["summary"][0]["text"]
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert "ignoring the saved index" in done.stderr and "rebuilding it" in done.stderr
    assert run("ask", "Huawei 5G", db=db).stderr == ""  # the rebuilt index was saved


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


def test_hostile_inputs_are_skipped_in_one_line_each_and_what_is_written_is_private(
    tmp_path, hostile
):
    db = tmp_path / "store" / "brief.sqlite3"
    fifo = hostile / "fifo.txt"
    done = run("ingest", "--quiet", str(hostile), str(fifo), "/dev/zero", db=f"sqlite:///{db}")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert all(line.startswith("skipped ") for line in done.stderr.splitlines())
    assert f"skipped {fifo}: is a named pipe (FIFO)" in done.stderr
    assert done.stdout.startswith("3 added")
    written = [db.parent, *db.parent.rglob("*")]
    assert any(p.name.endswith(".index") for p in written)  # the index is covered too
    assert all(p.stat().st_mode & 0o077 == 0 for p in written)


def test_a_database_url_without_a_scheme_is_explained_without_its_password(capsys):
    assert main(["--db", "desk:s3cret@dbhost/newsroom", "info"]) == 1
    err = capsys.readouterr().err
    assert "no '://'" in err and "s3cret" not in err and len(err.splitlines()) == 1


def test_a_database_from_a_newer_release_stops_the_command_in_one_line(tmp_path):
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as db:  # what a later release's migration would leave
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        db.execute("INSERT INTO alembic_version VALUES ('0099')")
    done = run("info", db=f"sqlite:///{path}")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("china-brief: The database sqlite:///") and "newer china-brief" in line
    assert line.endswith("Upgrade china-brief to use it.")


def test_a_malformed_database_url_is_explained(capsys):
    assert main(["--db", "not-a-url", "info"]) == 1
    assert "SQLAlchemy URL" in capsys.readouterr().err


def test_digest_print_previews_without_posting(corpus, capsys, monkeypatch):
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    db = corpus.settings.database_url
    assert main(["--db", db, "digest", "--channel", "C1", "--print"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("China brief digest") and "NOTABLE QUOTES" in out


def test_digest_post_posts_once_a_day_from_cron(corpus, slack, capsys, monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", slack.api_url)
    db = corpus.settings.database_url
    assert main(["--db", db, "digest", "--channel", "C1", "--post"]) == 0
    assert main(["--db", db, "digest", "--channel", "C1", "--post"]) == 0
    assert capsys.readouterr().out.split()[-1] == "taken"
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_serve_without_tokens_stops_with_one_line_naming_the_variable(capsys, monkeypatch):
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    assert main(["--db", "sqlite://", "serve"]) == 1
    assert capsys.readouterr().err.startswith("china-brief: SLACK_BOT_TOKEN is not set")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    assert main(["--db", "sqlite://", "serve"]) == 1
    assert "SLACK_APP_TOKEN is not set" in capsys.readouterr().err


@pytest.mark.parametrize("stop", ["SIGINT", "SIGTERM"])  # Ctrl-C; systemd, Docker, Kubernetes
def test_serve_http_answers_signed_commands_posts_due_digests_and_stops_cleanly(
    corpus, slack, stop
):
    import datetime as dt
    import os
    import signal
    import socket
    import time
    import urllib.request
    from urllib.parse import urlencode

    from slack_sdk.signature import SignatureVerifier

    from bot.store import digests

    with corpus.sessions.begin() as session:  # due since midnight, subscribed two days ago
        digests.subscribe(
            session, "C0DIGEST", dt.time(0), "UTC", post_when_empty=True, user=None,
            now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2),
        )  # fmt: skip
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    secret = "0123456789abcdef0123456789abcdef"
    env = os.environ | {
        "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": secret,
        "SLACK_API_URL": slack.api_url, "CHINA_BRIEF_DB": corpus.settings.database_url,
    }  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve", "--http", "--host", "127.0.0.1",
         "--port", str(port)],
        env=env, stderr=subprocess.PIPE, text=True, preexec_fn=_as_from_a_terminal,
    )  # fmt: skip
    try:
        (digest,) = slack.wait_for("chat.postMessage", timeout=60)
        assert digest.body["channel"] == "C0DIGEST" and digest.body["metadata"]
        _wait_until_listening(port)
        body = urlencode({
            "command": "/china-brief", "text": "sources", "channel_id": "C1", "user_id": "U1",
            "team_id": "T1", "response_url": f"{slack.url}/response/1",
        })  # fmt: skip
        ts = str(int(time.time()))
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/slack/events", data=body.encode(), method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": SignatureVerifier(secret).generate_signature(
                    timestamp=ts, body=body
                ),
            },
        )  # fmt: skip
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        assert "5 articles" in slack.wait_for("response_url")[0].body["blocks"][1]["text"]["text"]
    finally:
        server.send_signal(getattr(signal, stop))
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0, err
    assert "will be unused" not in err  # Bolt's token notice: the client always has the token


def _as_from_a_terminal() -> None:
    # A job started in the background by a script (as CI may run this suite) inherits an
    # ignored SIGINT, which the bot rightly keeps; Ctrl-C is tested as from a terminal.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_until_listening(port: int) -> None:
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError):
            assert time.monotonic() < deadline, "china-brief serve never started listening"
            time.sleep(0.1)


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


def test_serve_in_socket_mode_acks_a_command_over_the_websocket_and_answers_it(
    corpus, slack, socket_mode
):
    import os
    import signal

    command = {
        "command": "/china-brief", "text": "sources", "channel_id": "C1", "user_id": "U1",
        "team_id": "T1", "response_url": f"{slack.url}/response/1",
    }  # fmt: skip
    socket_mode.envelopes.append(
        {"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
         "payload": command}
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "SLACK_SIGNING_SECRET"} | {
        "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_APP_TOKEN": "xapp-1-test",
        "SLACK_API_URL": slack.api_url, "CHINA_BRIEF_DB": corpus.settings.database_url,
    }  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve"], env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        assert socket_mode.acks.get(timeout=60)["envelope_id"] == "env-1"
        (reply,) = slack.wait_for("response_url", timeout=60)
        assert "5 articles" in reply.body["blocks"][1]["text"]["text"]
        (opened,) = slack.calls_to("apps.connections.open")
        assert opened.headers["Authorization"] == "Bearer xapp-1-test"  # the app-level token
    finally:
        server.send_signal(signal.SIGTERM)
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0, err


def test_quotes_by_a_shared_surname_name_each_person_first_in_text_and_json(first_run):
    db, _ = first_run
    done = run("quotes", "--speaker", "Wang", db=db)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("'Wang' matches 3 people: Wang Yi, Wang Yiwei and Wang Wenbin.")
    listing = json.loads(run("quotes", "--speaker", "Wang", "--json", db=db).stdout)
    assert "matches 3 people" in listing["note"] and len(listing["quotes"]) == 6
    assert "note" not in json.loads(run("quotes", "--speaker", "Kearns", "--json", db=db).stdout)


def test_output_cut_short_by_its_reader_ends_quietly(first_run):
    db, _ = first_run
    reader = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--db", db, "quotes"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert reader.stdout is not None
    reader.stdout.close()  # the reader is gone before the brief is written, as `| head` can be
    _, err = reader.communicate(timeout=120)
    assert reader.returncode == 141 and "Traceback" not in err


def test_remove_reports_each_article_and_an_emptied_corpus_is_not_reseeded(tmp_path, capsys):
    from bot.ingest.bundled import bundled_seeds

    db = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    assert main(["--db", db, "articles"]) == 0  # a fresh database: the seeds go in
    capsys.readouterr()
    assert main(["--db", db, "remove", str(bundled_seeds()), "no-such-file.txt"]) == 1
    out, err = capsys.readouterr()
    assert out.endswith("5 removed\n") and "no article matches 'no-such-file.txt'" in err
    assert main(["--db", db, "ask", "Cleverly"]) == 1
    assert "The corpus is empty" in capsys.readouterr().err


def _commands_in_readme() -> dict[str, str]:
    """Each command in README's command table, with its row."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `china-brief ")]
    return {row.split("`china-brief ", 1)[1].split()[0].rstrip("`"): row for row in rows}


def test_the_readme_command_table_lists_every_command_and_only_real_options():
    parser = _parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    documented = _commands_in_readme()
    assert set(documented) == set(commands.choices)
    for name, row in documented.items():
        options = {o for a in commands.choices[name]._actions for o in a.option_strings}
        cell = row.split(" | ", 1)[0]  # the command as written: every option in it exists
        assert set(re.findall(r"--[a-z][a-z-]*", cell)) <= options, name


def test_check_reports_a_damaged_index_and_repair_rebuilds_it(first_run):
    db, _ = first_run
    healthy = run("check", db=db)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert healthy.stdout.rstrip().endswith("ok")
    folder = Path(db.removeprefix("sqlite:///") + ".index")
    for segment in folder.glob("seg-*"):
        (segment / "tfs.npy").write_bytes(b"\x93NUMPY")  # cut short by a crash
    found = run("check", "--json", db=db)
    assert found.returncode == 1 and found.stderr == ""
    report = json.loads(found.stdout)
    assert report["ok"] is False and report["indexed"] is None
    assert [(p["part"], p["repairable"]) for p in report["problems"]] == [("index", True)]
    repaired = run("check", "--repair", "--json", db=db)
    assert repaired.returncode == 0, repaired.stdout
    assert json.loads(repaired.stdout)["repaired"] == report["problems"]
    assert run("check", db=db).returncode == 0


def test_check_on_a_damaged_database_file_says_so_in_one_problem(first_run, tmp_path):
    db, _ = first_run
    damaged = tmp_path / "damaged.sqlite3"
    with sqlite3.connect(db.removeprefix("sqlite:///")) as src, sqlite3.connect(damaged) as dst:
        src.backup(dst)
        dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with damaged.open("r+b") as file:  # pages past the schema overwritten, as by a bad disk
        file.seek(4096 * 5)
        file.write(b"\xde\xad\xbe\xef" * 4096)
    done = run("check", "--repair", db=f"sqlite:///{damaged}")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "problem, store: the database reports: database disk image is malformed" in (
        " ".join(done.stdout.split())
    )


def test_article_prints_the_stored_metadata_and_cleaned_text(tmp_path):
    db = f"sqlite:///{tmp_path / 'brief.sqlite3'}"
    story = tmp_path / "talks.txt"
    story.write_text(
        "title: Britain and China resume trade talks\nsource: Reuters\n"
        "url: https://example.com/news/trade-talks\nbyline: Jane Doe\ndate: 2023-05-06\n\n"
        "Officials met in London on Thursday to discuss trade.\n\nAdvertisement\n\n"
        "They agreed to meet again.",
        encoding="utf-8",
    )
    assert run("ingest", str(story), "--quiet", db=db).returncode == 0
    shown = run("article", "1", "--json", db=db)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == {
        "articles": [{
            "id": 1, "title": "Britain and China resume trade talks", "source": "Reuters",
            "published": "2023-05-06", "path": str(story),
            "url": "https://example.com/news/trade-talks", "byline": "Jane Doe",
            "text": "Officials met in London on Thursday to discuss trade.\n\n"
            "They agreed to meet again.",
        }]
    }  # fmt: skip
    text = run("article", "1", "7", db=db)
    assert text.returncode == 1
    assert "byline: Jane Doe" in text.stdout and "They agreed to meet again." in text.stdout
    assert "Advertisement" not in text.stdout
    assert text.stderr.strip() == "no article has id 7: `china-brief articles` lists them"


def test_ingest_takes_urls_and_reports_a_failing_page_by_its_url(tmp_path, web, web_pages):
    db = f"sqlite:///{tmp_path / 'brief.sqlite3'}"
    good = web.serve("/talks", (web_pages / "export-controls.html").read_bytes())
    bad = web.serve("/down", "unavailable", status=503, content_type="text/plain")
    done = run("ingest", bad, good, "--quiet", "--json", db=db)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["added"] == [good]
    assert report["rejected"] == [
        {"path": bad, "reason": "the server answered 503 Service Unavailable"}
    ]
    assert done.stderr.strip() == f"skipped {bad}: the server answered 503 Service Unavailable"
    shown = json.loads(run("article", "1", "--json", db=db).stdout)["articles"][0]
    assert (shown["url"], shown["published"], shown["byline"]) == (
        good,
        "2023-06-30",
        "Pieter de Vries",
    )


def test_feeds_add_list_poll_and_remove_from_the_terminal(tmp_path, web, one_item_feed):
    db = f"sqlite:///{tmp_path / 'brief.sqlite3'}"
    feed, page = one_item_feed
    broken = web.serve("/broken.xml", "oops", status=500, content_type="text/plain")
    assert run("feeds", "add", feed, db=db).stdout.strip() == f"following {feed}"
    assert run("feeds", "add", broken, db=db).returncode == 0
    assert run("feeds", "add", feed, db=db).stdout.strip() == f"already following {feed}"
    polled = run("feeds", "poll", "--json", db=db)
    assert polled.returncode == 1  # a feed failed; the other's items are stored all the same
    by_url = {f["url"]: f for f in json.loads(polled.stdout)["feeds"]}
    assert by_url[feed]["added"] == [page] and by_url[feed]["error"] is None
    assert by_url[broken]["error"] == "the server answered 500 Internal Server Error"
    assert f"feed {broken} failed: the server answered 500" in polled.stderr
    listed = json.loads(run("feeds", "list", "--json", db=db).stdout)["feeds"]
    assert [(f["url"], f["title"], f["failures"]) for f in listed] == [
        (feed, "Lowland Wire", 0), (broken, None, 1)
    ]  # fmt: skip
    assert run("feeds", "remove", broken, db=db).returncode == 0
    gone = run("feeds", "remove", broken, db=db)
    assert gone.returncode == 1 and "not following" in gone.stderr
    assert "Netherlands tightens" in run("articles", db=db).stdout


def test_ingest_embeds_after_committing_and_no_vectors_leaves_it_for_later(tmp_path, capsys):
    from bot.ingest.bundled import bundled_seeds

    db = f"sqlite:///{tmp_path / 'brief.sqlite3'}"
    assert main(["--db", db, "ingest", "--quiet", "--no-vectors", str(bundled_seeds())]) == 0
    capsys.readouterr()
    assert main(["--db", db, "check", "--json"]) == 1
    assert [p["part"] for p in json.loads(capsys.readouterr().out)["problems"]] == ["vectors"]
    assert main(["--db", db, "ingest", "--quiet", str(bundled_seeds())]) == 0  # 5 unchanged
    assert "5 unchanged" in capsys.readouterr().out
    assert main(["--db", db, "check", "--json"]) == 0
