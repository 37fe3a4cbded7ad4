from __future__ import annotations

import numpy as np
import pytest

from bot.index import build_index
from bot.index.hybrid import hybrid_search
from bot.index.vectors import Vectors, vector_segment
from bot.nlp.minilm import NumpyMiniLM

# (passage id, article id, text, terms): two articles about two firms, and others.
PASSAGES = [
    (1, 1, "Deutsche Bank plans to cut 1,200 posts in Germany.",
     "deutsche bank plan cut post germany"),
    (2, 1, "Deutsche Bank reported profits on Thursday.", "deutsche bank report profit thursday"),
    (3, 2, "Commerzbank will keep all of its jobs, its chief said.", "commerzbank job chief say"),
    (4, 2, "Jobs at the carmaker are safe, the union said.", "job carmaker safe union say"),
    (5, 3, "Shares in the retailer tumbled 12% after a warning.", "share retailer tumble warning"),
    (6, 3, "The retailer sells clothes in forty countries.", "retailer sell clothe country"),
    (7, 4, "The weather was fine for the race on Sunday.", "weather fine race sunday"),
    (8, 4, "Jobs, jobs and more jobs: the minister's slogan.", "job job job minister slogan"),
]  # fmt: skip


@pytest.fixture(scope="module")
def corpus(encoder: NumpyMiniLM):
    index = build_index([(p, terms.split()) for p, _, _, terms in PASSAGES])
    vectors = encoder.encode([text for _, _, text, _ in PASSAGES])
    segment = vector_segment([p[0] for p in PASSAGES], [p[1] for p in PASSAGES], vectors)
    return index, Vectors([segment], live=index.ids)


def search(corpus, encoder, question, terms, names=()):
    index, vectors = corpus
    return hybrid_search(index, vectors, terms, names, encoder.encode([question])[0], k=8)


def test_a_question_in_other_words_finds_the_answer_that_bm25_ranks_below_others(corpus, encoder):
    index, _ = corpus
    terms, names = ["job", "deutsche", "bank"], ["deutsche", "bank"]
    lexical = [h.passage_id for h in index.search(terms, k=3)]
    assert lexical[0] != 1  # BM25 alone prefers "Deutsche Bank reported profits"
    hits = search(corpus, encoder, "How many jobs will go at Deutsche Bank?", terms, names)
    assert hits[0].passage_id == 1


def test_a_paraphrase_sharing_no_word_is_found_by_meaning(corpus, encoder):
    hits = search(corpus, encoder, "How far did the stock fall?", ["far", "stock", "fall"])
    assert hits[0].passage_id == 5


def test_each_hit_reports_its_own_unchanged_bm25_score_and_cosine(corpus, encoder):
    index, vectors = corpus
    terms = ["retailer", "profit"]
    scores = dict(zip(index.ids.tolist(), index.scores(terms).tolist(), strict=True))
    question = encoder.encode(["retailer profit"])[0]
    for hit in search(corpus, encoder, "retailer profit", terms):
        assert hit.bm25 == pytest.approx(max(scores[hit.passage_id], 0.0), abs=1e-12)
        position = vectors.positions([hit.passage_id])
        assert hit.semantic == pytest.approx(
            float(vectors.cosines(position, question)[0]), abs=1e-6
        )
    scored = [h.score for h in search(corpus, encoder, "retailer profit", terms)]
    assert scored == sorted(scored, reverse=True)


def test_a_passage_without_a_vector_yet_is_still_found_by_its_words(corpus, encoder):
    index, _ = corpus
    half = Vectors([], live=index.ids)  # nothing embedded yet
    question = encoder.encode(["carmaker union"])[0]
    hits = hybrid_search(index, half, ["carmaker", "union"], [], question, k=3)
    assert [h.passage_id for h in hits] == [4] and hits[0].semantic == 0.0


def test_names_in_the_question_bring_their_articles_forward(corpus, encoder):
    hits = search(corpus, encoder, "Will Commerzbank cut staff?", ["commerzbank", "cut", "staff"],
                  ["commerzbank"])  # fmt: skip
    assert hits[0].passage_id == 3
    assert np.all(np.diff([h.score for h in hits]) <= 0)
