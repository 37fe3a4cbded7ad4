"""Exact BM25Okapi (rank-bm25's formula and defaults) over precomputed sparse weights.

rank-bm25 rescans every document for every query term; here each term's postings carry
their final weight, so a query only touches the documents that contain its terms.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

K1, B, EPSILON = 1.5, 0.75, 0.25


@dataclass(frozen=True)
class Hit:
    passage_id: int
    score: float


@dataclass(frozen=True)
class BM25Index:
    ids: np.ndarray  # passage id of each document row (int64)
    vocab: dict[str, int]
    indptr: np.ndarray  # postings of term t: docs[indptr[t]:indptr[t+1]]
    docs: np.ndarray  # document rows (int32)
    weights: np.ndarray  # idf * tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl)) (float64)

    @property
    def size(self) -> int:
        return len(self.ids)

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """A score for every document, equal to rank-bm25's BM25Okapi.get_scores(terms)."""
        rows, weights = self._postings(terms)
        if not rows:
            return np.zeros(self.size)
        return np.bincount(
            np.concatenate(rows), weights=np.concatenate(weights), minlength=self.size
        )

    def search(self, terms: Sequence[str], k: int = 10) -> list[Hit]:
        """The k best documents with a positive score, best first (ties by passage id)."""
        if k <= 0 or self.size == 0:
            return []
        rows, weights = self._postings(terms)
        if not rows:
            return []
        all_rows = np.concatenate(rows)
        touched, inverse = np.unique(all_rows, return_inverse=True)
        totals = np.bincount(inverse, weights=np.concatenate(weights), minlength=len(touched))
        positive = totals > 0  # a term in most documents can score zero or below: no evidence
        touched, totals = touched[positive], totals[positive]
        if len(totals) > k:
            keep = np.argpartition(-totals, k - 1)[:k]
            touched, totals = touched[keep], totals[keep]
        ids = self.ids[touched]
        order = np.lexsort((ids, -totals))
        return [Hit(int(ids[i]), float(totals[i])) for i in order]

    def containing(self, terms: Sequence[str], k: int = 10) -> list[Hit]:
        """Documents holding the most distinct query terms: the fallback where BM25Okapi's
        idf is negative for every term (a corpus of one or two documents)."""
        rows, _ = self._postings(list(dict.fromkeys(terms)))
        if not rows or k <= 0:
            return []
        counts = np.bincount(np.concatenate(rows), minlength=self.size)
        touched = np.flatnonzero(counts)
        order = np.lexsort((self.ids[touched], -counts[touched]))[:k]
        return [Hit(int(self.ids[touched[i]]), float(counts[touched[i]])) for i in order]

    def document_frequency(self, term: str) -> int:
        """How many documents contain the term."""
        t = self.vocab.get(term)
        return 0 if t is None else int(self.indptr[t + 1] - self.indptr[t])

    def _postings(self, terms: Sequence[str]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        rows, weights = [], []
        for term in terms:  # a repeated term counts again, as in rank-bm25
            t = self.vocab.get(term)
            if t is None:
                continue
            lo, hi = self.indptr[t], self.indptr[t + 1]
            rows.append(self.docs[lo:hi])
            weights.append(self.weights[lo:hi])
        return rows, weights


def build_index(
    passages: Iterable[tuple[int, Sequence[str]]],
    k1: float = K1,
    b: float = B,
    epsilon: float = EPSILON,
) -> BM25Index:
    """Index (passage id, terms) pairs; an empty corpus gives an index that finds nothing."""
    vocab: dict[str, int] = {}
    ids: list[int] = []
    lengths: list[int] = []
    term_ids: list[int] = []
    doc_rows: list[int] = []
    freqs: list[int] = []
    for row, (passage_id, terms) in enumerate(passages):
        ids.append(passage_id)
        lengths.append(len(terms))
        for term, tf in Counter(terms).items():
            term_ids.append(vocab.setdefault(term, len(vocab)))
            doc_rows.append(row)
            freqs.append(tf)
    n_docs, total = len(ids), int(sum(lengths))
    if n_docs == 0 or total == 0:
        empty = np.zeros(0)
        return BM25Index(np.asarray(ids, np.int64), {}, np.zeros(1, np.int64),
                         empty.astype(np.int32), empty)  # fmt: skip

    t_arr = np.asarray(term_ids, np.int64)
    order = np.argsort(t_arr, kind="stable")
    t_sorted = t_arr[order]
    rows = np.asarray(doc_rows, np.int32)[order]
    tfs = np.asarray(freqs, np.float64)[order]
    df = np.bincount(t_sorted, minlength=len(vocab))
    indptr = np.zeros(len(vocab) + 1, np.int64)
    np.cumsum(df, out=indptr[1:])

    idf = _okapi_idf(df, n_docs, epsilon)
    doc_len = np.asarray(lengths, np.float64)
    avgdl = total / n_docs
    norm = k1 * (1 - b + b * doc_len[rows] / avgdl)
    weights = idf[t_sorted] * (tfs * (k1 + 1) / (tfs + norm))
    return BM25Index(np.asarray(ids, np.int64), vocab, indptr, rows, weights)


def _okapi_idf(df: np.ndarray, n_docs: int, epsilon: float) -> np.ndarray:
    # rank-bm25: idf = log(N − n + 0.5) − log(n + 0.5); a negative idf is floored at
    # epsilon × the mean idf of the vocabulary.
    idf = np.array([math.log(n_docs - n + 0.5) - math.log(n + 0.5) for n in df.tolist()])
    floor = epsilon * float(idf.sum()) / len(idf)
    idf[idf < 0] = floor
    return idf
