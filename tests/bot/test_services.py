from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from bot import pipeline
from bot.index import BM25Index
from bot.nlp.model import load_nlp
from bot.nlp.terms import index_terms
from bot.services import QUERY_EXCLUDES, build_services
from bot.settings import DEFAULT_MODELS, Settings
from bot.store.passages import iter_passages

ARTICLES = {
    "a.txt": "Beijing trade talks\n\nTrade ministers met in Beijing on Monday.\n\nExports rose.",
    "b.txt": "Taiwan visit\n\nThe minister's visit to Taiwan angered Beijing.\n\nTalks stalled.",
    "c.txt": "Sanctions\n\nBeijing sanctioned nine British MPs.\n\nLondon protested.",
    "d.txt": "Chips\n\nExports of chips to China fell.\n\nTrade data came out late.",
}


def _ingest(services, write, names):
    return pipeline.ingest([write(n, ARTICLES[n]) for n in names], services, progress=False)


def _assert_parity(services, index):
    with services.sessions() as session:
        passages = list(iter_passages(session))
    assert index.size == len(passages)
    assert [int(i) for i in index.ids] == [pid for pid, _ in passages]
    reference = BM25Okapi([terms for _, terms in passages])
    for query in (["beijing"], ["trade", "export"], ["taiwan", "visit", "beijing"]):
        np.testing.assert_allclose(index.scores(query), reference.get_scores(query), rtol=1e-6)


def test_another_process_addition_is_picked_up_as_a_new_segment(services, write):
    _ingest(services, write, ["a.txt", "b.txt", "c.txt"])
    before = services.index.current(services.sessions)
    other = build_services(services.settings, nlp=services.nlp)  # another process's view
    _ingest(other, write, ["d.txt"])
    other.close()
    after = services.index.current(services.sessions)
    # The other process saved its segment; this one maps it and keeps the old segment, as
    # checked when first loaded: a million passages' checksums are not read again.
    assert len(after.segments) == 2
    assert after.segments[0] is before.segments[0]
    assert after.size > before.size
    _assert_parity(services, after)


def test_a_restart_maps_the_saved_index_instead_of_rebuilding(services, write):
    _ingest(services, write, ["a.txt", "b.txt"])
    _ingest(services, write, ["c.txt"])
    restarted = build_services(services.settings, nlp=services.nlp)
    index = restarted.index.current(restarted.sessions)
    assert len(index.segments) == 2
    assert all(isinstance(s.rows.base, np.memmap) for s in index.segments)
    _assert_parity(restarted, index)
    restarted.close()


def test_a_replaced_article_rebuilds_the_index_without_its_old_terms(services, write):
    _ingest(services, write, ["a.txt", "b.txt", "c.txt"])
    report = pipeline.ingest(
        [write("c.txt", "Sanctions\n\nLondon summoned the envoy.")], services, progress=False
    )
    assert report.replaced
    index = services.index.current(services.sessions)
    assert len(index.segments) == 1 and index.document_frequency("mps") == 0
    _assert_parity(services, index)


def test_the_query_pipeline_without_ner_gives_the_same_terms_as_the_full_one(nlp):
    light = load_nlp(DEFAULT_MODELS, exclude=QUERY_EXCLUDES)
    assert "ner" not in light.pipe_names
    for query in ("sanctions on British MPs", "Cleverly Beijing visit", "What did Kearns say?"):
        assert index_terms(light(query)) == index_terms(nlp(query))


def test_a_database_that_may_reuse_sentence_ids_is_rebuilt_not_patched(services, write):
    _ingest(services, write, ["a.txt", "b.txt"])
    with services.engine.begin() as connection:  # a file from before AUTOINCREMENT
        connection.exec_driver_sql("ALTER TABLE sentences RENAME TO old_sentences")
        connection.exec_driver_sql(
            "CREATE TABLE sentences (id INTEGER PRIMARY KEY, article_id INTEGER, position INTEGER,"
            ' paragraph INTEGER, start INTEGER, "end" INTEGER, text TEXT, terms TEXT)'
        )
        connection.exec_driver_sql("INSERT INTO sentences SELECT * FROM old_sentences")
        connection.exec_driver_sql("DROP TABLE old_sentences")
    services.index.current(services.sessions)
    _ingest(services, write, ["c.txt"])
    index = services.index.current(services.sessions)
    assert len(index.segments) == 1
    _assert_parity(services, index)


