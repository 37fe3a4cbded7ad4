"""Hybrid search through the pipeline: paraphrases found, BM25 kept, vectors kept in step."""

from __future__ import annotations

import dataclasses
import shutil

from bot import pipeline
from bot.render.json import brief_dict
from bot.services import build_services
from bot.store.passages import sentences_by_id


def test_the_seed_question_in_other_words_finds_the_trade_sentence(seeded):
    brief = pipeline.make_brief("trade figures between UK and China", seeded)
    assert any("US$100 billion" in item.text for item in brief.summary)


def test_lexical_only_search_is_bm25_exactly(seeded):
    bm25 = build_services(dataclasses.replace(seeded.settings, search="bm25"), nlp=seeded.nlp)
    hits, terms = pipeline.search("sanctions on British MPs", bm25)
    index = bm25.index.current(bm25.sessions)
    assert hits == index.search(terms, k=pipeline.SEARCH_DEPTH)
    assert all(h.bm25 is None and h.semantic is None for h in hits)
    bm25.close()


def test_hybrid_hits_report_the_bm25_score_bm25_gives_them(seeded):
    hits, terms = pipeline.search("sanctions on British MPs", seeded)
    index = seeded.index.current(seeded.sessions)
    scores = dict(zip(index.ids.tolist(), index.scores(terms).tolist(), strict=True))
    assert all(h.bm25 == max(scores[h.passage_id], 0.0) for h in hits)
    lexical_best = index.search(terms, k=1)[0].passage_id
    assert lexical_best in [h.passage_id for h in hits[:5]]


def test_a_removed_article_is_never_found_by_meaning_and_its_rows_go(corpus):
    hits, _ = pipeline.search("trade figures between UK and China", corpus)
    with corpus.sessions() as session:
        article = sentences_by_id(session, [hits[0].passage_id])[hits[0].passage_id].article_id
    pipeline.remove([str(article)], corpus)
    after, _ = pipeline.search("trade figures between UK and China", corpus)
    with corpus.sessions() as session:
        found = sentences_by_id(session, [h.passage_id for h in after])
    assert len(found) == len(after) and article not in {s.article_id for s in found.values()}
    index = corpus.index.current(corpus.sessions)
    assert not len(corpus.vectors.missing(index, corpus.sessions))


def test_vectors_missing_from_disk_are_reported_and_rebuilt_from_the_store(corpus):
    shutil.rmtree(corpus.vectors.folder)
    fresh = build_services(corpus.settings, nlp=corpus.nlp)
    assert pipeline.make_brief("sanctions on British MPs", fresh).summary  # BM25 meanwhile
    found = pipeline.check(fresh)
    assert [(p.part, p.repairable) for p in found.problems] == [("vectors", True)]
    assert pipeline.check(fresh, repair=True).problems == []
    restarted = build_services(corpus.settings, nlp=corpus.nlp)
    index = restarted.index.current(restarted.sessions)
    assert restarted.vectors.current(index, restarted.sessions).size == index.size
    for services in (fresh, restarted):
        services.close()


def test_ingest_stores_articles_before_any_vector_is_computed(services, seeds_dir):
    pipeline.ingest([seeds_dir], services, progress=False)
    index = services.index.current(services.sessions)
    assert index.size > 0 and services.vectors.current(index, services.sessions).size == 0
    assert len(services.vectors.missing(index, services.sessions)) == index.size


def test_a_passage_without_a_vector_is_still_found_by_its_words_and_never_embedded_by_a_question(
    services, seeds_dir
):
    pipeline.ingest([seeds_dir], services, progress=False)
    brief = pipeline.make_brief("sanctions on British MPs", services)
    assert any("sanction" in item.text for item in brief.summary)
    assert all(not item.semantic for item in brief.summary)  # no cosine: words alone
    assert pipeline.search("Huawei 5G", services)[0]
    index = services.index.current(services.sessions)
    assert services.vectors.current(index, services.sessions).size == 0
    assert [p.part for p in pipeline.check(services).problems] == ["vectors"]


def test_a_catch_up_embeds_each_passage_once_and_then_answers_by_meaning(services, seeds_dir):
    pipeline.ingest([seeds_dir], services, progress=False)
    index = services.index.current(services.sessions)
    assert pipeline.catch_up_vectors(services) == index.size
    assert pipeline.catch_up_vectors(services) == 0
    brief = pipeline.make_brief("trade figures between UK and China", services)
    assert any("US$100 billion" in item.text for item in brief.summary)
    assert pipeline.check(services).problems == []


def test_ask_json_reports_each_summary_sentences_bm25_score_and_cosine(seeded):
    brief = pipeline.make_brief("trade figures between UK and China", seeded)
    items = brief_dict(brief)["summary"]
    assert all({"score", "bm25", "semantic"} <= item.keys() for item in items)
    assert all(0 < item["semantic"] <= 1 for item in items)
