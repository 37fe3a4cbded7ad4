from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from bot.index import build_index
from bot.store.articles import iter_passages


def test_scores_equal_rank_bm25_on_the_seed_corpus(seeded):
    with seeded.sessions() as session:
        passages = list(iter_passages(session))
    corpus = [terms for _, terms in passages]
    reference = BM25Okapi(corpus)
    index = build_index(passages)
    queries = [["sanction", "mps"], ["huawei"], ["human", "right", "human"], ["china"], ["nothing"]]
    for query in queries:
        np.testing.assert_allclose(
            index.scores(query), reference.get_scores(query), rtol=1e-9, atol=1e-12
        )


def test_scores_equal_rank_bm25_with_negative_idf_terms():
    rng = random.Random(7)
    words = [f"w{i}" for i in range(30)]
    corpus = [
        [rng.choice(words[: rng.randint(2, 30)]) for _ in range(rng.randint(1, 15))]
        for _ in range(200)
    ]
    reference, index = BM25Okapi(corpus), build_index(enumerate(corpus))
    for query in (["w0"], ["w0", "w1", "w29"], ["w5", "w5"]):
        np.testing.assert_allclose(
            index.scores(query), reference.get_scores(query), rtol=1e-9, atol=1e-12
        )


def test_search_ranks_by_score_and_returns_passage_ids():
    docs = {
        10: ["sanction", "mps", "china"], 11: ["trade", "china"], 12: ["sanction", "sanction"],
        13: ["climate"], 14: ["taiwan", "report"], 15: ["visit", "beijing"],
    }  # fmt: skip
    hits = build_index(docs.items()).search(["sanction"], k=5)
    assert [h.passage_id for h in hits] == [12, 10]
    assert hits[0].score > hits[1].score > 0


def test_a_term_in_every_document_scores_below_zero_and_is_dropped():
    # Every idf but one is negative, so rank-bm25's epsilon floor is negative too.
    docs = [["china", "uk"]] * 5 + [["china", "uk", "taiwan"]]
    index = build_index(enumerate(docs))
    assert (index.scores(["china"]) < 0).all()
    assert index.search(["china"]) == []
    assert [h.passage_id for h in index.search(["china", "taiwan"])] == [5]


def test_a_common_term_floored_at_epsilon_still_ranks_when_the_mean_idf_is_positive():
    docs = [["china", "x"], ["china", "y"], ["china"], ["china", "z"], ["china"], ["w"]]
    hits = build_index(enumerate(docs)).search(["china"], k=10)
    assert [h.passage_id for h in hits] == [2, 4, 0, 1, 3]


def test_empty_corpus_and_empty_query_find_nothing():
    assert build_index([]).search(["china"]) == []
    assert build_index([(1, []), (2, [])]).search(["china"]) == []
    assert build_index(enumerate([["a"], ["b"], ["c"], ["d"], ["e"], ["f"]])).search([]) == []


@pytest.mark.parametrize("k", [1, 3, 100])
def test_top_k_is_the_true_top_k(k):
    rng = random.Random(k)
    corpus = [[rng.choice("abcdefghij") for _ in range(rng.randint(1, 20))] for _ in range(500)]
    index = build_index(enumerate(corpus))
    scores = index.scores(["a", "j"])
    hits = index.search(["a", "j"], k=k)
    expected = sorted((i for i in range(500) if scores[i] > 0), key=lambda i: (-scores[i], i))[:k]
    assert [h.passage_id for h in hits] == expected


def test_containing_ranks_by_distinct_terms_matched_for_tiny_corpora():
    index = build_index([(1, ["trade", "beijing"]), (2, ["trade"])])
    assert index.search(["trade", "beijing"]) == []  # every idf is negative with two documents
    assert [h.passage_id for h in index.containing(["trade", "beijing", "trade"])] == [1, 2]