def test_a_database_made_anew_beside_an_old_index_does_not_inherit_it(services, write):
    _ingest(services, write, ["a.txt", "b.txt"])
    old = services.index.current(services.sessions)
    services.close()
    database = Path(services.settings.database_url.removeprefix("sqlite:///"))
    for leftover in database.parent.glob(database.name + "-*"):
        leftover.unlink()
    database.unlink()  # the index folder stays behind
    fresh = build_services(services.settings, nlp=services.nlp)
    _ingest(fresh, write, ["c.txt", "d.txt"])  # as many sentences, other words
    index = fresh.index.current(fresh.sessions)
    assert index.size == old.size and index.document_frequency("taiwan") == 0
    _assert_parity(fresh, index)
    fresh.close()


def test_requests_racing_for_spacy_share_one_loaded_copy(tmp_path):
    import threading

    fresh = build_services(Settings(f"sqlite:///{tmp_path / 'race.sqlite3'}"))
    loaded: list[object] = []
    racers = [threading.Thread(target=lambda: loaded.append(fresh.query_nlp)) for _ in range(3)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=120)
    assert len(loaded) == 3 and all(model is loaded[0] for model in loaded)
    fresh.close()


def test_an_ingest_in_another_process_while_this_one_searches_indexes_each_passage_once(
    services, write, news, ingest_while_serving, tmp_path
):
    _ingest(services, write, ["a.txt", "b.txt"])
    services.index.current(services.sessions)  # a saved index for both processes to start from
    ingest_while_serving(services, news)
    _assert_parity(services, services.index.current(services.sessions))
    restarted = build_services(services.settings, nlp=services.nlp)  # maps what was saved
    _assert_parity(restarted, restarted.index.current(restarted.sessions))
    clean = build_services(Settings(f"sqlite:///{tmp_path / 'clean.sqlite3'}"), nlp=services.nlp)
    _ingest(clean, write, ["a.txt", "b.txt"])
    pipeline.ingest([news], clean, progress=False, jobs=1)  # the same files, one after another
    pipeline.catch_up_vectors(clean)  # as the other process's `ingest` command did
    for query in ("trade talks in Beijing", "chip exports", "sanctions on Taiwan visit"):
        briefs = [pipeline.make_brief(query, s) for s in (restarted, clean)]
        assert briefs[0].summary == briefs[1].summary
        assert [h.score for h in pipeline.search(query, restarted)[0]] == [
            h.score for h in pipeline.search(query, clean)[0]
        ]
    clean.close()
    restarted.close()


def test_a_removal_here_while_another_process_ingests_leaves_the_store_indexed_once(
    services, write, news, ingest_while_serving
):
    _ingest(services, write, ["a.txt", "b.txt", "c.txt"])
    start = services.index.current(services.sessions).size
    removed: list[str] = []

    def remove_once(index: BM25Index) -> None:
        if not removed and index.size > start + 40:  # the other process is storing by now
            removed.extend(r.path for r in pipeline.remove([str(write("b.txt", ARTICLES["b.txt"]))],
                                                          services).removed)  # fmt: skip

    ingest_while_serving(services, news, remove_once)
    assert removed
    _assert_parity(services, services.index.current(services.sessions))
    restarted = build_services(services.settings, nlp=services.nlp)
    _assert_parity(restarted, restarted.index.current(restarted.sessions))
    restarted.close()


def test_an_emptied_index_file_is_logged_once_and_the_index_rebuilt(services, write, caplog):
    _ingest(services, write, ["a.txt", "b.txt", "c.txt"])
    folder = services.index.folder
    assert folder is not None
    for rows in folder.glob("seg-*/rows.npy"):
        rows.write_bytes(b"")  # a crash before the data reached the disk
    restarted = build_services(services.settings, nlp=services.nlp)
    with caplog.at_level(logging.WARNING):
        index = restarted.index.current(restarted.sessions)
    assert [r.getMessage().count("rebuilding") for r in caplog.records] == [1]
    _assert_parity(restarted, index)
    again = build_services(services.settings, nlp=services.nlp)  # the rebuild was saved
    assert again.index.current(again.sessions).size == index.size
    assert len(caplog.records) == 1
    again.close()
    restarted.close()


def test_an_addition_is_not_saved_over_segments_another_process_cleared(services, write, caplog):
    _ingest(services, write, ["a.txt", "b.txt"])
    _ingest(services, write, ["c.txt"])  # two segments now, both saved
    folder = services.index.folder
    assert folder is not None
    mine = [path.name for path in folder.glob("seg-*")]
    assert len(mine) == 2
    other = build_services(services.settings, nlp=services.nlp)
    other.index.rebuild(other.sessions)  # one segment, saved in their place
    other.close()
    for name in mine:
        shutil.rmtree(folder / name)  # unnamed, then cleared as stale
    _ingest(services, write, ["d.txt"])
    restarted = build_services(services.settings, nlp=services.nlp)
    with caplog.at_level(logging.WARNING):
        _assert_parity(restarted, restarted.index.current(restarted.sessions))
    assert caplog.records == []  # no manifest named a missing segment
    restarted.close()
