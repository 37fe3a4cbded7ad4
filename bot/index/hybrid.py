"""Hybrid search: BM25's exact words joined by sentence vectors' meaning, and the question's names.

BM25 finds a sentence that shares the question's words and misses one that says the same in
others ("how many jobs will go" for "plans to cut 1,200 posts"); vectors find paraphrases but
blur names and numbers. The two are fused by a weighted sum of scores on one scale, which
beats rank fusion when both lists are scored (Bruch et al., "An Analysis of Fusion Functions
for Hybrid Retrieval", 2023). Candidates for the vector stage:

- every sentence of the articles that mention the question's names (people, organisations,
  places: the query's proper nouns, weighted by rarity), the strongest evidence of which
  articles are meant;
- every sentence of the articles BM25 ranks best, where a paraphrased answer usually sits
  beside the sentences that share the question's words;
- the sentences closest in meaning across the whole corpus (bot.index.vectors.nearest).

Each candidate's BM25 score is BM25Index.scores' own, unchanged, and reported on its hit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.index.bm25 import BM25Index, Hit
from bot.index.vectors import Vectors

LEXICAL_DEPTH = 100  # BM25 hits considered
LEXICAL_ARTICLES = 10  # articles of the best BM25 hits whose every sentence is a candidate
NAMED_ARTICLES = 30  # articles naming the question's names, whose sentences are candidates
GLOBAL_DEPTH = 50  # closest sentences across the corpus
# Every candidate has some cosine with the question, so every fused score is positive; below
# this share of the best one a sentence is not evidence enough to bring its quotes and dated
# events into the brief (BM25 alone keeps only sentences that share a word).
FLOOR = 0.5


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts. Chosen on the development questions of
    evaluation.questions (lexical 0.1-0.15 with names 1.0-1.5 answered the most; more weight
    on words lost paraphrases, keyword questions stayed answered throughout), never on the
    held-out ones."""

    semantic: float = 0.6  # cosine of question and sentence
    lexical: float = 0.15  # BM25 of the words besides the names, over the question's best BM25
    names: float = 1.0  # × the share of the question's names (by idf) the article holds


def hybrid_search(
    index: BM25Index,
    vectors: Vectors,
    terms: Sequence[str],
    names: Sequence[str],
    question: np.ndarray,
    k: int,
    weights: Weights = Weights(),
) -> list[Hit]:
    """The k best passages by fused score; each hit carries its BM25 and cosine scores.

    `terms` are the question's BM25 terms, `names` those of them that are names, `question`
    its unit vector. A passage without a vector yet (embedding behind) competes on BM25 alone.
    """
    lexical = index.search(terms, k=LEXICAL_DEPTH)
    article_names = _named_articles(index, vectors, names)
    ids, cosines, articles = _candidates(vectors, lexical, article_names, question)
    bm25 = _bm25_of(index, terms, ids)
    # Within the articles the names point to, every sentence shares the names: what sets the
    # answer apart is the question's other words, so those alone make the lexical evidence.
    topic = [t for t in terms if t not in set(names)] or list(terms)
    lexical_scores = _bm25_of(index, topic, ids) if len(topic) < len(terms) else bm25
    # On the scale of the whole question's best BM25 score: one common word left over ("role")
    # must not count as much as a sentence matching the question throughout.
    top = float(bm25.max()) if len(ids) and bm25.max() > 0 else 1.0
    named_share = np.array([article_names.get(int(a), 0.0) for a in articles])
    # Names scale a sentence's own relevance rather than add to it: every sentence of a named
    # article gains, in proportion to how well it answers, and a sentence answering nothing
    # stays low however often the article names the question's people and places.
    fused = (
        weights.semantic * np.clip(cosines, 0, None) + weights.lexical * lexical_scores / top
    ) * (1 + weights.names * named_share)
    order = np.lexsort((ids, -fused))[:k]
    if len(order):
        order = order[fused[order] >= FLOOR * fused[order[0]]]
    return [
        Hit(int(ids[i]), float(fused[i]), bm25=float(bm25[i]), semantic=float(cosines[i]))
        for i in order
    ]


def _candidates(
    vectors: Vectors, lexical: list[Hit], article_names: dict[int, float], question: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The passages to score (ids), their cosines with the question and their articles: every
    sentence of the best BM25 articles and of the named ones, the closest in meaning across
    the corpus, and BM25's own hits (those without a vector yet at cosine 0, article -1)."""
    best_articles = _articles_of(vectors, [h.passage_id for h in lexical])[:LEXICAL_ARTICLES]
    named = sorted(article_names, key=lambda a: -article_names[a])[:NAMED_ARTICLES]
    near, _ = vectors.nearest(question, GLOBAL_DEPTH)
    positions = np.unique(np.concatenate([
        vectors.in_articles([*best_articles, *named]), near,
        vectors.positions([h.passage_id for h in lexical]),
    ]).astype(np.int64))  # fmt: skip
    ids = vectors.ids[positions]
    cosines = vectors.cosines(positions, question) if len(positions) else np.zeros(0)
    embedded = set(ids.tolist())
    unembedded = [h.passage_id for h in lexical if h.passage_id not in embedded]
    return (
        np.concatenate([ids, np.asarray(unembedded, np.int64)]),
        np.concatenate([cosines, np.zeros(len(unembedded))]),
        np.concatenate([vectors.articles[positions], np.full(len(unembedded), -1)]),
    )


def _bm25_of(index: BM25Index, terms: Sequence[str], ids: np.ndarray) -> np.ndarray:
    scores = index.scores(terms)
    # The index's passage ids rise through its segments: a row is found by bisection.
    rows = np.searchsorted(index.ids, ids)
    rows = np.minimum(rows, max(len(index.ids) - 1, 0))
    found = index.ids[rows] == ids if len(index.ids) else np.zeros(len(ids), bool)
    return np.where(found, scores[rows] if len(scores) else 0.0, 0.0).clip(0, None)


def _named_articles(index: BM25Index, vectors: Vectors, names: Sequence[str]) -> dict[int, float]:
    """Articles holding any of the names, with the share of the names' idf they hold."""
    weight = {n: float(index.idf[index.vocab[n]]) for n in dict.fromkeys(names) if n in index.vocab}
    total = sum(max(w, 0.0) for w in weight.values())
    if total <= 0:
        return {}
    held: dict[int, float] = {}
    for name, w in weight.items():
        passages = index.passages_with(name)
        for article in np.unique(vectors.articles[vectors.positions(passages)]).tolist():
            held[article] = held.get(article, 0.0) + max(w, 0.0) / total
    return held


def _articles_of(vectors: Vectors, passage_ids: Sequence[int]) -> list[int]:
    """The articles of these passages, in the passages' order, each once."""
    positions = vectors.positions(passage_ids)
    return list(dict.fromkeys(vectors.articles[positions].tolist()))
