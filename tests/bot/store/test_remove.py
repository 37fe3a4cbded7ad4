"""Taking articles out (a retraction, a takedown): all of it, everywhere, at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import pipeline
from bot.errors import NoMatches
from bot.services import build_services
from bot.store.schema import MentionRow, QuoteRow, SentenceRow

RETRACTED = (
    "date 2023-08-30\nHuawei engineers briefed MPs on 5G equipment in Westminster.\n\n"
    "“Our kit is safe,” said Victor Zhang, a Huawei vice-president."
)
KEPT = (
    "date 2023-08-31\nJames Cleverly met Wang Yi in Beijing.\n\n"
    "“We must keep talking,” Cleverly said."
)


def _rows(services, table) -> int:
    with services.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def test_removing_an_article_by_its_file_takes_out_everything_found_in_it(services, write):
    retracted, kept = write("retracted.txt", RETRACTED), write("kept.txt", KEPT)
    pipeline.ingest([retracted, kept], services, progress=False)
    report = pipeline.remove([str(retracted)], services)
    assert [ref.path for ref in report.removed] == [str(retracted.resolve())]
    assert not report.unknown
    with pytest.raises(NoMatches):
        pipeline.make_brief("Huawei 5G equipment", services)
    assert not pipeline.find_quotes(None, "Victor Zhang", services)
    assert pipeline.find_quotes(None, "Cleverly", services)
    assert _rows(services, QuoteRow) == 1
    assert _rows(services, SentenceRow) == 2 and _rows(services, MentionRow) > 0


def test_a_serving_process_stops_citing_a_removed_article_without_a_restart(services, write, nlp):
    retracted = write("retracted.txt", RETRACTED)
    pipeline.ingest([retracted, write("kept.txt", KEPT)], services, progress=False)
    serving = build_services(services.settings, nlp=nlp)  # another process, same database
    try:
        assert "Huawei" in pipeline.make_brief("Huawei 5G", serving).summary[0].text
        pipeline.remove([str(retracted)], services)
        with pytest.raises(NoMatches):
            pipeline.make_brief("Huawei 5G", serving)
        assert serving.index.current(serving.sessions).size == 2
    finally:
        serving.close()


def test_targets_are_ids_urls_or_folders_and_unknown_ones_are_reported(services, write, tmp_path):
    records = [
        {"title": "Huawei and 5G", "text": RETRACTED.split("\n", 1)[1], "url": "https://x/1"},
        {"title": "Cleverly in Beijing", "text": KEPT.split("\n", 1)[1], "url": "https://x/2"},
    ]
    wire = write("wire.jsonl", "\n".join(map(json.dumps, records)))
    pipeline.ingest([wire], services, progress=False)
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.txt").write_text(KEPT.replace("Beijing", "Shanghai"), encoding="utf-8")
    pipeline.ingest([folder], services, progress=False)
    report = pipeline.remove(["https://x/1", str(folder), "999", "no-such-article"], services)
    assert sorted(ref.title for ref in report.removed) == [
        "Huawei and 5G", "James Cleverly met Wang Yi in Shanghai.",
    ]  # fmt: skip
    assert report.unknown == ["999", "no-such-article"]
    assert pipeline.corpus_sources(services).articles == 1


def test_serving_processes_map_the_index_the_remover_saved_instead_of_rebuilding(
    services, write, nlp
):
    kept, newest = write("kept.txt", KEPT), write("retracted.txt", RETRACTED)
    pipeline.ingest([kept], services, progress=False)
    pipeline.ingest([newest], services, progress=False)  # the newest: highest ids go with it
    serving = build_services(services.settings, nlp=nlp)
    try:
        serving.index.current(serving.sessions)
        pipeline.remove([str(newest)], services)
        manifest = services.settings.database_url.removeprefix("sqlite:///") + ".index"
        saved = json.loads((Path(manifest) / "manifest.json").read_text())["segments"]
        assert serving.index.current(serving.sessions).size == 2
        assert json.loads((Path(manifest) / "manifest.json").read_text())["segments"] == saved
    finally:
        serving.close()


def test_a_removed_article_stays_out_when_its_folder_is_ingested_again(services, write):
    retracted, kept = write("retracted.txt", RETRACTED), write("kept.txt", KEPT)
    archive = retracted.parent
    pipeline.ingest([archive], services, progress=False)
    pipeline.remove([str(retracted)], services)
    nightly = pipeline.ingest([archive], services, progress=False)  # the archive, re-run
    assert nightly.unchanged == [str(kept)] and not nightly.added
    (withheld,) = nightly.rejected
    assert withheld.path == str(retracted) and "was removed from the corpus on" in withheld.reason
    assert "china-brief ingest --restore" in withheld.reason
    corrected = RETRACTED.replace("Our kit is safe", "Our kit is safe and audited")
    retracted.write_text(corrected, encoding="utf-8")  # a corrected story is new text
    assert pipeline.ingest([retracted], services, progress=False).added == [str(retracted)]


def test_restore_brings_a_removed_article_back_for_good(services, write):
    retracted = write("retracted.txt", RETRACTED)
    pipeline.ingest([retracted], services, progress=False)
    pipeline.remove([str(retracted)], services)
    assert pipeline.ingest([retracted], services, progress=False, restore=True).added
    pipeline.remove([str(retracted)], services)  # removed again: withheld again
    assert pipeline.ingest([retracted], services, progress=False).rejected


def test_a_dry_run_lists_what_would_go_and_changes_nothing(services, write):
    retracted = write("retracted.txt", RETRACTED)
    pipeline.ingest([retracted, write("kept.txt", KEPT)], services, progress=False)
    report = pipeline.remove([str(retracted)], services, dry_run=True)
    assert [ref.path for ref in report.removed] == [str(retracted)]
    assert _rows(services, QuoteRow) == 2
    assert pipeline.ingest([retracted], services, progress=False).unchanged


def test_a_file_whose_name_is_not_utf8_can_be_removed_by_that_name(services, tmp_path):
    path = tmp_path / os.fsdecode(b"retrait\xe9.txt")
    path.write_text(RETRACTED, encoding="utf-8")
    assert len(pipeline.ingest([path], services, progress=False).added) == 1
    report = pipeline.remove([str(path)], services)
    assert len(report.removed) == 1 and not report.unknown
