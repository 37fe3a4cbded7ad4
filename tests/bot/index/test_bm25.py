from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from bot.index import BM25Index, build_index
from bot.index.bm25 import build_segment
from bot.store.passages import iter_passages


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


def _realistic_corpus(docs: int, seed: int) -> list[list[str]]:
    # Zipf-distributed vocabulary and sentence lengths like news sentences after stopwords:
    # a few terms in most documents (negative idf), a long tail seen once.
    rng = np.random.default_rng(seed)
    vocab = [f"t{i}" for i in range(5000)]
    lengths = rng.integers(1, 40, size=docs)
    return [[vocab[min(int(r), 4999)] for r in rng.zipf(1.3, size=n) - 1] for n in lengths]


def test_scores_equal_rank_bm25_on_a_realistic_corpus_split_over_segments():
    corpus = _realistic_corpus(3000, seed=11)
    reference = BM25Okapi(corpus)
    head, tail = list(enumerate(corpus))[:2600], list(enumerate(corpus))[2600:]
    index = BM25Index([build_segment(head), build_segment(tail)])
    assert len(index.segments) == 2
    for query in (["t0"], ["t1", "t7", "t300"], ["t2", "t2", "t4999"], ["t40", "t41", "t42"]):
        expected = reference.get_scores(query)
        np.testing.assert_allclose(index.scores(query), expected, rtol=1e-6, atol=0)
        top = sorted((i for i in range(3000) if expected[i] > 0), key=lambda i: (-expected[i], i))
        assert [h.passage_id for h in index.search(query, k=10)] == top[:10]


def test_a_term_new_in_the_added_segment_is_found_with_its_global_idf():
    index = BM25Index(
        [
            build_segment(enumerate(_realistic_corpus(50, 2))),
            build_segment([(99, ["brandnew", "t1"])]),
        ]
    )
    reference = BM25Okapi([*_realistic_corpus(50, 2), ["brandnew", "t1"]])
    np.testing.assert_allclose(
        index.scores(["brandnew"]), reference.get_scores(["brandnew"]), rtol=1e-9
    )
    assert [h.passage_id for h in index.search(["brandnew"])] == [99]
    assert index.document_frequency("brandnew") == 1


def test_terms_joined_by_spaces_index_like_term_lists_including_empty_passages():
    docs = [["china", "uk"], [], ["taiwan"], ["china", "china", "beijing"], [], ["uk"]]
    as_lists = build_index(enumerate(docs))
    as_strings = build_index((i, " ".join(d)) for i, d in enumerate(docs))
    assert as_strings.vocab == as_lists.vocab
    for query in (["china"], ["uk", "taiwan", "beijing"]):
        np.testing.assert_array_equal(as_strings.scores(query), as_lists.scores(query))


def test_seed_corpus_scores_equal_rank_bm25_when_its_last_article_arrives_as_an_addition(seeded):
    with seeded.sessions() as session:
        passages = list(iter_passages(session))
    cut = len(passages) * 4 // 5
    index = BM25Index([build_segment(passages[:cut]), build_segment(passages[cut:])])
    reference = BM25Okapi([terms for _, terms in passages])
    for query in (["sanction", "mps"], ["huawei"], ["human", "right", "human"], ["china"]):
        np.testing.assert_allclose(index.scores(query), reference.get_scores(query), rtol=1e-6)
