"""rank-bm25's BM25Okapi on the same tokens as the store, timed and compared score by score."""

from __future__ import annotations

import sqlite3
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi
from spacy.language import Language

from bot.index import BM25Index
from bot.nlp.terms import query_terms


def rank_bm25_figures(
    db: Path, index: BM25Index, nlp: Language, queries: Sequence[str]
) -> dict[str, object]:
    """Build and query times of BM25Okapi, and the largest relative score difference to ours."""
    con = sqlite3.connect(db)
    corpus = [terms.split() for (terms,) in con.execute("SELECT terms FROM sentences ORDER BY id")]
    con.close()
    began = time.perf_counter()
    reference = BM25Okapi(corpus)
    build_s = time.perf_counter() - began
    del corpus
    timings, worst = [], 0.0
    for query in queries:
        terms = list(query_terms(nlp(query), index.vocab))
        began = time.perf_counter()
        expected = reference.get_scores(terms)
        np.argsort(expected)[::-1][:10]  # its top 10, as rank-bm25's get_top_n does
        timings.append((time.perf_counter() - began) * 1000)
        worst = max(worst, max_relative_diff(index.scores(terms), expected))
    return {
        "rank_bm25_build_s": build_s,
        "rank_bm25_query_p50_ms": statistics.median(timings),
        "rank_bm25_queries": len(timings),
        "parity_max_rel_diff": worst,
    }


def max_relative_diff(ours: np.ndarray, expected: np.ndarray) -> float:
    """The largest |ours − expected| / |expected| over all documents (0 where both are 0)."""
    scale = np.maximum(np.abs(expected), np.finfo(np.float64).tiny)
    return float(np.max(np.abs(ours - expected) / scale)) if len(expected) else 0.0
